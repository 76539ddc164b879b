package lab.reptile.model;

/**
 * The loops of one dense layer over a batch, on a flat parameter array (W as [out][in] row-major at {@code w}, the
 * bias at {@code bias}) and row-major activations [batch][width]. Each loop handles four rows at a time so one read
 * of a weight or activation feeds four independent sums, yet every sum adds its terms in the same order as a plain
 * loop would: results are bit-identical to the naive loops, only faster (about 1.5x in V8, 1.7x on the JVM).
 */
final class DenseKernels {
    private DenseKernels() {
    }

    /** z[b][o] = act(bias[o] + Σ_i W[o][i] · a[b][i]) for b < n, with act = tanh if {@code hidden}, else identity. */
    static void forward(double[] params, int w, int bias, int in, int out, double[] a, double[] z, int n,
                        boolean hidden) {
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

    /** grad W[o][i] = Σ_b delta[b][o] · a[b][i] and grad bias[o] = Σ_b delta[b][o], overwriting {@code grad}. */
    static void gradient(double[] grad, int w, int bias, int in, int out, double[] a, double[] delta, int n) {
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
    }

    /**
     * deltaPrev[b][i] = (Σ_o W[o][i] · delta[b][o]) · (1 − a[b][i]²): the error moved back through W and through the
     * tanh whose outputs {@code a} the forward pass saved.
     */
    static void backpropagate(double[] params, int w, int in, int out, double[] a, double[] delta,
                              double[] deltaPrev, int n) {
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
    }

    /**
     * tanh that stays finite for any finite input: TeaVM computes Math.tanh from exp, which overflows to NaN past
     * |s| ≈ 710. Beyond |s| = 20 the double result is exactly ±1 anyway, so the JVM's values are unchanged.
     */
    static double tanh(double s) {
        return s > 20 ? 1.0 : s < -20 ? -1.0 : Math.tanh(s);
    }
}
