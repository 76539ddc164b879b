package lab.reptile.server.training;

import lab.reptile.model.NetShape;
import lab.reptile.model.Params;

/**
 * The trainer's flat parameter layout: per layer l, per output unit o, its in_l weights and then its bias, i.e. the
 * layer is [out][in + 1] row-major, or a column-major [in + 1, out] matrix whose last row is b.
 *
 * <p>Why not NetShape's (= DL4J's) layout, W then b: with b as an extra row of W, an input with a trailing 1 computes
 * x·W + b in one matmul, and the same product's gradient updates W and b together; that saves two ops per layer per
 * SGD step, a quarter of the ops at meta-batch 1. Both layouts hold the same paramCount values.
 */
final class UnitMajorLayout {
    private final NetShape shape;
    private final int[] offsets;

    UnitMajorLayout(NetShape shape) {
        this.shape = shape;
        this.offsets = new int[shape.layerCount()];
        int offset = 0;
        for (int l = 0; l < shape.layerCount(); l++) {
            offsets[l] = offset;
            offset += (shape.inputs(l) + 1) * shape.outputs(l);
        }
    }

    NetShape shape() {
        return shape;
    }

    /** Start of layer l's [out][in + 1] block. */
    int offset(int layer) {
        return offsets[layer];
    }

    /** The values of {@code params} rearranged into this layout. */
    double[] fromParams(Params params) {
        if (!shape.equals(params.shape())) {
            throw new IllegalArgumentException("layout is for " + shape + " but params have " + params.shape());
        }
        double[] flat = new double[shape.paramCount()];
        for (int l = 0; l < shape.layerCount(); l++) {
            int in = shape.inputs(l);
            for (int o = 0; o < shape.outputs(l); o++) {
                int row = offsets[l] + o * (in + 1);
                for (int i = 0; i < in; i++) {
                    flat[row + i] = params.weight(l, o, i);
                }
                flat[row + in] = params.bias(l, o);
            }
        }
        return flat;
    }

    /** Params (NetShape's layout) holding the values of {@code flat}, given in this layout. */
    Params toParams(double[] flat) {
        if (flat.length != shape.paramCount()) {
            throw new IllegalArgumentException(
                    "shape " + shape + " needs " + shape.paramCount() + " values, got " + flat.length);
        }
        double[] out = new double[flat.length];
        for (int l = 0; l < shape.layerCount(); l++) {
            int in = shape.inputs(l);
            for (int o = 0; o < shape.outputs(l); o++) {
                int row = offsets[l] + o * (in + 1);
                System.arraycopy(flat, row, out, shape.weightOffset(l) + o * in, in);
                out[shape.biasOffset(l) + o] = flat[row + in];
            }
        }
        return Params.of(shape, out);
    }
}
