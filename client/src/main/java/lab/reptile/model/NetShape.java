package lab.reptile.model;

import java.util.Arrays;

/**
 * Layer sizes of a fully connected net that maps one x to one y, and the layout of its flat parameter vector.
 *
 * <p>Flat layout, per layer l: W as [out][in] row-major (so W[o][i] sits at {@code weightOffset(l) + o * in + i}),
 * then the bias [out]. This is also DL4J's flat layout, whose W is [nIn, nOut] in column-major order.
 */
public final class NetShape {
    /** The demo's model: 1 → 64 → 64 → 1. */
    public static final NetShape STANDARD = new NetShape(1, 64, 64, 1);

    private final int[] sizes;
    private final int[] weightOffsets;
    private final int[] biasOffsets;
    private final int paramCount;

    public NetShape(int... sizes) {
        if (sizes.length < 2) {
            throw new IllegalArgumentException("sizes must list at least input and output, got " + Arrays.toString(sizes));
        }
        if (sizes[0] != 1 || sizes[sizes.length - 1] != 1) {
            throw new IllegalArgumentException("sizes must chain 1 -> ... -> 1, got " + Arrays.toString(sizes));
        }
        for (int size : sizes) {
            if (size < 1 || size > 4096) {
                throw new IllegalArgumentException("every layer size must be in 1..4096, got " + Arrays.toString(sizes));
            }
        }
        this.sizes = sizes.clone();
        weightOffsets = new int[layerCount()];
        biasOffsets = new int[layerCount()];
        int offset = 0;
        for (int l = 0; l < layerCount(); l++) {
            weightOffsets[l] = offset;
            offset += sizes[l] * sizes[l + 1];
            biasOffsets[l] = offset;
            offset += sizes[l + 1];
        }
        paramCount = offset;
    }

    /** Number of weight layers (sizes minus one). */
    public int layerCount() {
        return sizes.length - 1;
    }

    public int inputs(int layer) {
        return sizes[layer];
    }

    public int outputs(int layer) {
        return sizes[layer + 1];
    }

    public int weightOffset(int layer) {
        return weightOffsets[layer];
    }

    public int biasOffset(int layer) {
        return biasOffsets[layer];
    }

    public int paramCount() {
        return paramCount;
    }

    /** Widest layer, for sizing activation buffers. */
    public int maxWidth() {
        int max = 0;
        for (int size : sizes) {
            max = Math.max(max, size);
        }
        return max;
    }

    public int[] sizes() {
        return sizes.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof NetShape && Arrays.equals(sizes, ((NetShape) other).sizes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(sizes);
    }

    @Override
    public String toString() {
        return Arrays.toString(sizes);
    }
}
