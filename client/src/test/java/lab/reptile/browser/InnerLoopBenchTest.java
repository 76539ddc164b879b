package lab.reptile.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class InnerLoopBenchTest {
    @Test
    void reportsTheMedianOfTheTimedRuns() {
        // A fake clock that only moves at the end of a timed run, so run i takes (i + 1) ms: 1..5, median 3.
        double[] now = {0};
        int[] calls = {0};
        double median = InnerLoopBench.medianMillis(5, () -> {
            calls[0]++;
            now[0] += calls[0] % 2 == 0 ? calls[0] / 2.0 : 0;
            return now[0];
        });
        assertEquals(3, median);
    }

    @Test
    void rejectsANonPositiveIterationCount() {
        assertThrows(IllegalArgumentException.class, () -> InnerLoopBench.medianMillis(0, () -> 0));
    }
}
