package lab.reptile.model;

/**
 * Hyperparameters of one Reptile meta-training run; validated on construction with messages that name the field.
 *
 * @param seed           seeds the initial weights and the task stream
 * @param tasks          tasks to train on in all; a multiple of {@code metaBatchSize}
 * @param metaBatchSize  tasks adapted per meta-iteration, whose adapted weights are averaged (n)
 * @param innerLr        plain SGD learning rate of the inner loop
 * @param innerBatchSize points per inner SGD step
 * @param innerEpochs    passes over a task's points in the inner loop
 * @param pointsPerTask  x = linspace(−5, 5, pointsPerTask), shuffled, per task
 * @param outerStepStart meta step ε at the first meta-iteration
 * @param outerStepEnd   meta step ε approached linearly at the last meta-iteration
 */
public record ReptileConfig(
        long seed,
        int tasks,
        int metaBatchSize,
        double innerLr,
        int innerBatchSize,
        int innerEpochs,
        int pointsPerTask,
        double outerStepStart,
        double outerStepEnd) {

    public ReptileConfig {
        requireRange("tasks", tasks, 1, 100_000_000);
        requireRange("metaBatchSize", metaBatchSize, 1, 1024);
        if (tasks % metaBatchSize != 0) {
            throw new IllegalArgumentException(
                    "tasks must be a multiple of metaBatchSize (" + metaBatchSize + "), got " + tasks);
        }
        requireRange("innerLr", innerLr, 1e-6, 10);
        requireRange("pointsPerTask", pointsPerTask, 1, 1000);
        requireRange("innerBatchSize", innerBatchSize, 1, pointsPerTask);
        requireRange("innerEpochs", innerEpochs, 1, 100);
        requireRange("outerStepStart", outerStepStart, 1e-6, 1);
        requireRange("outerStepEnd", outerStepEnd, 0, outerStepStart);
    }

    /** John Schulman's sine demo: one task per meta-iteration, 5 SGD steps of 10 points at 0.02, ε = 0.1 → 0. */
    public static ReptileConfig reference() {
        return new ReptileConfig(0, 30_000, 1, 0.02, 10, 1, 50, 0.1, 0.0);
    }

    /** Meta-iterations in the whole run. */
    public int metaIterations() {
        return tasks / metaBatchSize;
    }

    /**
     * ε at a 0-based meta-iteration, annealed linearly from outerStepStart towards outerStepEnd. Past the run's last
     * meta-iteration the schedule would go below outerStepEnd (and negative), so asking there is an error.
     */
    public double outerStep(long metaIteration) {
        if (metaIteration >= metaIterations()) {
            throw new IllegalStateException("all " + metaIterations() + " meta-iterations of this run are done");
        }
        double progress = (double) metaIteration / metaIterations();
        return outerStepStart + (outerStepEnd - outerStepStart) * progress;
    }

    public ReptileConfig withSeed(long newSeed) {
        return new ReptileConfig(newSeed, tasks, metaBatchSize, innerLr, innerBatchSize, innerEpochs, pointsPerTask,
                outerStepStart, outerStepEnd);
    }

    public ReptileConfig withTasks(int newTasks) {
        return new ReptileConfig(seed, newTasks, metaBatchSize, innerLr, innerBatchSize, innerEpochs, pointsPerTask,
                outerStepStart, outerStepEnd);
    }

    private static void requireRange(String name, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException(name + " must be in [" + min + ", " + max + "], got " + value);
        }
    }
}
