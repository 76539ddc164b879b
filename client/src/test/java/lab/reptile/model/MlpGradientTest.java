package lab.reptile.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Mlp's backward pass against central finite differences of its own loss (the five-point stencil, whose O(h⁴) error
 * leaves a wide margin under the 1e-6 bound that a two-point difference only just meets in double precision).
 */
class MlpGradientTest {
    private static final double H = 1e-3;
    private static final double TOLERANCE = 1e-6;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4})
    void gradientOfSmallNetMatchesCentralDifferences(long seed) {
        checkGradient(new NetShape(1, 7, 5, 1), seed, 12, 0, 12);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {11, 12})
    void gradientOfStandardNetMatchesCentralDifferences(long seed) {
        checkGradient(NetShape.STANDARD, seed, 10, 0, 10);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {21, 22, 23})
    void gradientOnPartialRangeMatchesCentralDifferencesOfThatRange(long seed) {
        checkGradient(new NetShape(1, 6, 4, 3, 1), seed, 23, 7, 6);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {31, 32})
    void gradientOfSingleHiddenLayerAndSinglePointMatchesCentralDifferences(long seed) {
        checkGradient(new NetShape(1, 9, 1), seed, 5, 4, 1);
    }

    /** Random weights at twice the init scale (so some tanh units saturate) and random points; x ∈ [−5, 5]. */
    private static void checkGradient(NetShape shape, long seed, int points, int from, int n) {
        Random rng = new Random(seed);
        double[] params = Params.initial(shape, rng).times(2).toArray();
        double[] xs = new double[points];
        double[] ys = new double[points];
        for (int i = 0; i < points; i++) {
            xs[i] = -5 + 10 * rng.nextDouble();
            ys[i] = 3 * rng.nextGaussian();
        }
        Mlp mlp = new Mlp(shape);
        double loss = mlp.lossAndGradient(params, xs, ys, from, n);
        double[] analytic = mlp.gradient().clone();
        assertEquals(loss, mlp.loss(params, xs, ys, from, n), 0.0, "lossAndGradient returns the loss");

        double worst = 0;
        int worstAt = -1;
        for (int p = 0; p < params.length; p++) {
            double saved = params[p];
            double numeric = (8 * (lossAt(mlp, params, p, saved + H, xs, ys, from, n)
                    - lossAt(mlp, params, p, saved - H, xs, ys, from, n))
                    - (lossAt(mlp, params, p, saved + 2 * H, xs, ys, from, n)
                    - lossAt(mlp, params, p, saved - 2 * H, xs, ys, from, n))) / (12 * H);
            params[p] = saved;
            // Relative error, floored so that gradients that are zero up to rounding compare absolutely.
            double error = Math.abs(numeric - analytic[p]) / Math.max(1e-3, Math.abs(numeric) + Math.abs(analytic[p]));
            if (error > worst) {
                worst = error;
                worstAt = p;
            }
        }
        assertTrue(worst < TOLERANCE, "worst relative error " + worst + " at parameter " + worstAt + " of " + shape);
    }

    private static double lossAt(Mlp mlp, double[] params, int p, double value, double[] xs, double[] ys, int from,
                                 int n) {
        params[p] = value;
        return mlp.loss(params, xs, ys, from, n);
    }
}
