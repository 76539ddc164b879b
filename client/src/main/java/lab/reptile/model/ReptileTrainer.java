package lab.reptile.model;

import java.util.ArrayList;
import java.util.List;

/** Reptile in plain Java over {@link Mlp}: the oracle that the DL4J trainer is tested against. */
public final class ReptileTrainer implements MetaLearner {
    private final ReptileConfig config;
    private final TaskStream tasks;
    private final Mlp mlp;
    private Params theta;
    private long metaIteration;

    public ReptileTrainer(ReptileConfig config, NetShape shape) {
        this(config, TrainerStart.fromSeed(config, shape));
    }

    public ReptileTrainer(ReptileConfig config, TrainerStart start) {
        this.config = config;
        this.tasks = start.tasks();
        this.theta = start.initialWeights();
        this.metaIteration = start.metaIteration();
        this.mlp = new Mlp(theta.shape());
    }

    /** Refused once the run is finished ({@link ReptileConfig#outerStep} says so before anything changes). */
    @Override
    public void metaStep() {
        double epsilon = config.outerStep(metaIteration);
        List<Params> adapted = new ArrayList<>(config.metaBatchSize());
        for (int i = 0; i < config.metaBatchSize(); i++) {
            adapted.add(adapt(theta, tasks.next()));
        }
        theta = theta.interpolate(Params.mean(adapted), epsilon);
        metaIteration++;
    }

    /**
     * The inner loop: supportSteps full-batch SGD steps on the task's K support points (its first K), then
     * innerEpochs passes of minibatch SGD over its other points, in their shuffled order.
     */
    private Params adapt(Params start, Points points) {
        double[] phi = start.toArray();
        double[] xs = points.xs();
        double[] ys = points.ys();
        int support = config.supportPoints();
        if (xs.length != support + config.pointsPerTask()) {
            throw new IllegalArgumentException("a task has " + xs.length + " points, expected " + support + " + "
                    + config.pointsPerTask());
        }
        for (int step = 0; step < config.supportSteps(); step++) {
            mlp.sgdStep(phi, xs, ys, 0, support, config.supportLr());
        }
        int end = xs.length;
        for (int epoch = 0; epoch < config.innerEpochs(); epoch++) {
            for (int from = support; from < end; from += config.innerBatchSize()) {
                int n = Math.min(config.innerBatchSize(), end - from);
                mlp.sgdStep(phi, xs, ys, from, n, config.innerLr());
            }
        }
        return Params.of(start.shape(), phi);
    }

    @Override
    public long metaIteration() {
        return metaIteration;
    }

    @Override
    public Params metaWeights() {
        return theta;
    }

    @Override
    public TrainerStart resumePoint() {
        return new TrainerStart(theta, tasks.copy(), metaIteration);
    }

    @Override
    public ReptileConfig config() {
        return config;
    }
}
