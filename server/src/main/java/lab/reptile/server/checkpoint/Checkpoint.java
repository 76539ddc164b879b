package lab.reptile.server.checkpoint;

import lab.reptile.model.MetaLearner;
import lab.reptile.model.Params;
import lab.reptile.model.ReptileConfig;
import lab.reptile.model.TrainerStart;
import lab.reptile.model.SineFamily;
import lab.reptile.model.TaskStream;

/**
 * A training run's resumable state: its hyperparameters, the meta-iteration reached, the meta-weights there and the
 * task generator's random state, which together let a new trainer continue bit for bit.
 *
 * @param randomState the task stream's serialised {@code java.util.Random}; do not modify
 */
public record Checkpoint(ReptileConfig config, long metaIteration, Params weights, byte[] randomState) {

    /** The state {@code learner} stands at now. */
    public static Checkpoint of(MetaLearner learner) {
        TrainerStart point = learner.resumePoint();
        return new Checkpoint(learner.config(), point.metaIteration(), point.initialWeights(),
                point.tasks().randomState());
    }

    /** Where a trainer resumes from this checkpoint. */
    public TrainerStart start() {
        TaskStream tasks = TaskStream.restore(new SineFamily(), randomState, config.pointsPerTask());
        return new TrainerStart(weights, tasks, metaIteration);
    }

    public long tasksDone() {
        return metaIteration * config.metaBatchSize();
    }
}
