package lab.reptile.browser;

import java.util.Random;

import lab.reptile.model.Points;
import lab.reptile.model.SineFamily;
import lab.reptile.model.SineTask;
import lab.reptile.model.Task;

/** The "Random sine" button: a task from the demo's family, its true curve, and points on it. */
public final class RandomSine {
    /** Points placed on a random sine, as in the evaluation protocol's K = 10. */
    public static final int POINTS = 10;

    private RandomSine() {
    }

    /** Samples a task and replaces the point set with {@link #POINTS} points on it; returns the task. */
    public static SineTask drawInto(PointSet points, Random rng) {
        SineTask task = new SineFamily().sample(rng);
        Points on = pointsOn(task, POINTS, rng);
        points.clear();
        double[] xs = on.xs();
        double[] ys = on.ys();
        for (int i = 0; i < xs.length; i++) {
            points.add(xs[i], ys[i]);
        }
        return task;
    }

    /** n points with x ~ U[-5, 5] on the task's curve. */
    public static Points pointsOn(Task task, int n, Random rng) {
        double[] xs = new double[n];
        double[] ys = new double[n];
        for (int i = 0; i < n; i++) {
            xs[i] = SineFamily.X_MIN + (SineFamily.X_MAX - SineFamily.X_MIN) * rng.nextDouble();
            ys[i] = task.y(xs[i]);
        }
        return new Points(xs, ys);
    }

    /** The task's y at every x of the grid. */
    public static double[] curve(Task task, double[] grid) {
        double[] ys = new double[grid.length];
        for (int i = 0; i < grid.length; i++) {
            ys[i] = task.y(grid[i]);
        }
        return ys;
    }
}
