package lab.reptile.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Mlp's forward pass, loss and SGD step against direct computations from the weights' documented layout. */
class MlpTest {
    private final NetShape shape = new NetShape(1, 5, 4, 1);
    private final Params weights = Params.initial(shape, new Random(7));
    private final double[] xs = {-4.5, -1.0, 0.0, 0.25, 3.0, 5.0};
    private final double[] ys = {1.0, -2.0, 0.5, 0.0, 2.5, -1.5};

    @Test
    void predictionMatchesNaiveTanhNetBuiltFromWeightAccessors() {
        double[] out = new double[xs.length];
        new Mlp(shape).predict(weights.toArray(), xs, xs.length, out);
        for (int b = 0; b < xs.length; b++) {
            assertEquals(naiveForward(weights, xs[b]), out[b], 1e-14, "x = " + xs[b]);
        }
    }

    @Test
    void lossIsMeanSquaredErrorOfPredictionsOnTheRange() {
        double expected = 0;
        for (int b = 2; b < 5; b++) {
            double err = naiveForward(weights, xs[b]) - ys[b];
            expected += err * err / 3;
        }
        assertEquals(expected, new Mlp(shape).loss(weights.toArray(), xs, ys, 2, 3), 1e-13);
    }

    @Test
    void pointsOutsideTheRangeDoNotAffectLossOrGradient() {
        Mlp mlp = new Mlp(shape);
        double loss = mlp.lossAndGradient(weights.toArray(), xs, ys, 1, 3);
        double[] gradient = mlp.gradient().clone();
        double[] otherXs = xs.clone();
        double[] otherYs = ys.clone();
        otherXs[0] = 100;
        otherYs[4] = -100;
        otherYs[5] = 42;
        assertEquals(loss, mlp.lossAndGradient(weights.toArray(), otherXs, otherYs, 1, 3), 0.0);
        assertArrayEquals(gradient, mlp.gradient(), 0.0);
    }

    @Test
    void sgdStepSubtractsLearningRateTimesGradientInPlace() {
        Mlp mlp = new Mlp(shape);
        double[] before = weights.toArray();
        double loss = mlp.lossAndGradient(before, xs, ys, 0, xs.length);
        double[] gradient = mlp.gradient().clone();
        double[] after = weights.toArray();
        assertEquals(loss, mlp.sgdStep(after, xs, ys, 0, xs.length, 0.05), 0.0, "returns the loss before the step");
        for (int p = 0; p < before.length; p++) {
            assertEquals(before[p] - 0.05 * gradient[p], after[p], 0.0, "parameter " + p);
        }
        assertTrue(mlp.loss(after, xs, ys, 0, xs.length) < loss, "a small step lowers the loss");
    }

    @Test
    void growingTheBatchBuffersGivesTheSameResultsAsAFreshInstance() {
        Random rng = new Random(3);
        double[] manyX = new double[100];
        double[] manyY = new double[100];
        for (int i = 0; i < manyX.length; i++) {
            manyX[i] = -5 + 10 * rng.nextDouble();
            manyY[i] = rng.nextGaussian();
        }
        Mlp reused = new Mlp(shape);
        reused.lossAndGradient(weights.toArray(), xs, ys, 0, 2);
        double loss = reused.lossAndGradient(weights.toArray(), manyX, manyY, 0, 100);
        Mlp fresh = new Mlp(shape);
        assertEquals(fresh.lossAndGradient(weights.toArray(), manyX, manyY, 0, 100), loss, 0.0);
        assertArrayEquals(fresh.gradient(), reused.gradient(), 0.0);
    }

    @Test
    void emptyBatchIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Mlp(shape).loss(weights.toArray(), xs, ys, 0, 0));
        assertTrue(e.getMessage().contains("batch size must be positive, got 0"), e.getMessage());
    }

    /** y = W_L·tanh(… tanh(W_1·x + b_1) …) + b_L, one scalar at a time from weight(l, o, i) and bias(l, o). */
    private static double naiveForward(Params p, double x) {
        NetShape s = p.shape();
        double[] a = {x};
        for (int l = 0; l < s.layerCount(); l++) {
            double[] z = new double[s.outputs(l)];
            for (int o = 0; o < z.length; o++) {
                z[o] = p.bias(l, o);
                for (int i = 0; i < a.length; i++) {
                    z[o] += p.weight(l, o, i) * a[i];
                }
                if (l < s.layerCount() - 1) {
                    z[o] = Math.tanh(z[o]);
                }
            }
            a = z;
        }
        return a[0];
    }
}
