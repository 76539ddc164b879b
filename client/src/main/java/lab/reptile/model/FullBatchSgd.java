package lab.reptile.model;

import java.util.Arrays;

/**
 * The few-shot adaptation that the browser animates and the evaluation measures: k full-batch plain SGD steps on
 * the given points, always starting from the given (meta-)weights.
 */
public final class FullBatchSgd {
    /** Most steps one adaptation may take. */
    public static final int MAX_STEPS = 1000;

    private final Mlp mlp;
    /** The weight buffers of the last trace, [step][param], reused by the next one (a drag makes one per frame). */
    private double[][] buffers = new double[0][];

    public FullBatchSgd(NetShape shape) {
        this.mlp = new Mlp(shape);
    }

    public NetShape shape() {
        return mlp.shape();
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
     * Every step of an adaptation, for drawing it: the weights after each step and their MSE on the points. A step's
     * curve on {@code gridXs} is predicted when first asked for ({@link Trace#curve}), since a frame draws one step.
     * The trace reuses the previous one's buffers: it replaces it, so read a trace before asking for the next.
     */
    public Trace trace(Params start, Points points, int steps, double lr, double[] gridXs) {
        check(points, steps, lr);
        if (buffers.length < steps + 1) {
            buffers = Arrays.copyOf(buffers, steps + 1);
        }
        double[][] weights = Arrays.copyOf(buffers, steps + 1); // [step][param]: the weights after each step
        double[] phi = start.toArray();
        double[] pointMse = new double[steps + 1];
        double[] xs = points.xs();
        double[] ys = points.ys();
        for (int s = 0; s <= steps; s++) {
            if (weights[s] == null) {
                weights[s] = phi.clone();
                buffers[s] = weights[s];
            } else {
                System.arraycopy(phi, 0, weights[s], 0, phi.length);
            }
            if (s < steps) {
                pointMse[s] = mlp.sgdStep(phi, xs, ys, 0, xs.length, lr);
            } else {
                pointMse[s] = mlp.loss(phi, xs, ys, 0, xs.length);
            }
        }
        return new Trace(mlp, weights, gridXs, pointMse);
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
            throw new IllegalArgumentException("steps must be from 0 to " + PlainNumbers.of(MAX_STEPS) + ", got " + PlainNumbers.of(steps));
        }
        if (!(lr > 0 && lr <= 10)) {
            throw new IllegalArgumentException("learning rate must be in (0, 10], got " + lr);
        }
    }

    /**
     * One adaptation's steps 0..steps: pointMse[s] is the MSE on the points after step s, {@link #curve}(s) the net's
     * prediction on the grid after it. Shares its loop's {@link Mlp}, so like the loop it is for one thread only.
     */
    public static final class Trace {
        private final Mlp mlp;
        private final double[][] weights;
        private final double[] gridXs;
        private final double[] pointMse;
        private final double[][] curves;

        private Trace(Mlp mlp, double[][] weights, double[] gridXs, double[] pointMse) {
            this.mlp = mlp;
            this.weights = weights;
            this.gridXs = gridXs;
            this.pointMse = pointMse;
            this.curves = new double[pointMse.length][];
        }

        /** Number of steps taken. */
        public int steps() {
            return pointMse.length - 1;
        }

        /** MSE on the points after each step, [steps + 1]; a live view. */
        public double[] pointMse() {
            return pointMse;
        }

        /** The net after step {@code step} (0 = the start) on the grid, [grid size]; predicted once, then kept. */
        public double[] curve(int step) {
            if (step < 0 || step > steps()) {
                throw new IllegalArgumentException("step must be from 0 to " + PlainNumbers.of(steps()) + ", got " + PlainNumbers.of(step));
            }
            if (curves[step] == null) {
                curves[step] = new double[gridXs.length];
                mlp.predict(weights[step], gridXs, gridXs.length, curves[step]);
            }
            return curves[step];
        }
    }
}
