package lab.reptile.browser;

import static lab.reptile.browser.TreeReader.array;
import static lab.reptile.browser.TreeReader.count;
import static lab.reptile.browser.TreeReader.member;
import static lab.reptile.browser.TreeReader.number;
import static lab.reptile.browser.TreeReader.string;

/**
 * The server's training progress from {@code GET /api/training}, reduced to what the progress bar shows.
 *
 * @param tasksPerSecond  training speed, tasks (inner loops) per second
 * @param latestMseAt8    the last validation MSE after 8 steps in the history, or NaN if there is none yet
 * @param problem         why training stopped early (the server's optional "problem" key), or null
 */
public record TrainingProgress(String state, long metaIteration, long tasksDone, long tasksTotal,
                             double tasksPerSecond, double latestMseAt8, String problem) {

    /** Reads the JSON body; a missing or mistyped key gets an IllegalArgumentException that names it. */
    public static TrainingProgress read(Tree root) {
        String where = "the training status";
        String state = string(member(root, "state", where), "state");
        long metaIteration = count(member(root, "metaIteration", where), "metaIteration");
        long tasksDone = count(member(root, "tasksDone", where), "tasksDone");
        long tasksTotal = count(member(root, "tasksTotal", where), "tasksTotal");
        double tasksPerSecond = number(member(root, "tasksPerSecond", where), "tasksPerSecond");
        Tree problem = root.get("problem");
        return new TrainingProgress(state, metaIteration, tasksDone, tasksTotal, tasksPerSecond, latestMse(root),
                problem == null ? null : string(problem, "problem"));
    }

    /** Share of the planned tasks done, in [0, 1]. */
    public double fraction() {
        return tasksTotal == 0 ? 0 : Math.min(1.0, (double) tasksDone / tasksTotal);
    }

    /** One line for the progress label, e.g. "running · 12,000 / 30,000 tasks · 1,850 tasks/s · MSE@8 0.0970". */
    public String summary() {
        String line = state + " · " + Numbers.grouped(tasksDone) + " / " + Numbers.grouped(tasksTotal) + " tasks · "
                + Numbers.grouped(Math.round(tasksPerSecond)) + " tasks/s";
        if (!Double.isNaN(latestMseAt8)) {
            line += " · validation MSE@8 " + Numbers.short3(latestMseAt8);
        }
        return problem == null ? line : line + " · " + problem;
    }

    private static double latestMse(Tree root) {
        Tree history = root.get("history");
        if (history == null || array(history, "history").length() == 0) {
            return Double.NaN;
        }
        int last = history.length() - 1;
        return number(member(history.at(last), "mseAt8", "history[" + last + "]"), "history[" + last + "].mseAt8");
    }
}
