package lab.reptile.browser;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The lab's runs as the page knows them: the list for the picker, the chosen run's detail, where its timeline slider
 * is, whether the page follows it live or replays it, the run-status line, and every learning curve fetched so far
 * (the learning-curve chart overlays them).
 */
public final class RunsPanel {
    /** The run the page shows first. */
    public static final String DEFAULT_RUN = "default";

    private final Changes changes;
    private List<RunSummary> runs = new ArrayList<>();
    private final Map<String, ProgressHistory> curves = new LinkedHashMap<>();
    private final Map<String, String> names = new LinkedHashMap<>();
    private String chosen = DEFAULT_RUN;
    private RunDetail detail;
    private int position = -1;
    private boolean follow = true;
    private boolean replaying;
    private String status = "";
    private String refusal; // why the last start was refused, until the next start or its Retry-After is over
    private long retryLeft; // seconds until the refusal's cause ends (the server's Retry-After), 0 without one

    RunsPanel(Changes changes) {
        this.changes = changes;
    }

    void setRuns(List<RunSummary> list) {
        runs = new ArrayList<>(list);
        for (RunSummary run : list) {
            names.put(run.id(), run.name());
        }
        changed();
    }

    /** Picks a run: its timeline is unknown until its detail arrives. */
    void choose(String id) {
        chosen = id;
        detail = null;
        position = -1;
        replaying = false;
        changed();
    }

    /** The chosen run's detail arrived; a slider not yet placed, or left on the live end, goes to the last position. */
    void setDetail(RunDetail fresh) {
        boolean atEnd = detail == null || position < 0 || position >= detail.snapshots() - 1;
        detail = fresh;
        for (int i = 0; i < runs.size(); i++) {
            if (runs.get(i).id().equals(fresh.summary().id())) {
                runs.set(i, fresh.summary()); // the picker's state word is the run's newest
            }
        }
        names.put(fresh.summary().id(), fresh.summary().name());
        curves.put(fresh.summary().id(), fresh.history());
        if ((atEnd && !replaying) || position >= fresh.snapshots()) {
            position = fresh.snapshots() - 1;
        }
        status = fresh.summary().statusLine();
        changed();
    }

    void setPosition(int index) {
        position = Math.max(0, Math.min(index, detail == null ? 0 : detail.snapshots() - 1));
        changed();
    }

    void setFollow(boolean on) {
        follow = on;
        changed();
    }

    void setReplaying(boolean on) {
        replaying = on;
        changed();
    }

    void say(String line) {
        status = line;
        changed();
    }

    /** A new start was tried ({@code line} says how it goes): the last refusal no longer holds. */
    void newAttempt(String line) {
        refusal = null;
        retryLeft = 0;
        say(line);
    }

    /**
     * A start was refused: the status says why, whatever else arrives, until the next start or, with
     * {@code retryAfterSeconds} >= 0, until that time has passed (see {@link #retryIn}).
     */
    void refused(String reason, long retryAfterSeconds) {
        refusal = "Refused: " + reason;
        retryLeft = Math.max(0, retryAfterSeconds);
        changed();
    }

    /** The refusal's cause ends in {@code seconds}; at 0 it is over and Start is enabled again. */
    void retryIn(long seconds) {
        String before = status();
        retryLeft = Math.max(0, seconds);
        if (retryLeft == 0) {
            refusal = null;
        }
        if (!status().equals(before)) {
            changed();
        }
    }

    /** Seconds until a refused start may be tried again, 0 when it may now. */
    public long retryLeft() {
        return retryLeft;
    }

    /** The Start button is enabled unless a refusal's Retry-After is still running. */
    public boolean canStart() {
        return retryLeft == 0;
    }

    private void changed() {
        changes.mark(Changes.Part.RUNS);
    }

    public List<RunSummary> runs() {
        return runs;
    }

    public String chosen() {
        return chosen;
    }

    /** The chosen run's detail, or null until it arrives. */
    public RunDetail detail() {
        return detail;
    }

    /** The timeline slider's position, -1 before the chosen run's timeline is known. */
    public int position() {
        return position;
    }

    public boolean follow() {
        return follow;
    }

    public boolean replaying() {
        return replaying;
    }

    /** True before the timeline is known or when the slider is on its last position: the run's newest weights. */
    public boolean atEnd() {
        return detail == null || position < 0 || position == detail.snapshots() - 1;
    }

    /** True when the slider is on the last position of a run that may still publish newer weights than it. */
    public boolean atLiveEnd() {
        return detail != null && detail.summary().live() && position == detail.snapshots() - 1;
    }

    /**
     * The timeline's label, e.g. "after 12,000 tasks", or "–" before the timeline is known; at the live end the
     * run's newest weights are in use, so it says how far the run has come (its tasks done), not its last snapshot.
     */
    public String timelineLabel() {
        if (detail == null || position < 0) {
            return "–";
        }
        if (atLiveEnd()) {
            return "after " + Numbers.grouped(detail.summary().tasksDone()) + " tasks (live: following the newest weights)";
        }
        return "after " + Numbers.grouped(detail.timelineTasks()[position]) + " tasks";
    }

    /** The timeline slider's aria-valuetext: its label, e.g. "after 90,000 tasks", or "no snapshots yet". */
    public String timelineValueText() {
        return detail == null || position < 0 ? "no snapshots yet" : timelineLabel();
    }

    /** The run-status line: where the chosen run is, or why the last start was refused and when to try again. */
    public String status() {
        if (refusal == null) {
            return status;
        }
        return retryLeft > 0 ? refusal + ". Try again " + Numbers.inTime(retryLeft) + "." : refusal;
    }

    /** Every learning curve fetched so far, by run id, in the order first seen. */
    public Map<String, ProgressHistory> curves() {
        return curves;
    }

    /** A run's name for the picker and the legend (its id if never listed; the default run's always). */
    public String name(String id) {
        String name = names.get(id);
        return name != null ? name : DEFAULT_RUN.equals(id) ? "default run" : id;
    }
}
