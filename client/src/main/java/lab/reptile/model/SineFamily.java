package lab.reptile.model;

import java.util.Random;

/**
 * Sine tasks y = A · sin(x + φ), A ~ U[0.1, 5.0], φ ~ U[0, maxPhase), on x ∈ [−5, 5] (amplitude drawn first, then
 * phase). {@link #DEMO} is the demo's family (φ over a whole period); {@link #MAML} the one of Finn et al. 2017,
 * Table 2 (φ ~ U[0, π]).
 */
public final class SineFamily implements TaskFamily {
    public static final double MIN_AMPLITUDE = 0.1;
    public static final double MAX_AMPLITUDE = 5.0;
    public static final double X_MIN = -5.0;
    public static final double X_MAX = 5.0;
    /** Phase over a whole period: the demo's family. */
    public static final SineFamily DEMO = new SineFamily(2 * Math.PI);
    /** Phase over half a period: the MAML paper's family. */
    public static final SineFamily MAML = new SineFamily(Math.PI);

    private final double maxPhase;

    /** The family whose phase is uniform on [0, maxPhase), maxPhase in (0, 2π] (radians). */
    public SineFamily(double maxPhase) {
        RangeCheck.require("maxPhase", maxPhase, 1e-6, 2 * Math.PI);
        this.maxPhase = maxPhase;
    }

    /** The demo's family, {@link #DEMO}. */
    public SineFamily() {
        this(2 * Math.PI);
    }

    public double maxPhase() {
        return maxPhase;
    }

    @Override
    public SineTask sample(Random rng) {
        double amplitude = MIN_AMPLITUDE + (MAX_AMPLITUDE - MIN_AMPLITUDE) * rng.nextDouble();
        double phase = maxPhase * rng.nextDouble();
        return new SineTask(amplitude, phase);
    }

    /** An x ~ U[X_MIN, X_MAX), one draw from {@code rng}. */
    public static double uniformX(Random rng) {
        return X_MIN + (X_MAX - X_MIN) * rng.nextDouble();
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
