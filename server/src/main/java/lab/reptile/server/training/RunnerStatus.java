package lab.reptile.server.training;

import java.util.List;
import lab.reptile.model.ReptileConfig;

/**
 * A consistent view of the trainer for the API.
 *
 * @param tasksPerSecond tasks trained per second of running time (pauses excluded), 0 before the first step
 * @param history        validation MSE at k = 8 over the run, oldest first
 * @param problem        why training stopped early (DIVERGED, FAILED), or null
 */
public record RunnerStatus(TrainingState state, long metaIteration, long tasksDone, long tasksTotal,
                           double tasksPerSecond, ReptileConfig config, List<ValidationPoint> history,
                           long version, String problem) {
}
