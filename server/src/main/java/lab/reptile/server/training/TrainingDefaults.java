package lab.reptile.server.training;

import lab.reptile.model.NetShape;
import lab.reptile.model.ReptileConfig;

/** The server's default meta-training run and model. */
public final class TrainingDefaults {
    public static final NetShape SHAPE = NetShape.STANDARD;

    private TrainingDefaults() {
    }

    /**
     * The run the server starts with: Schulman's inner loop (5 SGD steps of 10 points at lr 0.02 per task) with the
     * paper's outer schedule (ε annealed 1.0 → 0) over 100,000 tasks, about a minute on this 2-core machine.
     */
    public static ReptileConfig config() {
        return new ReptileConfig(1, 100_000, 1, 0.02, 10, 1, 50, 1.0, 0.0);
    }
}
