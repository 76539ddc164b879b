package lab.reptile.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class RangeCheckTest {
    @Test
    void valuesInRangeComeBackUnchangedBoundsIncluded() {
        assertEquals(1, RangeCheck.require("n", 1, 1, 3));
        assertEquals(3, RangeCheck.require("n", 3, 1, 3));
        assertEquals(Long.MIN_VALUE, RangeCheck.require("seed", Long.MIN_VALUE, Long.MIN_VALUE, Long.MAX_VALUE));
        assertEquals(0.5, RangeCheck.require("lr", 0.5, 0.5, 0.5));
    }

    @Test
    void wholeNumbersArePrintedAsWholeNumbers() {
        assertRejected("tasks must be from 1 to 100,000,000, got 0", () -> RangeCheck.require("tasks", 0, 1, 100_000_000));
        assertRejected("batchSize must be from 1 to 50,000, got 50,001",
                () -> RangeCheck.require("batchSize", 50_001, 1, 1_000L * 50));
        assertRejected("--seed must be from -5 to 5, got -9,223,372,036,854,775,808",
                () -> RangeCheck.require("--seed", Long.MIN_VALUE, -5, 5));
    }

    @Test
    void realNumbersArePrintedAsJavaPrintsThemAndNaNIsNeverInRange() {
        assertRejected("innerLr must be from 0.000001 to 10, got 10.5", () -> RangeCheck.require("innerLr", 10.5, 1e-6, 10));
        assertRejected("innerLr must be from 0.000001 to 10, got NaN",
                () -> RangeCheck.require("innerLr", Double.NaN, 1e-6, 10));
        assertRejected("lr must be from 0 to 1, got -Infinity",
                () -> RangeCheck.require("lr", Double.NEGATIVE_INFINITY, 0, 1));
    }

    private static void assertRejected(String message, Executable check) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, check);
        assertEquals(message, e.getMessage());
    }
}
