package lab.reptile.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Runs an {@link EvaluationProtocol}: per held-out task (seeded), K support points x ~ U[−5, 5], k full-batch SGD
 * steps from the weights, MSE on evenly spaced query x; mean and 95 % CI over tasks for each k. The demo protocol's
 * constants stay here for the callers that know only it.
 */
public final class Evaluation {
    public static final int[] STEPS = EvaluationProtocol.DEMO.steps();
    public static final int SUPPORT_POINTS = EvaluationProtocol.DEMO.supportPoints();
    public static final int QUERY_POINTS = EvaluationProtocol.DEMO.queryPoints();
    public static final double DEFAULT_LR = EvaluationProtocol.DEMO.lr();
    /** Seed of the held-out tasks in every reported table; no training run uses it. */
    public static final long DEFAULT_SEED = EvaluationProtocol.DEFAULT_SEED;

    private Evaluation() {
    }

    /** One row: MSE after k steps, its mean over tasks and the half-width of its 95 % confidence interval. */
    public record Row(int steps, double mean, double ci95) {
    }

    /** One row per reported k. */
    public record Table(int tasks, List<Row> rows) {
        public double meanAt(int steps) {
            for (Row row : rows) {
                if (row.steps() == steps) {
                    return row.mean();
                }
            }
            throw new IllegalArgumentException("no row for k = " + steps);
        }
    }

    /** The demo protocol on {@code tasks} held-out tasks drawn from {@code seed}, at learning rate lr. */
    public static Table evaluate(Params weights, long seed, int tasks, double lr) {
        return evaluate(weights, EvaluationProtocol.DEMO.withSeed(seed).withTasks(tasks).withLr(lr));
    }

    /** As {@link #evaluate(Params, long, int, double)}, for the given ascending step counts only. */
    public static Table evaluate(Params weights, long seed, int tasks, double lr, int[] stepsToReport) {
        return evaluate(weights, EvaluationProtocol.DEMO.withSeed(seed).withTasks(tasks).withLr(lr)
                .withSteps(stepsToReport));
    }

    /** The protocol's table for {@code weights}; the same weights and protocol give the same table, to the bit. */
    public static Table evaluate(Params weights, EvaluationProtocol protocol) {
        int[] steps = protocol.steps();
        int tasks = protocol.tasks();
        int k = protocol.supportPoints();
        int maxSteps = steps[steps.length - 1];
        double[][] mse = new double[steps.length][tasks];
        Random rng = new Random(protocol.seed());
        Mlp mlp = new Mlp(weights.shape());
        double[] queryX = SineFamily.linspace(protocol.queryPoints());
        double[] queryY = new double[queryX.length];
        for (int t = 0; t < tasks; t++) {
            SupportSet support = SupportSet.draw(protocol, rng);
            double[] xs = support.xs();
            double[] ys = support.ys();
            for (int q = 0; q < queryX.length; q++) {
                queryY[q] = support.task().y(queryX[q]);
            }
            double[] phi = weights.toArray();
            int row = 0;
            for (int step = 0; step <= maxSteps; step++) {
                if (step == steps[row]) {
                    mse[row++][t] = mlp.loss(phi, queryX, queryY, 0, queryX.length);
                }
                if (step < maxSteps) {
                    mlp.sgdStep(phi, xs, ys, 0, k, protocol.lr());
                }
            }
        }
        List<Row> rows = new ArrayList<>();
        for (int r = 0; r < steps.length; r++) {
            rows.add(summarise(steps[r], mse[r]));
        }
        return new Table(tasks, rows);
    }

    /** The baseline: a randomly initialised net of the same shape, drawn from {@code seed}. */
    public static Params randomInit(NetShape shape, long seed) {
        return Params.initial(shape, new Random(seed));
    }

    /** The mean of per-task {@code values} and its 95 % confidence half-width (1.96 standard errors). */
    public static Row summarise(int steps, double[] values) {
        double mean = 0;
        for (double v : values) {
            mean += v;
        }
        mean /= values.length;
        double squares = 0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        double sd = Math.sqrt(squares / (values.length - 1));
        return new Row(steps, mean, 1.96 * sd / Math.sqrt(values.length));
    }
}
