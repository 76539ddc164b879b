package lab.reptile.browser;

import java.util.Arrays;
import java.util.function.DoubleSupplier;

/** Times a piece of work: warm-up runs first (for the JIT), then the median wall time of the timed runs. */
final class BenchTimer {
    private BenchTimer() {
    }

    /** Median milliseconds of {@code iterations} timed runs of {@code work}, after {@code warmUps} untimed ones. */
    static double medianMillis(int iterations, int warmUps, Runnable work, DoubleSupplier clockMillis) {
        if (iterations < 1 || iterations > 10_000) {
            throw new IllegalArgumentException("iterations must be in 1..10000, got " + iterations);
        }
        for (int i = 0; i < warmUps; i++) {
            work.run();
        }
        double[] millis = new double[iterations];
        for (int i = 0; i < iterations; i++) {
            double begin = clockMillis.getAsDouble();
            work.run();
            millis[i] = clockMillis.getAsDouble() - begin;
        }
        Arrays.sort(millis);
        return iterations % 2 == 1 ? millis[iterations / 2]
                : (millis[iterations / 2 - 1] + millis[iterations / 2]) / 2;
    }
}
