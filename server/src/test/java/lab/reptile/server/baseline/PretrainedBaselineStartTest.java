package lab.reptile.server.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import lab.reptile.model.NetShape;
import org.junit.jupiter.api.Test;

/** A baseline without a delay is training from the start; one with a delay waits first; a negative delay is refused. */
class PretrainedBaselineStartTest {
    private static final PretrainConfig SHORT = PretrainConfig.defaults().withSteps(5);

    @Test
    void withoutADelayItNeverSaysItWaits() throws Exception {
        PretrainedBaseline baseline = PretrainedBaseline.start(SHORT, NetShape.STANDARD);
        assertNotEquals(PretrainedBaseline.State.WAITING, baseline.state());
        baseline.await(60_000);
        assertEquals(PretrainedBaseline.State.READY, baseline.state());
    }

    @Test
    void withADelayItWaitsAndServesNothingYet() {
        PretrainedBaseline baseline = PretrainedBaseline.start(SHORT, NetShape.STANDARD, Duration.ofHours(1));
        assertEquals(PretrainedBaseline.State.WAITING, baseline.state());
        assertEquals(null, baseline.snapshot());
    }

    @Test
    void aNegativeDelayIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PretrainedBaseline.start(SHORT, NetShape.STANDARD, Duration.ofSeconds(-1)));
        assertEquals("the pretrainer's delay must not be negative, got PT-1S", e.getMessage());
    }
}
