package lab.reptile.browser;

/** The adapt form's two fields as the visitor left them; the page reads its inputs, tests set the text by hand. */
public interface AdaptForm {
    /** The steps field's text, unparsed. */
    String steps();

    /** The learning-rate field's text, unparsed. */
    String lr();

    /** Writes both fields (and the adapt button's label). */
    void fill(String steps, String lr);

    /** The adapt button's label for the steps field's text, e.g. "Adapt 8 steps" or "Adapt 1 step". */
    static String buttonLabel(String steps) {
        String trimmed = steps.trim();
        return "Adapt " + trimmed + ("1".equals(trimmed) ? " step" : " steps");
    }
}
