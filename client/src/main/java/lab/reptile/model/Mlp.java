package lab.reptile.model;

/**
 * Forward pass, MSE loss, backward pass and SGD step of a tanh MLP over a flat parameter array (layout of
 * {@link NetShape}). Holds its own activation and gradient buffers, so a step allocates nothing once the buffers fit
 * the batch. Not thread-safe: one instance per thread.
 */
public final class Mlp {
    private final NetShape shape;
    private final int layers;
    private int capacity;
    private double[][] acts;     // acts[l]: [batch][sizes[l]] row-major; acts[0] holds x, acts[layers] the prediction
    private double[] delta;      // dLoss/d(pre-activation) of the current layer, [batch][width]
    private double[] deltaPrev;
    private final double[] grad; // [paramCount]

    public Mlp(NetShape shape) {
        this.shape = shape;
        this.layers = shape.layerCount();
        this.grad = new double[shape.paramCount()];
        ensureCapacity(16);
    }

    public NetShape shape() {
        return shape;
    }

    /** Writes the net's prediction for xs[0..n) into out[0..n). */
    public void predict(double[] params, double[] xs, int n, double[] out) {
        ensureCapacity(n);
        forward(params, xs, 0, n);
        System.arraycopy(acts[layers], 0, out, 0, n);
    }

    /** Mean squared error of the net on points [from, from + n). */
    public double loss(double[] params, double[] xs, double[] ys, int from, int n) {
        ensureCapacity(n);
        forward(params, xs, from, n);
        double[] pred = acts[layers];
        double sum = 0;
        for (int b = 0; b < n; b++) {
            double err = pred[b] - ys[from + b];
            sum += err * err;
        }
        return sum / n;
    }

    /**
     * Gradient of the mean squared error on points [from, from + n) with respect to every parameter.
     *
     * @return the loss before the step; the gradient is left in {@link #gradient()}
     */
    public double lossAndGradient(double[] params, double[] xs, double[] ys, int from, int n) {
        double loss = loss(params, xs, ys, from, n);
        double[] pred = acts[layers];
        for (int b = 0; b < n; b++) {
            delta[b] = 2 * (pred[b] - ys[from + b]) / n;
        }
        for (int l = layers - 1; l >= 0; l--) {
            backwardLayer(params, l, n);
        }
        return loss;
    }

    /** One plain SGD step, params ← params − lr · ∇MSE, in place. Returns the loss before the step. */
    public double sgdStep(double[] params, double[] xs, double[] ys, int from, int n, double lr) {
        double loss = lossAndGradient(params, xs, ys, from, n);
        for (int p = 0; p < params.length; p++) {
            params[p] -= lr * grad[p];
        }
        return loss;
    }

    /** The gradient left by the last {@link #lossAndGradient} call; a live view, overwritten by the next call. */
    public double[] gradient() {
        return grad;
    }

    private void forward(double[] params, double[] xs, int from, int n) {
        System.arraycopy(xs, from, acts[0], 0, n);
        for (int l = 0; l < layers; l++) {
            int in = shape.inputs(l);
            int out = shape.outputs(l);
            int w = shape.weightOffset(l);
            int bias = shape.biasOffset(l);
            double[] a = acts[l];
            double[] z = acts[l + 1];
            boolean hidden = l < layers - 1;
            for (int b = 0; b < n; b++) {
                int aRow = b * in;
                int o = 0;
                for (; o + 3 < out; o += 4) { // four outputs per pass: each a[i] read once, four independent sums
                    double s0 = params[bias + o];
                    double s1 = params[bias + o + 1];
                    double s2 = params[bias + o + 2];
                    double s3 = params[bias + o + 3];
                    int w0 = w + o * in;
                    int w1 = w0 + in;
                    int w2 = w1 + in;
                    int w3 = w2 + in;
                    for (int i = 0; i < in; i++) {
                        double x = a[aRow + i];
                        s0 += params[w0 + i] * x;
                        s1 += params[w1 + i] * x;
                        s2 += params[w2 + i] * x;
                        s3 += params[w3 + i] * x;
                    }
                    int zRow = b * out + o;
                    z[zRow] = hidden ? tanh(s0) : s0;
                    z[zRow + 1] = hidden ? tanh(s1) : s1;
                    z[zRow + 2] = hidden ? tanh(s2) : s2;
                    z[zRow + 3] = hidden ? tanh(s3) : s3;
                }
                for (; o < out; o++) {
                    double s = params[bias + o];
                    int wRow = w + o * in;
                    for (int i = 0; i < in; i++) {
                        s += params[wRow + i] * a[aRow + i];
                    }
                    z[b * out + o] = hidden ? tanh(s) : s;
                }
            }
        }
    }

