package lab.reptile.model;

import java.util.Random;

/**
 * Where every trainer starts from a seed: one {@code Random} draws the initial weights, then feeds the task stream.
 */
public record SeededStart(Params initialWeights, TaskStream tasks) {
    public static SeededStart of(ReptileConfig config, NetShape shape) {
        Random rng = new Random(config.seed());
        Params initial = Params.initial(shape, rng);
        return new SeededStart(initial, new TaskStream(new SineFamily(), rng, config.pointsPerTask()));
    }
}
