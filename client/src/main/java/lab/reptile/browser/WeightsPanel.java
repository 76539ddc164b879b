package lab.reptile.browser;

import lab.reptile.model.WeightsFile;

/** Which weights the page holds: the last good meta-weights, and how far the pretrained baseline has come. */
public final class WeightsPanel {
    /** Where the pretrained baseline is; its note sits beside the pretrained curve's toggle. */
    public enum Pretrained {
        /** Before the first progress answer, and while the baseline said to be ready is being fetched. */
        LOADING("(loading…)"),
        /** The progress answer says the server still trains the baseline: it is fetched once that says "ready". */
        TRAINING("(training…)"),
        READY(""),
        /** The server has none or it failed to train, or its fetch failed: not asked again. */
        UNAVAILABLE("(unavailable)");

        private final String note;

        Pretrained(String note) {
            this.note = note;
        }

        public String note() {
            return note;
        }
    }

    private final Changes changes;
    private WeightsFile meta;
    private Pretrained pretrained = Pretrained.LOADING;

    WeightsPanel(Changes changes) {
        this.changes = changes;
    }

    /** New meta-weights were accepted. */
    void holdMeta(WeightsFile file) {
        meta = file;
        changes.mark(Changes.Part.WEIGHTS);
    }

    void pretrained(Pretrained state) {
        pretrained = state;
        changes.mark(Changes.Part.WEIGHTS);
    }

    /** The meta-weights in use, or null before the first good ones. */
    public WeightsFile meta() {
        return meta;
    }

    public Pretrained pretrained() {
        return pretrained;
    }

    /** The meta-iteration label: the number with separators ("100,000"), or "–" before weights arrive. */
    public String iterationLabel() {
        return meta == null ? "–" : Numbers.grouped(meta.metaIteration());
    }

    /** The version label: the number with separators, or "–" before weights arrive. */
    public String versionLabel() {
        return meta == null ? "–" : Numbers.grouped(meta.version());
    }

    /**
     * Whether the card names the version beside the meta-iteration: only when they differ, as "Meta-iteration 20,000
     * · v20,000" says one number twice.
     */
    public boolean versionShown() {
        return meta != null && meta.version() != meta.metaIteration();
    }

    /** What a failed fetch adds to its message: which weights stay in use, if any. */
    String keeping() {
        return meta == null ? "" : " Keeping meta-weights version " + Numbers.grouped(meta.version()) + ".";
    }
}
