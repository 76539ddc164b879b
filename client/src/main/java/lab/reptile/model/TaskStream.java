package lab.reptile.model;

import java.util.Random;

/**
 * The training data of successive meta-training tasks: each task's points x = linspace(−5, 5, m), shuffled, with
 * their y. Every trainer that reads the same stream from the same seed sees the same data, bit for bit.
 */
public final class TaskStream {
    private final TaskFamily family;
    private final Random rng;
    private final double[] grid;

    public TaskStream(TaskFamily family, Random rng, int pointsPerTask) {
        if (pointsPerTask < 1) {
            throw new IllegalArgumentException("pointsPerTask must be at least 1, got " + pointsPerTask);
        }
        this.family = family;
        this.rng = rng;
        this.grid = SineFamily.linspace(pointsPerTask);
    }

    /** One task's points in training order: the task is drawn first, then the Fisher–Yates shuffle. */
    public Points next() {
        Task task = family.sample(rng);
        double[] xs = grid.clone();
        for (int i = xs.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            double t = xs[i];
            xs[i] = xs[j];
            xs[j] = t;
        }
        double[] ys = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            ys[i] = task.y(xs[i]);
        }
        return new Points(xs, ys);
    }
}
