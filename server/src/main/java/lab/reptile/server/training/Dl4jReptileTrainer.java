package lab.reptile.server.training;

import java.util.ArrayList;
import java.util.List;
import lab.reptile.model.MetaLearner;
import lab.reptile.model.NetShape;
import lab.reptile.model.Params;
import lab.reptile.model.Points;
import lab.reptile.model.ReptileConfig;
import lab.reptile.model.TrainerStart;
import lab.reptile.model.TaskStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reptile in Deeplearning4j's ND4J, with the semantics of the plain-Java {@code ReptileTrainer}: same task stream,
 * same inner loop, same update, in double precision; the metaBatchSize tasks of a meta-iteration adapt side by side.
 *
 * <p>θ is one flat [1, paramCount] INDArray (in {@link UnitMajorLayout}); each meta-iteration copies it into the n
 * rows of the inner loop's [n, paramCount] array, runs the support steps and innerEpochs of SGD on every row, and
 * interpolates θ towards the rows' mean. Dl4jReptileTrainerTest pins it to the plain-Java trainer within 1e-9
 * after 100 meta-iterations, for several meta-batch sizes, inner loops and layer sizes.
 *
 * <p>Not thread-safe: build it anywhere, then step it and read {@link #metaWeights()} from one thread at a time. A
 * thread that steps it gets the process's OpenMP setting ({@link NativeTuning#forThisThread()}) at its first step.
 */
public final class Dl4jReptileTrainer implements MetaLearner {
    private final ReptileConfig config;
    private final TaskStream tasks;
    private final MetaBatchInnerLoop inner;
    private final INDArray theta;      // [1, paramCount] in UnitMajorLayout
    private final PreparedOp startFromTheta;
    private final PreparedOp towardsMean;
    private long metaIteration;
    private Thread steppingThread; // the last thread that stepped it, already given the OpenMP setting

    public Dl4jReptileTrainer(ReptileConfig config, NetShape shape) {
        this(config, TrainerStart.fromSeed(config, shape));
    }

    public Dl4jReptileTrainer(ReptileConfig config, TrainerStart start) {
        this.config = config;
        this.tasks = start.tasks();
        this.metaIteration = start.metaIteration();
        UnitMajorLayout layout = new UnitMajorLayout(start.initialWeights().shape());
        this.inner = new MetaBatchInnerLoop(layout, config.metaBatchSize(), config.supportPoints(),
                config.supportLr(), config.pointsPerTask(), config.innerBatchSize(), config.innerLr());
        double[] initial = layout.fromParams(start.initialWeights());
        this.theta = Nd4j.create(initial, new long[] {1, initial.length}, DataType.DOUBLE);
        this.startFromTheta = inner.resetTo(theta);
        INDArray ones = Nd4j.ones(DataType.DOUBLE, 1, config.metaBatchSize());
        // θ ← alpha · 1ᵀ·φ + beta · θ: [1, n] x [n, paramCount]; alpha and beta are set every meta-iteration
        this.towardsMean = PreparedOp.matmul(ones, false, inner.adapted(), false, theta, 0, 1);
    }

    /**
     * Bytes of working memory a trainer for {@code config} allocates, within a few per cent: its inner loop's arrays
     * and θ. A visitor's config is refused beyond a bound on this before any of it is allocated.
     */
    public static long workingBytes(ReptileConfig config) {
        NetShape shape = TrainingDefaults.SHAPE;
        return MetaBatchInnerLoop.bytes(shape, config) + (long) Double.BYTES * (shape.paramCount()
                + config.metaBatchSize()); // θ, and the row of ones of the step towards the mean
    }

    /** What {@link #workingBytes} counts, summed over the arrays this trainer really allocated (for its test). */
    long allocatedBytes() {
        return inner.allocatedBytes() + Double.BYTES * (theta.length() + config.metaBatchSize());
    }

    /** Refused once the run is finished ({@link ReptileConfig#outerStep} says so before anything changes). */
    @Override
    public void metaStep() {
        if (Thread.currentThread() != steppingThread) {
            NativeTuning.forThisThread(); // OpenMP's thread count is per thread
            steppingThread = Thread.currentThread();
        }
        double epsilon = config.outerStep(metaIteration);
        List<Points> batch = new ArrayList<>(config.metaBatchSize());
        for (int i = 0; i < config.metaBatchSize(); i++) {
            batch.add(tasks.next());
        }
        inner.load(batch);
        startFromTheta.run();
        for (int step = 0; step < config.supportSteps(); step++) {
            inner.supportStep();
        }
        for (int epoch = 0; epoch < config.innerEpochs(); epoch++) {
            inner.epoch();
        }
        // θ ← θ + ε · (mean_i φ_i − θ), computed as (ε / n) · Σ_i φ_i + (1 − ε) · θ in one op
        towardsMean.run(epsilon / config.metaBatchSize(), 1 - epsilon);
        metaIteration++;
    }

    @Override
    public long metaIteration() {
        return metaIteration;
    }

    @Override
    public Params metaWeights() {
        return inner.layout().toParams(theta.data().asDouble());
    }

    @Override
    public TrainerStart resumePoint() {
        return new TrainerStart(metaWeights(), tasks.copy(), metaIteration);
    }

    @Override
    public ReptileConfig config() {
        return config;
    }
}
