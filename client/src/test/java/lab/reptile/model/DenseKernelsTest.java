package lab.reptile.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link DenseKernels} claims to be bit-identical to the plain loops it unrolls: pinned here against those loops,
 * written out below, value for value by {@link Double#doubleToLongBits}, over layer widths and batch sizes that are
 * and are not multiples of four (the kernels' four-at-a-time passes and their remainders).
 */
class DenseKernelsTest {
    /** {in, out}: the standard net's layers, single units, and widths that leave each remainder of four. */
    private static final int[][] LAYERS = {{1, 64}, {64, 64}, {64, 1}, {1, 1}, {3, 5}, {7, 6}, {5, 7}, {13, 3}};
    private static final int[] BATCHES = {1, 2, 3, 4, 5, 6, 7, 9, 10, 13};
    /** The layer's W and bias sit at these offsets inside a larger parameter array, as in a deeper net. */
    private static final int W = 11;

    private final Random rng = new Random(20240511);

    @Test
    void forwardIsBitIdenticalToThePlainLoops() {
        for (int[] layer : LAYERS) {
            for (int n : BATCHES) {
                for (boolean hidden : new boolean[] {true, false}) {
                    int in = layer[0];
                    int out = layer[1];
                    double[] params = random(W + out * in + out + 7, 1.5);
                    double[] a = random(n * in, 3);
                    double[] fast = new double[n * out];
                    double[] plain = new double[n * out];
                    DenseKernels.forward(params, W, W + out * in, in, out, a, fast, n, hidden);
                    plainForward(params, W, W + out * in, in, out, a, plain, n, hidden);
                    assertBitIdentical(plain, fast, "forward " + in + "->" + out + ", n " + n + ", hidden " + hidden);
                }
            }
        }
    }

    @Test
    void gradientIsBitIdenticalToThePlainLoops() {
        for (int[] layer : LAYERS) {
            for (int n : BATCHES) {
                int in = layer[0];
                int out = layer[1];
                int size = W + out * in + out + 7;
                double[] a = random(n * in, 1);
                double[] delta = random(n * out, 0.5);
                double[] fast = random(size, 9); // stale values: the kernel must overwrite W's and b's gradient
                double[] plain = fast.clone();
                DenseKernels.gradient(fast, W, W + out * in, in, out, a, delta, n);
                plainGradient(plain, W, W + out * in, in, out, a, delta, n);
                assertBitIdentical(plain, fast, "gradient " + in + "->" + out + ", n " + n);
            }
        }
    }

    @Test
    void backpropagateIsBitIdenticalToThePlainLoops() {
        for (int[] layer : LAYERS) {
            for (int n : BATCHES) {
                int in = layer[0];
                int out = layer[1];
                double[] params = random(W + out * in + out + 7, 1.5);
                double[] a = random(n * in, 0.999); // tanh outputs of the layer below
                double[] delta = random(n * out, 0.5);
                double[] fast = random(n * in, 9);
                double[] plain = fast.clone();
                DenseKernels.backpropagate(params, W, in, out, a, delta, fast, n);
                plainBackpropagate(params, W, in, out, a, delta, plain, n);
                assertBitIdentical(plain, fast, "backpropagate " + in + "->" + out + ", n " + n);
            }
        }
    }

    /** z[b][o] = act(bias[o] + Σ_i W[o][i] · a[b][i]), summed over i in order. */
    private static void plainForward(double[] params, int w, int bias, int in, int out, double[] a, double[] z,
                                     int n, boolean hidden) {
        for (int b = 0; b < n; b++) {
            for (int o = 0; o < out; o++) {
                double s = params[bias + o];
                for (int i = 0; i < in; i++) {
                    s += params[w + o * in + i] * a[b * in + i];
                }
                z[b * out + o] = hidden ? DenseKernels.tanh(s) : s;
            }
        }
    }

    /** grad W[o][i] = Σ_b delta[b][o] · a[b][i], grad bias[o] = Σ_b delta[b][o], summed over b in order. */
    private static void plainGradient(double[] grad, int w, int bias, int in, int out, double[] a, double[] delta,
                                      int n) {
        for (int o = 0; o < out; o++) {
            double gb = 0;
            for (int b = 0; b < n; b++) {
                gb += delta[b * out + o];
            }
            grad[bias + o] = gb;
            for (int i = 0; i < in; i++) {
                double g = 0;
                for (int b = 0; b < n; b++) {
                    g += delta[b * out + o] * a[b * in + i];
                }
                grad[w + o * in + i] = g;
            }
        }
    }

    /** deltaPrev[b][i] = (Σ_o W[o][i] · delta[b][o]) · (1 − a[b][i]²), summed over o in order. */
    private static void plainBackpropagate(double[] params, int w, int in, int out, double[] a, double[] delta,
                                           double[] deltaPrev, int n) {
        for (int b = 0; b < n; b++) {
            for (int i = 0; i < in; i++) {
                double s = 0;
                for (int o = 0; o < out; o++) {
                    s += params[w + o * in + i] * delta[b * out + o];
                }
                double t = a[b * in + i];
                deltaPrev[b * in + i] = s * (1 - t * t);
            }
        }
    }

    private double[] random(int size, double scale) {
        double[] values = new double[size];
        for (int i = 0; i < size; i++) {
            values[i] = scale * (2 * rng.nextDouble() - 1);
        }
        return values;
    }

    private static void assertBitIdentical(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(Double.doubleToLongBits(expected[i]), Double.doubleToLongBits(actual[i]),
                    what + ", value " + i + ": " + expected[i] + " vs " + actual[i]);
        }
    }
}
