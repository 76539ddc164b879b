package lab.reptile.model;

/**
 * The content of a {@code reptile-mlp-v1} weights file, validated on construction: sizes chain 1 → … → 1, one
 * weights row per output unit and one value per input, a bias per row, and every number finite. Messages name the
 * layer and the problem.
 *
 * @param sizes   layer widths, e.g. [1, 64, 64, 1]
 * @param weights weights[l][o][i]: layer l, output unit o, input i (out × in, PyTorch's layout)
 * @param biases  biases[l][o]
 */
public record WeightsFile(String activation, int[] sizes, double[][][] weights, double[][] biases, long version,
                          long metaIteration) {
    public static final String FORMAT = "reptile-mlp-v1";
    public static final String ACTIVATION = "tanh";

    public WeightsFile {
        if (!ACTIVATION.equals(activation)) {
            throw new IllegalArgumentException("activation must be \"" + ACTIVATION + "\", got \"" + activation + "\"");
        }
        NetShape shape = shapeOf(sizes);
        if (weights.length != shape.layerCount() || biases.length != shape.layerCount()) {
            throw new IllegalArgumentException("layers has " + weights.length + " entries but sizes "
                    + shape + " needs " + shape.layerCount());
        }
        for (int l = 0; l < weights.length; l++) {
            checkLayer(l, shape.inputs(l), shape.outputs(l), weights[l], biases[l]);
        }
        if (version < 0 || metaIteration < 0) {
            throw new IllegalArgumentException(
                    "version and metaIteration must be non-negative, got " + version + " and " + metaIteration);
        }
    }

    /** The file for {@code params}, converting the flat layout into per-layer rows. */
    public static WeightsFile of(Params params, long version, long metaIteration) {
        NetShape shape = params.shape();
        int layers = shape.layerCount();
        double[][][] weights = new double[layers][][];
        double[][] biases = new double[layers][];
        for (int l = 0; l < layers; l++) {
            weights[l] = new double[shape.outputs(l)][shape.inputs(l)];
            biases[l] = new double[shape.outputs(l)];
            for (int o = 0; o < shape.outputs(l); o++) {
                for (int i = 0; i < shape.inputs(l); i++) {
                    weights[l][o][i] = params.weight(l, o, i);
                }
                biases[l][o] = params.bias(l, o);
            }
        }
        return new WeightsFile(ACTIVATION, shape.sizes(), weights, biases, version, metaIteration);
    }

    public NetShape shape() {
        return new NetShape(sizes);
    }

    /** The weights as one flat vector in {@link NetShape}'s layout. */
    public Params toParams() {
        NetShape shape = shape();
        double[] flat = new double[shape.paramCount()];
        for (int l = 0; l < shape.layerCount(); l++) {
            int in = shape.inputs(l);
            for (int o = 0; o < shape.outputs(l); o++) {
                System.arraycopy(weights[l][o], 0, flat, shape.weightOffset(l) + o * in, in);
                flat[shape.biasOffset(l) + o] = biases[l][o];
            }
        }
        return Params.of(shape, flat);
    }

    private static NetShape shapeOf(int[] sizes) {
        try {
            return new NetShape(sizes);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad sizes: " + e.getMessage(), e);
        }
    }

    private static void checkLayer(int l, int in, int out, double[][] rows, double[] bias) {
        String name = "layers[" + l + "]";
        if (rows.length != out) {
            throw new IllegalArgumentException(name + ".weights has " + rows.length + " rows but sizes needs "
                    + out + " (one per output unit)");
        }
        for (int o = 0; o < out; o++) {
            if (rows[o].length != in) {
                throw new IllegalArgumentException(name + ".weights[" + o + "] has " + rows[o].length
                        + " values but sizes needs " + in + " (one per input)");
            }
            for (int i = 0; i < in; i++) {
                requireFinite(name + ".weights[" + o + "][" + i + "]", rows[o][i]);
            }
        }
        if (bias.length != out) {
            throw new IllegalArgumentException(name + ".bias has " + bias.length + " values but " + name
                    + ".weights has " + out + " rows");
        }
        for (int o = 0; o < out; o++) {
            requireFinite(name + ".bias[" + o + "]", bias[o]);
        }
    }

    private static void requireFinite(String where, double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(where + " is " + value + "; every number must be finite");
        }
    }
}
