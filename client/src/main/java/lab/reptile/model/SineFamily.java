package lab.reptile.model;

import java.util.Random;

/** The demo's task family: A ~ U[0.1, 5.0], φ ~ U[0, 2π), on x ∈ [−5, 5] (amplitude drawn first, then phase). */
public final class SineFamily implements TaskFamily {
    public static final double MIN_AMPLITUDE = 0.1;
    public static final double MAX_AMPLITUDE = 5.0;
    public static final double X_MIN = -5.0;
    public static final double X_MAX = 5.0;

    @Override
    public SineTask sample(Random rng) {
        double amplitude = MIN_AMPLITUDE + (MAX_AMPLITUDE - MIN_AMPLITUDE) * rng.nextDouble();
        double phase = 2 * Math.PI * rng.nextDouble();
        return new SineTask(amplitude, phase);
    }

    /** n evenly spaced x over [X_MIN, X_MAX], both ends included (numpy's linspace). */
    public static double[] linspace(int n) {
        double[] xs = new double[n];
        for (int i = 0; i < n; i++) {
            xs[i] = n == 1 ? X_MIN : X_MIN + (X_MAX - X_MIN) * i / (n - 1);
        }
        return xs;
    }
}
