package lab.reptile.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ResumeTest {
    private static final ReptileConfig CONFIG = ReptileConfig.reference().withTasks(300);

    @Test
    void aTrainerStartedFromAResumePointEndsBitIdenticalToAnUninterruptedRun() {
        ReptileTrainer uninterrupted = new ReptileTrainer(CONFIG, NetShape.STANDARD);
        ReptileTrainer first = new ReptileTrainer(CONFIG, NetShape.STANDARD);
        for (int i = 0; i < 120; i++) {
            uninterrupted.metaStep();
            first.metaStep();
        }
        TrainerStart point = first.resumePoint();
        assertEquals(120, point.metaIteration());
        first.metaStep(); // the original moving on must not disturb the copy

        ReptileTrainer second = new ReptileTrainer(CONFIG, point);
        assertEquals(120, second.metaIteration());
        while (!uninterrupted.finished()) {
            uninterrupted.metaStep();
        }
        while (!second.finished()) {
            second.metaStep();
        }
        assertEquals(uninterrupted.metaWeights(), second.metaWeights());
    }

    @Test
    void randomStateRoundTripsThroughBytes() {
        TaskStream stream = new TaskStream(new SineFamily(), new Random(5), 20);
        stream.next();
        TaskStream restored = TaskStream.restore(ReptileConfig.builder().pointsPerTask(20).build(), stream.randomState());
        for (int task = 0; task < 3; task++) {
            Points expected = stream.next();
            Points actual = restored.next();
            assertTrue(Arrays.equals(expected.xs(), actual.xs()) && Arrays.equals(expected.ys(), actual.ys()));
        }
        assertNotEquals(0, stream.randomState().length);
    }

    @Test
    void corruptRandomStateIsRejectedWithAClearMessage() {
        byte[] state = new TaskStream(new SineFamily(), new Random(5), 20).randomState();
        byte[] truncated = Arrays.copyOf(state, state.length / 2);
        var e = assertThrows(IllegalArgumentException.class,
                () -> TaskStream.restore(ReptileConfig.builder().pointsPerTask(20).build(), truncated));
        assertTrue(e.getMessage().startsWith("random generator state is corrupt"), e.getMessage());
    }
}
