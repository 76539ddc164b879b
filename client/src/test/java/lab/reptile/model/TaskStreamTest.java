package lab.reptile.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The sine family and the meta-training data drawn from it. */
class TaskStreamTest {
    @Test
    void linspaceIncludesBothEndsEvenlySpaced() {
        double[] xs = SineFamily.linspace(50);
        assertEquals(-5.0, xs[0], 0.0);
        assertEquals(5.0, xs[49], 0.0);
        for (int i = 1; i < xs.length; i++) {
            assertEquals(10.0 / 49, xs[i] - xs[i - 1], 1e-14);
        }
    }

    @Test
    void amplitudesAndPhasesCoverTheirRanges() {
        Random rng = new Random(1);
        SineFamily family = new SineFamily();
        double minA = Double.MAX_VALUE;
        double maxA = 0;
        double minPhase = Double.MAX_VALUE;
        double maxPhase = 0;
        for (int i = 0; i < 2000; i++) {
            SineTask task = family.sample(rng);
            minA = Math.min(minA, task.amplitude());
            maxA = Math.max(maxA, task.amplitude());
            minPhase = Math.min(minPhase, task.phase());
            maxPhase = Math.max(maxPhase, task.phase());
        }
        assertTrue(minA >= 0.1 && minA < 0.15 && maxA <= 5.0 && maxA > 4.95, minA + ".." + maxA);
        assertTrue(minPhase >= 0 && minPhase < 0.05 && maxPhase < 2 * Math.PI && maxPhase > 2 * Math.PI - 0.05);
    }

    @Test
    void eachTaskIsTheShuffledGridWithTheSineOfTheTaskDrawnFirst() {
        Random check = new Random(9);
        TaskStream stream = new TaskStream(new SineFamily(), new Random(9), 50);
        Points points = stream.next();
        SineTask task = new SineFamily().sample(check);
        double[] sorted = points.xs().clone();
        Arrays.sort(sorted);
        assertArrayEquals(SineFamily.linspace(50), sorted, 0.0, "a permutation of the grid");
        assertFalse(Arrays.equals(SineFamily.linspace(50), points.xs()), "shuffled");
        for (int i = 0; i < points.size(); i++) {
            assertEquals(task.amplitude() * Math.sin(points.xs()[i] + task.phase()), points.ys()[i], 0.0);
        }
    }

    @Test
    void successiveTasksDifferInCurveAndOrder() {
        TaskStream stream = new TaskStream(new SineFamily(), new Random(3), 50);
        Points first = stream.next();
        Points second = stream.next();
        assertFalse(Arrays.equals(first.xs(), second.xs()));
        assertFalse(Arrays.equals(first.ys(), second.ys()));
    }

    @Test
    void aUniformStreamDrawsEachTasksPointsFromTheIntervalAfterTheTask() {
        ReptileConfig config = ReptileConfig.builder().randomPoints(1).pointsPerTask(5).innerBatchSize(5)
                .maxPhase(Math.PI).build();
        Random check = new Random(11);
        Points points = TaskStream.of(config, new Random(11)).next();
        SineTask task = SineFamily.MAML.sample(check);
        assertEquals(5, points.size());
        for (int i = 0; i < points.size(); i++) {
            assertEquals(-5 + 10 * check.nextDouble(), points.xs()[i], 1e-15);
            assertEquals(task.y(points.xs()[i]), points.ys()[i], 0.0);
        }
        assertArrayEquals(points.xs(), TaskStream.of(config, new Random(11)).next().xs(), 0.0, "same seed, same x");
    }

    @Test
    void aRestoredUniformStreamContinuesWithUniformPoints() {
        ReptileConfig config = ReptileConfig.builder().randomPoints(1).pointsPerTask(7).innerBatchSize(7).build();
        TaskStream stream = TaskStream.of(config, new Random(5));
        stream.next();
        TaskStream restored = TaskStream.restore(config, stream.randomState());
        TaskStream copy = stream.copy();
        Points expected = stream.next();
        assertArrayEquals(expected.xs(), restored.next().xs(), 0.0);
        assertArrayEquals(expected.ys(), copy.next().ys(), 0.0);
    }

    @Test
    void supportPointsComeFirstAndAreDrawnAfterTheTasksGrid() {
        ReptileConfig plain = ReptileConfig.builder().maxPhase(Math.PI).build();
        ReptileConfig withSupport = plain.toBuilder().supportPoints(5).supportSteps(2).build();
        Points grid = TaskStream.of(plain, new Random(13)).next();
        Points points = TaskStream.of(withSupport, new Random(13)).next();
        assertEquals(5 + 50, points.size());
        assertArrayEquals(grid.xs(), Arrays.copyOfRange(points.xs(), 5, 55), 0.0, "the same shuffled grid after them");
        assertArrayEquals(grid.ys(), Arrays.copyOfRange(points.ys(), 5, 55), 0.0);
        Random check = new Random(13);
        SineTask task = SineFamily.MAML.sample(check);
        for (int i = 49; i > 0; i--) {
            check.nextInt(i + 1); // the grid's shuffle
        }
        for (int i = 0; i < 5; i++) {
            assertEquals(-5 + 10 * check.nextDouble(), points.xs()[i], 1e-15);
            assertEquals(task.y(points.xs()[i]), points.ys()[i], 0.0);
        }
        TaskStream stream = TaskStream.of(withSupport, new Random(13));
        stream.next();
        assertArrayEquals(stream.copy().next().xs(), stream.next().xs(), 0.0, "a copy keeps the support points");
    }
}
