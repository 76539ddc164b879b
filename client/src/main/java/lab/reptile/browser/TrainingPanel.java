package lab.reptile.browser;

/** What the page knows of the server's training: the last progress and learning curve, and whether it is stale. */
public final class TrainingPanel {
    /** The progress line before the server has answered once. */
    public static final String WAITING = "waiting for the server…";
    /** Put before the progress line while the server cannot be asked. */
    public static final String STALE = "last known: ";

    private final Changes changes;
    private TrainingProgress progress;
    private ProgressHistory history = new ProgressHistory(new double[0], new double[0]);
    private boolean stale;

    TrainingPanel(Changes changes) {
        this.changes = changes;
    }

    /** A fresh answer from the server. */
    void update(TrainingProgress latest, ProgressHistory curve) {
        progress = latest;
        history = curve;
        stale = false;
        changes.mark(Changes.Part.TRAINING);
    }

    /** The server could not be asked: keep the last answer, marked as out of date. */
    void markStale() {
        stale = true;
        changes.mark(Changes.Part.TRAINING);
    }

    /** The last answer, or null before the first. */
    public TrainingProgress progress() {
        return progress;
    }

    /** The learning curve of the last answer (empty before the first). */
    public ProgressHistory history() {
        return history;
    }

    public boolean stale() {
        return stale;
    }

    /** The progress line, e.g. "running · 1,200 / 30,000 tasks · 1,850 tasks/s", prefixed by {@link #STALE}. */
    public String line() {
        return (stale ? STALE : "") + (progress == null ? WAITING : progress.summary());
    }
}
