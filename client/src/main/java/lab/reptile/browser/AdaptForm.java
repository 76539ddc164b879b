package lab.reptile.browser;

/** The adapt form's two fields as the visitor left them; the page reads its inputs, tests set the text by hand. */
public interface AdaptForm {
    /** The steps field's text, unparsed. */
    String steps();

    /** The learning-rate field's text, unparsed. */
    String lr();

    /** Writes both fields (and the adapt button's label). */
    void fill(String steps, String lr);

    /**
     * The adapt button's label for the steps field's text, e.g. "Adapt 8 steps" or "Adapt 1 step"; just "Adapt" for a
     * text that is no valid count (2.5, 0, 99, empty), whose press then says why.
     */
    static String buttonLabel(String steps) {
        int count;
        try {
            count = AdaptSettings.parseSteps(steps);
        } catch (IllegalArgumentException e) {
            return "Adapt";
        }
        return count < AdaptSettings.MIN_STEPS || count > AdaptSettings.MAX_STEPS ? "Adapt"
                : "Adapt " + count + (count == 1 ? " step" : " steps");
    }
}
