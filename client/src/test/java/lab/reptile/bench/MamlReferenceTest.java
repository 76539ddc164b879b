package lab.reptile.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import lab.reptile.model.Mlp;
import lab.reptile.model.NetShape;
import lab.reptile.model.Params;
import lab.reptile.model.SineFamily;
import lab.reptile.model.SineTask;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** MAML's meta-gradient is the derivative of the query loss after the adaptation steps, second-order term included. */
class MamlReferenceTest {
    private static final double LR = 0.02;
    private final NetShape shape = NetShape.STANDARD;
    private final Mlp mlp = new Mlp(shape);
    private final Random rng = new Random(5);
    private final double[] theta = Params.initial(shape, rng).toArray();
    private final double[] xs = new double[10];
    private final double[] ys = new double[10];
    private final double[] queryX = SineFamily.linspace(50);
    private final double[] queryY = new double[50];

    MamlReferenceTest() {
        SineTask task = new SineTask(3.7, 1.1);
        for (int i = 0; i < xs.length; i++) {
            xs[i] = SineFamily.uniformX(rng);
            ys[i] = task.y(xs[i]);
        }
        for (int q = 0; q < queryX.length; q++) {
            queryY[q] = task.y(queryX[q]);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void theMetaGradientMatchesCentralDifferencesOfTheLossAfterAdaptation(int steps) {
        double[] direction = randomUnit(theta.length);
        double h = 1e-5;
        double numeric = (lossAfter(shifted(direction, h), steps) - lossAfter(shifted(direction, -h), steps)) / (2 * h);
        double[] g = MamlReference.metaGradient(mlp, theta, xs, ys, queryX, queryY, steps, LR);
        double firstOrder = dot(queryGradientAfter(steps), direction);
        assertEquals(numeric, dot(g, direction), 1e-6 * Math.abs(numeric) + 1e-9);
        // the second-order term is what a first-order method drops: here it is far larger than the tolerance
        assertTrue(Math.abs(firstOrder - numeric) > 1e-3 * Math.abs(numeric),
                "first order " + firstOrder + " against " + numeric);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void theMetaGradientLeavesTheWeightsAsTheyWere(int steps) {
        double[] before = theta.clone();
        MamlReference.metaGradient(mlp, theta, xs, ys, queryX, queryY, steps, LR);
        assertEquals(Params.of(shape, before), Params.of(shape, theta));
    }

    private double lossAfter(double[] start, int steps) {
        return mlp.loss(adapted(start, steps), queryX, queryY, 0, queryX.length);
    }

    private double[] queryGradientAfter(int steps) {
        mlp.lossAndGradient(adapted(theta, steps), queryX, queryY, 0, queryX.length);
        return mlp.gradient().clone();
    }

    /** {@code start} after {@code steps} full-batch SGD steps on the support points. */
    private double[] adapted(double[] start, int steps) {
        double[] phi = start.clone();
        for (int s = 0; s < steps; s++) {
            mlp.sgdStep(phi, xs, ys, 0, xs.length, LR);
        }
        return phi;
    }

    private double[] shifted(double[] direction, double h) {
        double[] out = theta.clone();
        for (int p = 0; p < out.length; p++) {
            out[p] += h * direction[p];
        }
        return out;
    }

    private double[] randomUnit(int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rng.nextGaussian();
        }
        double norm = Math.sqrt(dot(v, v));
        for (int i = 0; i < n; i++) {
            v[i] /= norm;
        }
        return v;
    }

    private static double dot(double[] u, double[] v) {
        double sum = 0;
        for (int i = 0; i < u.length; i++) {
            sum += u[i] * v[i];
        }
        return sum;
    }
}
