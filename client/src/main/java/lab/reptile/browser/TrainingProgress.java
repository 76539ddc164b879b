package lab.reptile.browser;

import java.util.List;
import lab.reptile.model.TrainingStatus;
import lab.reptile.model.ValidationPoint;

/**
 * The server's training progress from {@code GET /api/training}, reduced to what the progress bar shows.
 *
 * @param tasksPerSecond  training speed, tasks (inner loops) per second
 * @param latestMseAt8    the last validation MSE after 8 steps in the history, or NaN if there is none yet
 * @param problem         why training stopped early (the server's optional "problem" key), or null
 */
public record TrainingProgress(String state, long metaIteration, long tasksDone, long tasksTotal,
                             double tasksPerSecond, double latestMseAt8, String problem) {

    /** What the progress bar shows of the server's status. */
    public static TrainingProgress of(TrainingStatus status) {
        List<ValidationPoint> history = status.history();
        return new TrainingProgress(status.state(), status.metaIteration(), status.tasksDone(), status.tasksTotal(),
                status.tasksPerSecond(), history.isEmpty() ? Double.NaN : history.get(history.size() - 1).mseAt8(),
                status.problem());
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
}
