package lab.reptile.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The evaluation protocol of DESIGN.md: per held-out task (seeded), K = 10 support points x ~ U[−5, 5], k full-batch
 * SGD steps from the weights, MSE on 100 evenly spaced query x; mean and 95 % CI over tasks for each k.
 */
public final class Evaluation {
    public static final int[] STEPS = {0, 1, 2, 4, 8, 16, 32};
    public static final int SUPPORT_POINTS = 10;
    public static final int QUERY_POINTS = 100;
    public static final double DEFAULT_LR = 0.02;
    /** Seed of the held-out tasks in every reported table; no training run uses it. */
    public static final long DEFAULT_SEED = 20_181_024L;

    private Evaluation() {
    }

    /** One row: MSE after k steps, its mean over tasks and the half-width of its 95 % confidence interval. */
    public record Row(int steps, double mean, double ci95) {
    }

    /** Rows for every k in {@link #STEPS}. */
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

    /** Evaluates {@code weights} on {@code tasks} held-out tasks drawn from {@code seed}, at learning rate lr. */
    public static Table evaluate(Params weights, long seed, int tasks, double lr) {
        return evaluate(weights, seed, tasks, lr, STEPS);
    }

    /** As {@link #evaluate(Params, long, int, double)}, for the given ascending step counts only. */
    public static Table evaluate(Params weights, long seed, int tasks, double lr, int[] stepsToReport) {
        if (tasks < 2) {
            throw new IllegalArgumentException("evaluation needs at least 2 tasks for a CI, got " + tasks);
        }
        int[] steps = stepsToReport.clone();
        for (int r = 0; r < steps.length; r++) {
            if (steps[r] < 0 || (r > 0 && steps[r] <= steps[r - 1])) {
                throw new IllegalArgumentException("steps must be ascending and non-negative, got step " + steps[r]);
            }
        }
        int maxSteps = steps[steps.length - 1];
        double[][] mse = new double[steps.length][tasks];
        Random rng = new Random(seed);
        SineFamily family = new SineFamily();
        Mlp mlp = new Mlp(weights.shape());
        double[] queryX = SineFamily.linspace(QUERY_POINTS);
        double[] queryY = new double[QUERY_POINTS];
        for (int t = 0; t < tasks; t++) {
            SineTask task = family.sample(rng);
            double[] xs = new double[SUPPORT_POINTS];
            double[] ys = new double[SUPPORT_POINTS];
            for (int i = 0; i < SUPPORT_POINTS; i++) {
                xs[i] = SineFamily.X_MIN + (SineFamily.X_MAX - SineFamily.X_MIN) * rng.nextDouble();
                ys[i] = task.y(xs[i]);
            }
            for (int q = 0; q < QUERY_POINTS; q++) {
                queryY[q] = task.y(queryX[q]);
            }
            double[] phi = weights.toArray();
            int row = 0;
            for (int step = 0; step <= maxSteps; step++) {
                if (step == steps[row]) {
                    mse[row++][t] = mlp.loss(phi, queryX, queryY, 0, QUERY_POINTS);
                }
                if (step < maxSteps) {
                    mlp.sgdStep(phi, xs, ys, 0, SUPPORT_POINTS, lr);
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

    private static Row summarise(int steps, double[] values) {
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
