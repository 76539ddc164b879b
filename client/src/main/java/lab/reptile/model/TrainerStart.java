package lab.reptile.model;

import java.util.Random;

/**
 * Where a trainer starts: its weights, the task stream it reads on, and the meta-iteration it is at — iteration 0
 * from a seed, or wherever another trainer stood ({@link MetaLearner#resumePoint()}), to continue it exactly.
 */
public record TrainerStart(Params initialWeights, TaskStream tasks, long metaIteration) {
    public TrainerStart {
        if (metaIteration < 0) {
            throw new IllegalArgumentException("metaIteration must be non-negative, got " + metaIteration);
        }
    }

    public TrainerStart(Params initialWeights, TaskStream tasks) {
        this(initialWeights, tasks, 0);
    }

    /** One {@code Random} from the seed draws the initial weights, then feeds the task stream. */
    public static TrainerStart fromSeed(ReptileConfig config, NetShape shape) {
        Random rng = new Random(config.seed());
        Params initial = Params.initial(shape, rng);
        return new TrainerStart(initial, TaskStream.of(config, rng));
    }
}
