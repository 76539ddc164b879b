package lab.reptile.browser;

import lab.reptile.model.NetShape;
import lab.reptile.model.Params;

/**
 * The reference that {@link AdaptationTest} checks the browser's adaptation against: full-batch plain SGD on a tanh
 * MLP written out directly, one point at a time, over weight matrices W[l][o][i] read from {@link Params}' accessors.
 * It shares no code with the model package's Mlp, DenseKernels or FullBatchSgd.
 */
final class PlainSgd {
    /** predictions[s][g]: the net after step s at grid point g; pointMse[s]: its MSE on the points. */
    record Trace(double[][] predictions, double[] pointMse) {
    }

    private final int layers;
    private final double[][][] w; // w[l][o][i]
    private final double[][] b;   // b[l][o]

    private PlainSgd(Params start) {
        NetShape shape = start.shape();
        layers = shape.layerCount();
        w = new double[layers][][];
        b = new double[layers][];
        for (int l = 0; l < layers; l++) {
            w[l] = new double[shape.outputs(l)][shape.inputs(l)];
            b[l] = new double[shape.outputs(l)];
            for (int o = 0; o < shape.outputs(l); o++) {
                b[l][o] = start.bias(l, o);
                for (int i = 0; i < shape.inputs(l); i++) {
                    w[l][o][i] = start.weight(l, o, i);
                }
            }
        }
    }

    /** {@code steps} full-batch SGD steps at {@code lr} on the points from {@code start}, every step recorded. */
    static Trace trace(Params start, double[] xs, double[] ys, int steps, double lr, double[] grid) {
        PlainSgd net = new PlainSgd(start);
        double[][] predictions = new double[steps + 1][grid.length];
        double[] pointMse = new double[steps + 1];
        for (int s = 0; s <= steps; s++) {
            for (int g = 0; g < grid.length; g++) {
                predictions[s][g] = net.predict(grid[g]);
            }
            pointMse[s] = net.mse(xs, ys);
            if (s < steps) {
                net.step(xs, ys, lr);
            }
        }
        return new Trace(predictions, pointMse);
    }

    /** The net's output at x. */
    double predict(double x) {
        double[][] h = activations(x);
        return h[layers][0];
    }

    private double mse(double[] xs, double[] ys) {
        double sum = 0;
        for (int p = 0; p < xs.length; p++) {
            double err = predict(xs[p]) - ys[p];
            sum += err * err;
        }
        return sum / xs.length;
    }

    /** h[0] = {x}; h[l + 1] = tanh(W[l] h[l] + b[l]) for hidden layers, W h + b for the output layer. */
    private double[][] activations(double x) {
        double[][] h = new double[layers + 1][];
        h[0] = new double[] {x};
        for (int l = 0; l < layers; l++) {
            h[l + 1] = new double[b[l].length];
            for (int o = 0; o < b[l].length; o++) {
                double z = b[l][o];
                for (int i = 0; i < h[l].length; i++) {
                    z += w[l][o][i] * h[l][i];
                }
                h[l + 1][o] = l < layers - 1 ? Math.tanh(z) : z;
            }
        }
        return h;
    }

    /** θ ← θ − lr · ∇ (1/n) Σ_p (net(x_p) − y_p)², the gradient summed point by point by backpropagation. */
    private void step(double[] xs, double[] ys, double lr) {
        double[][][] gw = new double[layers][][];
        double[][] gb = new double[layers][];
        for (int l = 0; l < layers; l++) {
            gw[l] = new double[w[l].length][w[l][0].length];
            gb[l] = new double[b[l].length];
        }
        int n = xs.length;
        for (int p = 0; p < n; p++) {
            double[][] h = activations(xs[p]);
            double[] d = {2 * (h[layers][0] - ys[p]) / n}; // dLoss/dz of the output layer
            for (int l = layers - 1; l >= 0; l--) {
                for (int o = 0; o < d.length; o++) {
                    gb[l][o] += d[o];
                    for (int i = 0; i < h[l].length; i++) {
                        gw[l][o][i] += d[o] * h[l][i];
                    }
                }
                if (l > 0) { // through W[l], then through the tanh that made h[l]: tanh' = 1 − h²
                    double[] below = new double[h[l].length];
                    for (int i = 0; i < below.length; i++) {
                        double sum = 0;
                        for (int o = 0; o < d.length; o++) {
                            sum += w[l][o][i] * d[o];
                        }
                        below[i] = sum * (1 - h[l][i] * h[l][i]);
                    }
                    d = below;
                }
            }
        }
        for (int l = 0; l < layers; l++) {
            for (int o = 0; o < w[l].length; o++) {
                b[l][o] -= lr * gb[l][o];
                for (int i = 0; i < w[l][o].length; i++) {
                    w[l][o][i] -= lr * gw[l][o][i];
                }
            }
        }
    }
}