    /**
     * tanh that stays finite for any finite input: TeaVM computes Math.tanh from exp, which overflows to NaN past
     * |s| ≈ 710. Beyond |s| = 20 the double result is exactly ±1 anyway, so the JVM's values are unchanged.
     */
    private static double tanh(double s) {
        return s > 20 ? 1.0 : s < -20 ? -1.0 : Math.tanh(s);
    }

    /** Accumulates layer l's W and b gradient from {@code delta}, then moves delta back through W and tanh'. */
    private void backwardLayer(double[] params, int l, int n) {
        int in = shape.inputs(l);
        int out = shape.outputs(l);
        int w = shape.weightOffset(l);
        int bias = shape.biasOffset(l);
        double[] a = acts[l];
        for (int o = 0; o < out; o++) {
            double gb = 0;
            int wRow = w + o * in;
            for (int i = 0; i < in; i++) {
                grad[wRow + i] = 0;
            }
            int b = 0;
            for (; b + 3 < n; b += 4) { // four points per pass over the row; each sum keeps its order over b
                double d0 = delta[b * out + o];
                double d1 = delta[(b + 1) * out + o];
                double d2 = delta[(b + 2) * out + o];
                double d3 = delta[(b + 3) * out + o];
                gb += d0;
                gb += d1;
                gb += d2;
                gb += d3;
                int a0 = b * in;
                int a1 = a0 + in;
                int a2 = a1 + in;
                int a3 = a2 + in;
                for (int i = 0; i < in; i++) {
                    double g = grad[wRow + i];
                    g += d0 * a[a0 + i];
                    g += d1 * a[a1 + i];
                    g += d2 * a[a2 + i];
                    g += d3 * a[a3 + i];
                    grad[wRow + i] = g;
                }
            }
            for (; b + 1 < n; b += 2) {
                double d0 = delta[b * out + o];
                double d1 = delta[(b + 1) * out + o];
                gb += d0;
                gb += d1;
                int a0 = b * in;
                int a1 = a0 + in;
                for (int i = 0; i < in; i++) {
                    double g = grad[wRow + i];
                    g += d0 * a[a0 + i];
                    g += d1 * a[a1 + i];
                    grad[wRow + i] = g;
                }
            }
            for (; b < n; b++) {
                double d = delta[b * out + o];
                gb += d;
                int aRow = b * in;
                for (int i = 0; i < in; i++) {
                    grad[wRow + i] += d * a[aRow + i];
                }
            }
            grad[bias + o] = gb;
        }
        if (l == 0) {
            return;
        }
        for (int b = 0; b < n; b++) {
            int aRow = b * in;
            for (int i = 0; i < in; i++) {
                deltaPrev[aRow + i] = 0;
            }
            int o = 0;
            for (; o + 3 < out; o += 4) { // four rows of W per pass; each sum keeps its order over o
                double d0 = delta[b * out + o];
                double d1 = delta[b * out + o + 1];
                double d2 = delta[b * out + o + 2];
                double d3 = delta[b * out + o + 3];
                int w0 = w + o * in;
                int w1 = w0 + in;
                int w2 = w1 + in;
                int w3 = w2 + in;
                for (int i = 0; i < in; i++) {
                    double v = deltaPrev[aRow + i];
                    v += params[w0 + i] * d0;
                    v += params[w1 + i] * d1;
                    v += params[w2 + i] * d2;
                    v += params[w3 + i] * d3;
                    deltaPrev[aRow + i] = v;
                }
            }
            for (; o + 1 < out; o += 2) {
                double d0 = delta[b * out + o];
                double d1 = delta[b * out + o + 1];
                int w0 = w + o * in;
                int w1 = w0 + in;
                for (int i = 0; i < in; i++) {
                    double v = deltaPrev[aRow + i];
                    v += params[w0 + i] * d0;
                    v += params[w1 + i] * d1;
                    deltaPrev[aRow + i] = v;
                }
            }
            for (; o < out; o++) {
                double d = delta[b * out + o];
                int wRow = w + o * in;
                for (int i = 0; i < in; i++) {
                    deltaPrev[aRow + i] += params[wRow + i] * d;
                }
            }
            for (int i = 0; i < in; i++) {
                double t = a[aRow + i]; // tanh output saved by forward: tanh' = 1 − t²
                deltaPrev[aRow + i] *= 1 - t * t;
            }
        }
        double[] swap = delta;
        delta = deltaPrev;
        deltaPrev = swap;
    }

    private void ensureCapacity(int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("batch size must be positive, got " + n);
        }
        if (acts != null && n <= capacity) {
            return;
        }
        capacity = Math.max(n, capacity * 2);
        acts = new double[layers + 1][];
        for (int l = 0; l <= layers; l++) {
            acts[l] = new double[capacity * (l == 0 ? shape.inputs(0) : shape.outputs(l - 1))];
        }
        delta = new double[capacity * shape.maxWidth()];
        deltaPrev = new double[capacity * shape.maxWidth()];
    }
}
