package lab.reptile.model;

/**
 * The content of a {@code reptile-mlp-v1} weights file, immutable and validated on construction: tanh units and
 * every number finite (a message names the layer and the position). Two files are equal when they hold the same
 * activation, version, meta-iteration and weights bit for bit.
 *
 * @param weights the net; its flat layout is the file's rows: {@code layers[l].weights[o][i]} is
 *                {@code weights.weight(l, o, i)} (out × in, PyTorch's layout) and {@code layers[l].bias[o]} is
 *                {@code weights.bias(l, o)}
 */
public record WeightsFile(String activation, Params weights, long version, long metaIteration) {
    public static final String FORMAT = "reptile-mlp-v1";
    public static final String ACTIVATION = "tanh";

    public WeightsFile {
        if (!ACTIVATION.equals(activation)) {
            throw new IllegalArgumentException("activation must be \"" + ACTIVATION + "\", got \"" + activation + "\"");
        }
        requireFinite(weights);
        if (version < 0 || metaIteration < 0) {
            throw new IllegalArgumentException(
                    "version and metaIteration must be non-negative, got " + version + " and " + metaIteration);
        }
    }

    /** The tanh net {@code params} at {@code version} and {@code metaIteration}. */
    public static WeightsFile of(Params params, long version, long metaIteration) {
        return new WeightsFile(ACTIVATION, params, version, metaIteration);
    }

    public NetShape shape() {
        return weights.shape();
    }

    private static void requireFinite(Params weights) {
        NetShape shape = weights.shape();
        for (int l = 0; l < shape.layerCount(); l++) {
            String name = "layers[" + l + "]";
            for (int o = 0; o < shape.outputs(l); o++) {
                for (int i = 0; i < shape.inputs(l); i++) {
                    requireFinite(name + ".weights[" + o + "][" + i + "]", weights.weight(l, o, i));
                }
            }
            for (int o = 0; o < shape.outputs(l); o++) {
                requireFinite(name + ".bias[" + o + "]", weights.bias(l, o));
            }
        }
    }

    private static void requireFinite(String where, double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(where + " is " + value + "; every number must be finite");
        }
    }
}
