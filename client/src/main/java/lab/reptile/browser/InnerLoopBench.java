package lab.reptile.browser;

import java.util.Arrays;
import java.util.Random;
import java.util.function.DoubleSupplier;

import lab.reptile.model.FullBatchSgd;
import lab.reptile.model.NetShape;
import lab.reptile.model.Params;
import lab.reptile.model.Points;
import lab.reptile.model.SineFamily;

/** Times the browser's heaviest work, 32 full-batch SGD steps on 10 points, for the speed target (≤ 2 ms median). */
public final class InnerLoopBench {
    public static final int STEPS = 32;
    public static final int POINTS = 10;
    public static final double LR = 0.02;

    private InnerLoopBench() {
    }

    /** Median wall time of one adaptation in milliseconds over {@code iterations} runs, after one warm-up run. */
    public static double medianMillis(int iterations, DoubleSupplier clockMillis) {
        if (iterations < 1 || iterations > 10_000) {
            throw new IllegalArgumentException("iterations must be in 1..10000, got " + iterations);
        }
        Random rng = new Random(42);
        Params start = Params.initial(NetShape.STANDARD, rng);
        Points points = RandomSine.pointsOn(new SineFamily().sample(rng), POINTS, rng);
        FullBatchSgd loop = new FullBatchSgd(NetShape.STANDARD);
        loop.adapt(start, points, STEPS, LR);
        double[] millis = new double[iterations];
        for (int i = 0; i < iterations; i++) {
            double begin = clockMillis.getAsDouble();
            loop.adapt(start, points, STEPS, LR);
            millis[i] = clockMillis.getAsDouble() - begin;
        }
        Arrays.sort(millis);
        return iterations % 2 == 1 ? millis[iterations / 2]
                : (millis[iterations / 2 - 1] + millis[iterations / 2]) / 2;
    }
}
