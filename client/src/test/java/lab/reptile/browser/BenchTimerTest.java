package lab.reptile.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class BenchTimerTest {
    @Test
    void reportsTheMedianOfTheTimedRunsAndLeavesTheWarmUpsOut() {
        // Run i (from 0, warm-ups included) takes (i + 1) ms on a fake clock: 2 warm-ups (1, 2 ms), then 3..7 ms.
        double[] now = {0};
        int[] runs = {0};
        double median = BenchTimer.medianMillis(5, 2, () -> now[0] += ++runs[0], () -> now[0]);
        assertEquals(7, runs[0]);
        assertEquals(5, median);
    }

    @Test
    void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        double[] now = {0};
        int[] runs = {0};
        assertEquals(2.5, BenchTimer.medianMillis(4, 0, () -> now[0] += ++runs[0], () -> now[0]));
    }

    @Test
    void rejectsAnIterationCountOutOfRangeNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BenchTimer.medianMillis(0, 0, () -> { }, () -> 0));
        assertEquals("iterations must be in 1..10000, got 0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> InnerLoopBench.medianMillis(10_001, () -> 0));
    }
}
