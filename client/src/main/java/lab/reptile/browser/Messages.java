package lab.reptile.browser;

/**
 * The page's two message areas: the error banner, which shows the first open problem with the server by
 * {@link Source} (weights fetch before training poll), and the status line: the note on the visitor's last action,
 * then why the fit on screen is missing or off (no meta-weights, a bad field, a diverged fit), which the page sets
 * again on every adaptation, so it lasts exactly as long as its cause. Every visitor action replaces the note (with
 * "" if it has none), so "Point added." does not outlive the next adapt, pick or drag.
 */
public final class Messages {
    /** Where a problem with the server came from, in the order the banner prefers them. */
    public enum Source {
        /** Fetching the meta-weights failed or brought invalid weights. */
        WEIGHTS,
        /** Polling the training progress failed. */
        TRAINING
    }

    private final Changes changes;
    private final String[] problems = new String[Source.values().length];
    private String status = "";
    private String adaptProblem;

    Messages(Changes changes) {
        this.changes = changes;
    }

    /** Records the problem {@code message} from {@code source}, replacing its last one. */
    void fail(Source source, String message) {
        problems[source.ordinal()] = message;
        changes.mark(Changes.Part.MESSAGES);
    }

    /** The last request from {@code source} went well: its problem, if any, is over. */
    void recover(Source source) {
        if (problems[source.ordinal()] != null) {
            problems[source.ordinal()] = null;
            changes.mark(Changes.Part.MESSAGES);
        }
    }

    /** Replaces the status line's note on the visitor's last action ("" for an action without one). */
    void say(String message) {
        if (!message.equals(status)) {
            status = message;
            changes.mark(Changes.Part.MESSAGES);
        }
    }

    /** Why the last adaptation is missing or off, or null when it went well; replaced by each adaptation. */
    void adaptProblem(String problem) {
        if (problem == null ? adaptProblem != null : !problem.equals(adaptProblem)) {
            adaptProblem = problem;
            changes.mark(Changes.Part.MESSAGES);
        }
    }

    /** The open problem from {@code source}, or null. */
    public String problem(Source source) {
        return problems[source.ordinal()];
    }

    /** What the banner shows: the first open problem in {@link Source} order, or null to hide it. */
    public String banner() {
        for (String problem : problems) {
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    /** The status line's text ("" at first): the last action's note, then the adaptation's problem, if any. */
    public String status() {
        if (adaptProblem == null) {
            return status;
        }
        String problem = Character.toUpperCase(adaptProblem.charAt(0)) + adaptProblem.substring(1);
        return status.isEmpty() ? problem : status + " " + problem;
    }
}
