package lab.reptile.model;

import java.util.List;

/**
 * Hyperparameters of one Reptile meta-training run, built by name ({@link #builder()}) from documented defaults and
 * validated on construction with messages that name the field. The defaults are the reference settings, John
 * Schulman's sine demo of Reptile.
 *
 * <p>Adding a hyperparameter touches this file only: a component, its check, a builder field with its default and
 * setter, and a {@link #FIELDS} entry, which JSON reading and writing follow.
 *
 * @param seed           seeds the initial weights and the task stream; default 0
 * @param tasks          tasks to train on in all, a multiple of {@code metaBatchSize}; default 30,000
 * @param metaBatchSize  tasks adapted per meta-iteration, whose adapted weights are averaged (n); default 1
 * @param innerLr        plain SGD learning rate of the inner loop; default 0.02
 * @param innerBatchSize points per inner SGD step; default 10
 * @param innerEpochs    passes over a task's points in the inner loop; default 1
 * @param pointsPerTask  x = linspace(−5, 5, pointsPerTask), shuffled, per task; default 50
 * @param outerStepStart meta step ε at the first meta-iteration; default 0.1
 * @param outerStepEnd   meta step ε approached linearly at the last meta-iteration; default 0
 * @param maxPhase       the task family: phase φ ~ U[0, maxPhase) radians; default 2π (the demo's {@link
 *                       SineFamily#DEMO}), π is the MAML paper's family
 * @param randomPoints   0: a task's x are linspace(−5, 5, pointsPerTask), shuffled (Schulman's demo); 1: they are
 *                       pointsPerTask draws x ~ U[−5, 5], as evaluation picks support points; default 0. With
 *                       innerBatchSize = pointsPerTask the inner loop is then innerEpochs full-batch SGD steps on K
 *                       random points, the way the protocols adapt
 * @param supportPoints  K: each task also draws K support points x ~ U[−5, 5], as the evaluation protocols pick them;
 *                       default 0 (none)
 * @param supportSteps   full-batch SGD steps at supportLr on the K support points that begin each task's inner
 *                       loop, before its minibatches: the way the protocols adapt, so the Reptile update rewards a
 *                       start from which those steps generalise to the task's other points; default 0. It and
 *                       supportPoints are both 0 or both positive
 * @param supportLr      learning rate of the support steps: the protocol's own lr (it matters: at 0.012 instead of
 *                       the MAML protocol's 0.01, MSE after one step rose from 0.60 to 0.85); default 0.02, the demo's
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
        double outerStepEnd,
        double maxPhase,
        int randomPoints,
        int supportPoints,
        int supportSteps,
        double supportLr) {

    /**
     * Every field by name, in this order in JSON; readers and writers of configs go through this list. Fields added
     * after the first checkpoints were written are optional: a config without them reads with the old behaviour.
     */
    public static final List<ConfigField> FIELDS = List.of(
            ConfigField.ofLong("seed", ReptileConfig::seed, Builder::seed),
            ConfigField.ofInt("tasks", ReptileConfig::tasks, Builder::tasks),
            ConfigField.ofInt("metaBatchSize", ReptileConfig::metaBatchSize, Builder::metaBatchSize),
            ConfigField.ofDouble("innerLr", ReptileConfig::innerLr, Builder::innerLr),
            ConfigField.ofInt("innerBatchSize", ReptileConfig::innerBatchSize, Builder::innerBatchSize),
            ConfigField.ofInt("innerEpochs", ReptileConfig::innerEpochs, Builder::innerEpochs),
            ConfigField.ofInt("pointsPerTask", ReptileConfig::pointsPerTask, Builder::pointsPerTask),
            ConfigField.ofDouble("outerStepStart", ReptileConfig::outerStepStart, Builder::outerStepStart),
            ConfigField.ofDouble("outerStepEnd", ReptileConfig::outerStepEnd, Builder::outerStepEnd),
            ConfigField.ofDouble("maxPhase", ReptileConfig::maxPhase, Builder::maxPhase).optional(),
            ConfigField.ofInt("randomPoints", ReptileConfig::randomPoints, Builder::randomPoints).optional(),
            ConfigField.ofInt("supportPoints", ReptileConfig::supportPoints, Builder::supportPoints).optional(),
            ConfigField.ofInt("supportSteps", ReptileConfig::supportSteps, Builder::supportSteps).optional(),
            ConfigField.ofDouble("supportLr", ReptileConfig::supportLr, Builder::supportLr).optional());

    public ReptileConfig {
        RangeCheck.require("tasks", tasks, 1, 100_000_000);
        RangeCheck.require("metaBatchSize", metaBatchSize, 1, 1024);
        if (tasks % metaBatchSize != 0) {
            throw new IllegalArgumentException(
                    "tasks must be a multiple of metaBatchSize (" + metaBatchSize + "), got " + tasks);
        }
        RangeCheck.require("innerLr", innerLr, 1e-6, 10);
        RangeCheck.require("pointsPerTask", pointsPerTask, 1, 1000);
        RangeCheck.require("innerBatchSize", innerBatchSize, 1, pointsPerTask);
        RangeCheck.require("innerEpochs", innerEpochs, 1, 100);
        RangeCheck.require("outerStepStart", outerStepStart, 1e-6, 1);
        RangeCheck.require("outerStepEnd", outerStepEnd, 0, outerStepStart);
        RangeCheck.require("maxPhase", maxPhase, 1e-6, 2 * Math.PI);
        RangeCheck.require("randomPoints", randomPoints, 0, 1);
        RangeCheck.require("supportPoints", supportPoints, 0, 1000);
        RangeCheck.require("supportSteps", supportSteps, 0, 100);
        RangeCheck.require("supportLr", supportLr, 1e-6, 10);
        if ((supportPoints == 0) != (supportSteps == 0)) {
            throw new IllegalArgumentException("supportPoints and supportSteps are both 0 or both positive, got "
                    + supportPoints + " and " + supportSteps);
        }
    }

    /** A builder holding the defaults, the reference settings. */
    public static Builder builder() {
        return new Builder();
    }

    /** John Schulman's sine demo: one task per meta-iteration, 5 SGD steps of 10 points at 0.02, ε = 0.1 → 0. */
    public static ReptileConfig reference() {
        return builder().build();
    }

    /** A builder holding this config's values, to change some of them by name. */
    public Builder toBuilder() {
        return new Builder().seed(seed).tasks(tasks).metaBatchSize(metaBatchSize).innerLr(innerLr)
                .innerBatchSize(innerBatchSize).innerEpochs(innerEpochs).pointsPerTask(pointsPerTask)
                .outerStepStart(outerStepStart).outerStepEnd(outerStepEnd).maxPhase(maxPhase)
                .randomPoints(randomPoints).supportPoints(supportPoints).supportSteps(supportSteps)
                .supportLr(supportLr);
    }

    /** Whether a task's x are drawn from U[−5, 5] (randomPoints 1) rather than the shuffled grid. */
    public boolean uniformX() {
        return randomPoints == 1;
    }

    /** This run with another seed: the command line's {@code --seed}. */
    public ReptileConfig withSeed(long newSeed) {
        return toBuilder().seed(newSeed).build();
    }

    /** This run with another length: the command line's {@code --tasks}. */
    public ReptileConfig withTasks(int newTasks) {
        return toBuilder().tasks(newTasks).build();
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

    /** Sets fields by name over the defaults; {@link #build()} validates them all at once. */
    public static final class Builder {
        private long seed = 0;
        private int tasks = 30_000;
        private int metaBatchSize = 1;
        private double innerLr = 0.02;
        private int innerBatchSize = 10;
        private int innerEpochs = 1;
        private int pointsPerTask = 50;
        private double outerStepStart = 0.1;
        private double outerStepEnd = 0.0;
        private double maxPhase = 2 * Math.PI;
        private int randomPoints = 0;
        private int supportPoints = 0;
        private int supportSteps = 0;
        private double supportLr = 0.02;

        private Builder() {
        }

        public Builder seed(long value) {
            seed = value;
            return this;
        }

        public Builder tasks(int value) {
            tasks = value;
            return this;
        }

        public Builder metaBatchSize(int value) {
            metaBatchSize = value;
            return this;
        }

        public Builder innerLr(double value) {
            innerLr = value;
            return this;
        }

        public Builder innerBatchSize(int value) {
            innerBatchSize = value;
            return this;
        }

        public Builder innerEpochs(int value) {
            innerEpochs = value;
            return this;
        }

        public Builder pointsPerTask(int value) {
            pointsPerTask = value;
            return this;
        }

        public Builder outerStepStart(double value) {
            outerStepStart = value;
            return this;
        }

        public Builder outerStepEnd(double value) {
            outerStepEnd = value;
            return this;
        }

        public Builder maxPhase(double value) {
            maxPhase = value;
            return this;
        }

        public Builder randomPoints(int value) {
            randomPoints = value;
            return this;
        }

        public Builder supportPoints(int value) {
            supportPoints = value;
            return this;
        }

        public Builder supportSteps(int value) {
            supportSteps = value;
            return this;
        }

        public Builder supportLr(double value) {
            supportLr = value;
            return this;
        }

        public ReptileConfig build() {
            return new ReptileConfig(seed, tasks, metaBatchSize, innerLr, innerBatchSize, innerEpochs, pointsPerTask,
                    outerStepStart, outerStepEnd, maxPhase, randomPoints, supportPoints, supportSteps, supportLr);
        }
    }
}
