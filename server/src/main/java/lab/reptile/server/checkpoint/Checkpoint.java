package lab.reptile.server.checkpoint;

import java.util.Arrays;
import java.util.Objects;
import lab.reptile.model.MetaLearner;
import lab.reptile.model.Params;
import lab.reptile.model.ReptileConfig;
import lab.reptile.model.TrainerStart;
import lab.reptile.model.TaskStream;

/**
 * A training run's resumable state: its hyperparameters, the meta-iteration reached, the meta-weights there and the
 * task generator's random state, which together let a new trainer continue bit for bit. Immutable (the random
 * state is copied in and out) and compared by value, so a checkpoint that loads back equals the one saved.
 *
 * @param randomState the task stream's serialised {@code java.util.Random}
 */
public record Checkpoint(ReptileConfig config, long metaIteration, Params weights, byte[] randomState) {
    public Checkpoint {
        randomState = randomState.clone();
    }

    /** The state {@code learner} stands at now. */
    public static Checkpoint of(MetaLearner learner) {
        TrainerStart point = learner.resumePoint();
        return new Checkpoint(learner.config(), point.metaIteration(), point.initialWeights(),
                point.tasks().randomState());
    }

    /** Where a trainer resumes from this checkpoint. */
    public TrainerStart start() {
        TaskStream tasks = TaskStream.restore(config, randomState);
        return new TrainerStart(weights, tasks, metaIteration);
    }

    public long tasksDone() {
        return metaIteration * config.metaBatchSize();
    }

    /** A copy of the serialised generator (a few dozen bytes). */
    @Override
    public byte[] randomState() {
        return randomState.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Checkpoint that && config.equals(that.config) && metaIteration == that.metaIteration
                && weights.equals(that.weights) && Arrays.equals(randomState, that.randomState);
    }

    @Override
    public int hashCode() {
        return Objects.hash(config, metaIteration, weights, Arrays.hashCode(randomState));
    }

    @Override
    public String toString() {
        return "Checkpoint[config=" + config + ", metaIteration=" + metaIteration + "]";
    }
}
