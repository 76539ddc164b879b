package lab.reptile.model;

/**
 * The few-shot adaptation that the browser animates and the evaluation measures: k full-batch plain SGD steps on
 * the given points, always starting from the given (meta-)weights.
 */
public final class FullBatchSgd {
    /** Most steps one adaptation may take. */
    public static final int MAX_STEPS = 1000;

    private final Mlp mlp;

    public FullBatchSgd(NetShape shape) {
        this.mlp = new Mlp(shape);
    }

    /** Weights after {@code steps} full-batch SGD steps from {@code start}. */
    public Params adapt(Params start, Points points, int steps, double lr) {
        check(points, steps, lr);
        double[] phi = start.toArray();
        double[] xs = points.xs();
        double[] ys = points.ys();
        for (int s = 0; s < steps; s++) {
            mlp.sgdStep(phi, xs, ys, 0, xs.length, lr);
        }
        return Params.of(start.shape(), phi);
    }

    /**
     * Every step of an adaptation, for drawing it.
     *
     * @return predictions on {@code gridXs} and MSE on the points, at step 0 (the start) through {@code steps}
     */
    public Trace trace(Params start, Points points, int steps, double lr, double[] gridXs) {
        check(points, steps, lr);
        double[] phi = start.toArray();
        double[][] predictions = new double[steps + 1][gridXs.length];
        double[] pointMse = new double[steps + 1];
        double[] xs = points.xs();
        double[] ys = points.ys();
        for (int s = 0; s <= steps; s++) {
            mlp.predict(phi, gridXs, gridXs.length, predictions[s]);
            if (s < steps) {
                pointMse[s] = mlp.sgdStep(phi, xs, ys, 0, xs.length, lr);
            } else {
                pointMse[s] = mlp.loss(phi, xs, ys, 0, xs.length);
            }
        }
        return new Trace(predictions, pointMse);
    }

    /** Mean squared error of weights on points. */
    public double mse(Params weights, Points points) {
        return mlp.loss(weights.toArray(), points.xs(), points.ys(), 0, points.size());
    }

    private static void check(Points points, int steps, double lr) {
        if (points.size() == 0) {
            throw new IllegalArgumentException("adaptation needs at least one point");
        }
        if (steps < 0 || steps > MAX_STEPS) {
            throw new IllegalArgumentException("steps must be in [0, " + MAX_STEPS + "], got " + steps);
        }
        if (!(lr > 0 && lr <= 10)) {
            throw new IllegalArgumentException("learning rate must be in (0, 10], got " + lr);
        }
    }

    /** predictions[s][g]: the net after step s at grid point g; pointMse[s]: its MSE on the points. */
    public record Trace(double[][] predictions, double[] pointMse) {
    }
}
