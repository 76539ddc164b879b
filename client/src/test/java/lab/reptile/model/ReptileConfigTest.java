package lab.reptile.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The reference hyperparameters, the outer-step schedule and validation messages that name the field. */
class ReptileConfigTest {
    @Test
    void referenceMatchesSchulmansSineDemo() {
        ReptileConfig reference = ReptileConfig.reference();
        assertEquals(30_000, reference.metaIterations());
        assertEquals(1, reference.metaBatchSize());
        assertEquals(0.02, reference.innerLr());
        assertEquals(10, reference.innerBatchSize());
        assertEquals(1, reference.innerEpochs());
        assertEquals(50, reference.pointsPerTask());
    }

    @Test
    void outerStepAnnealsLinearlyFromPointOneToZero() {
        ReptileConfig reference = ReptileConfig.reference();
        assertEquals(0.1, reference.outerStep(0), 0.0);
        assertEquals(0.05, reference.outerStep(15_000), 1e-17);
        assertEquals(0.1 / 30_000, reference.outerStep(29_999), 1e-17, "the last step is small but not zero");
    }

    @Test
    void outerStepAnnealsPerMetaIterationNotPerTask() {
        ReptileConfig batched = new ReptileConfig(0, 400, 4, 0.02, 10, 1, 50, 1.0, 0.5);
        assertEquals(100, batched.metaIterations());
        assertEquals(0.75, batched.outerStep(50), 1e-16);
    }

    @Test
    void withSeedAndWithTasksChangeOnlyThatField() {
        ReptileConfig reference = ReptileConfig.reference();
        assertEquals(new ReptileConfig(9, 30_000, 1, 0.02, 10, 1, 50, 0.1, 0.0), reference.withSeed(9));
        assertEquals(new ReptileConfig(0, 3_000, 1, 0.02, 10, 1, 50, 0.1, 0.0), reference.withTasks(3_000));
    }

    @Test
    void invalidValuesAreRejectedNamingTheField() {
        assertRejected("tasks must be a multiple of metaBatchSize (4), got 30",
                () -> new ReptileConfig(0, 30, 4, 0.02, 10, 1, 50, 0.1, 0.0));
        assertRejected("tasks must be in", () -> new ReptileConfig(0, 0, 1, 0.02, 10, 1, 50, 0.1, 0.0));
        assertRejected("innerLr must be in [1.0E-6, 10.0], got NaN",
                () -> new ReptileConfig(0, 10, 1, Double.NaN, 10, 1, 50, 0.1, 0.0));
        assertRejected("innerBatchSize must be in [1.0, 50.0], got 51.0",
                () -> new ReptileConfig(0, 10, 1, 0.02, 51, 1, 50, 0.1, 0.0));
        assertRejected("innerEpochs must be in", () -> new ReptileConfig(0, 10, 1, 0.02, 10, 0, 50, 0.1, 0.0));
        assertRejected("outerStepStart must be in [1.0E-6, 1.0], got 0.0",
                () -> new ReptileConfig(0, 10, 1, 0.02, 10, 1, 50, 0.0, 0.0));
        assertRejected("outerStepEnd must be in [0.0, 0.1], got 0.2",
                () -> new ReptileConfig(0, 10, 1, 0.02, 10, 1, 50, 0.1, 0.2));
    }

    private static void assertRejected(String message, Executable construction) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, construction);
        assertTrue(e.getMessage().startsWith(message), e.getMessage());
    }
}
