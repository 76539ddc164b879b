package lab.reptile.server.lab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TimelinePlanTest {
    @Test
    void keepsTwelveToSixtyFourRoughlyGeometricSnapshotsFromZeroToTheEnd() {
        for (long m : new long[] {100, 101, 137, 999, 1_000, 20_000, 60_000, 100_000, 1_234_567, 100_000_000}) {
            long[] plan = TimelinePlan.of(m);
            assertTrue(plan.length >= 12 && plan.length <= 64, m + " meta-iterations: " + plan.length + " snapshots");
            assertEquals(0, plan[0]);
            assertEquals(m, plan[plan.length - 1]);
            assertTrue(plan[1] <= m / 100.0, m + ": the first snapshot after 0 comes early, at " + plan[1]);
            for (int i = 2; i < plan.length; i++) {
                double ratio = (double) plan[i] / plan[i - 1];
                assertTrue(ratio > 1 && ratio <= 2.0, m + ": step " + plan[i - 1] + " -> " + plan[i]);
            }
        }
    }

    @Test
    void usesRoundNumbersForTheDefaultRun() {
        assertArrayEquals(new long[] {0, 300, 500, 750, 1_000, 1_500, 2_000, 3_000, 5_000, 7_500, 10_000, 15_000,
            20_000, 30_000, 50_000, 60_000}, TimelinePlan.of(60_000));
    }

    @Test
    void refusesAnEmptyRun() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TimelinePlan.of(0));
        assertEquals("a run needs at least 1 meta-iteration, got 0", e.getMessage());
    }
}
