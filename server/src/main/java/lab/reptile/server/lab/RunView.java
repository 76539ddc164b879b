package lab.reptile.server.lab;

import java.util.List;
import lab.reptile.server.snapshot.Snapshot;
import lab.reptile.model.ValidationPoint;

/**
 * What a run shows at one moment, immutable: the trainer publishes a new view, readers take the latest one.
 *
 * @param latest         the latest finite meta-weights
 * @param tasksPerSecond tasks trained per second of training time in this process, 0 before the first step
 * @param history        validation MSE after 8 steps against tasks done, oldest first
 * @param timeline       the kept snapshots so far, by index
 * @param report         the final evaluation, or null until the run has finished
 * @param problem        why the run stopped early (diverged, failed), or null
 * @param worker         the name of the worker training it, or null
 */
public record RunView(RunState state, long metaIteration, long tasksDone, double tasksPerSecond, Snapshot latest,
                      List<ValidationPoint> history, List<TimelineEntry> timeline, RunReport report,
                      String problem, String worker) {
    public RunView {
        history = List.copyOf(history);
        timeline = List.copyOf(timeline);
    }

    public RunView withState(RunState newState, String newProblem) {
        return new RunView(newState, metaIteration, tasksDone, tasksPerSecond, latest, history, timeline, report,
                newProblem, worker);
    }
}
