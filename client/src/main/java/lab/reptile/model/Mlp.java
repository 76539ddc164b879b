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
            DenseKernels.forward(params, shape.weightOffset(l), shape.biasOffset(l), shape.inputs(l), shape.outputs(l),
                    acts[l], acts[l + 1], n, l < layers - 1);
        }
    }

    /** Layer l's W and b gradient from {@code delta}; then, below the first layer, delta moved back a layer. */
    private void backwardLayer(double[] params, int l, int n) {
        int in = shape.inputs(l);
        int out = shape.outputs(l);
        int w = shape.weightOffset(l);
        DenseKernels.gradient(grad, w, shape.biasOffset(l), in, out, acts[l], delta, n);
        if (l == 0) {
            return;
        }
        DenseKernels.backpropagate(params, w, in, out, acts[l], delta, deltaPrev, n);
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
