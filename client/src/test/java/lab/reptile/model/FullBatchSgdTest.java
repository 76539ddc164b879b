package lab.reptile.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The browser's adaptation: k full-batch SGD steps from the start weights, and the trace that animates them. */
class FullBatchSgdTest {
    private static final double LR = 0.02;
    private final NetShape shape = NetShape.STANDARD;
    private final FullBatchSgd loop = new FullBatchSgd(shape);
    private final Params start = Params.initial(shape, new Random(11));
    private final double[] grid = SineFamily.linspace(25);
    /** Five clicked points on a gentle line: an easy fit. */
    private final Points line = new Points(
            new double[] {-4, -2, 0, 1.5, 3.5}, new double[] {-1.4, -0.8, -0.2, 0.25, 0.85});

    @Test
    void traceStepZeroPredictsWithTheStartWeights() {
        FullBatchSgd.Trace trace = loop.trace(start, line, 8, LR, grid);
        assertArrayEquals(predict(start), trace.curve(0), 0.0);
        assertEquals(loop.mse(start, line), trace.pointMse()[0], 0.0);
    }

    @Test
    void traceStepKPredictsWithTheWeightsAfterKSteps() {
        FullBatchSgd.Trace trace = loop.trace(start, line, 8, LR, grid);
        assertEquals(9, trace.pointMse().length);
        for (int k = 0; k <= 8; k++) {
            Params adapted = loop.adapt(start, line, k, LR);
            assertArrayEquals(predict(adapted), trace.curve(k), 0.0, "step " + k);
            assertEquals(loop.mse(adapted, line), trace.pointMse()[k], 0.0, "step " + k);
        }
    }

    @Test
    void aStepsCurveIsPredictedOnceAndKept() {
        FullBatchSgd.Trace trace = loop.trace(start, line, 8, LR, grid);
        double[] first = trace.curve(5);
        loop.adapt(start, new Points(new double[] {1}, new double[] {4}), 3, LR); // reuses the loop's buffers
        assertSame(first, trace.curve(5));
        assertArrayEquals(predict(loop.adapt(start, line, 5, LR)), trace.curve(5), 0.0);
    }

    @Test
    void aNewTraceReusesTheBuffersYetGivesTheSameCurvesAsAFreshLoop() {
        Points other = new Points(new double[] {-3, 0, 2}, new double[] {2, -1, 0.5});
        loop.trace(start, other, 8, LR, grid).curve(8);
        FullBatchSgd.Trace second = loop.trace(start, line, 4, LR, grid); // shorter: reuses part of the buffers
        FullBatchSgd.Trace third = loop.trace(start, line, 8, LR, grid); // longer again
        FullBatchSgd.Trace fresh = new FullBatchSgd(start.shape()).trace(start, line, 8, LR, grid);
        for (int k = 0; k <= 8; k++) {
            assertArrayEquals(fresh.curve(k), third.curve(k), 0.0, "step " + k);
        }
        assertArrayEquals(fresh.pointMse(), third.pointMse(), 0.0);
        assertEquals(4, second.steps());
    }

    @Test
    void aCurveOutsideTheTracedStepsIsRejectedNamingTheStep() {
        FullBatchSgd.Trace trace = loop.trace(start, line, 8, LR, grid);
        assertEquals(8, trace.steps());
        assertRejected("step must be from 0 to 8, got 9", () -> trace.curve(9));
        assertRejected("step must be from 0 to 8, got -1", () -> trace.curve(-1));
    }

    @Test
    void lossDecreasesEveryStepOnAnEasyFit() {
        double[] mse = loop.trace(start, line, 32, LR, grid).pointMse();
        for (int k = 1; k < mse.length; k++) {
            assertTrue(mse[k] < mse[k - 1], "step " + k + ": " + mse[k - 1] + " -> " + mse[k]);
        }
        assertTrue(mse[32] < 0.2 * mse[0], mse[0] + " -> " + mse[32]);
    }

    @Test
    void adaptingZeroStepsReturnsTheStartAndLeavesItUntouched() {
        Params copy = Params.of(shape, start.toArray());
        assertEquals(start, loop.adapt(start, line, 0, LR));
        loop.adapt(start, line, 5, LR);
        assertEquals(copy, start);
    }

    @Test
    void everyAdaptationRestartsFromTheGivenWeights() {
        Params once = loop.adapt(start, line, 3, LR);
        loop.adapt(start, new Points(new double[] {1}, new double[] {4}), 7, LR);
        assertEquals(once, loop.adapt(start, line, 3, LR));
    }

    @Test
    void badStepsLearningRatesAndEmptyPointsAreRejectedNamingTheValue() {
        assertRejected("steps must be from 0 to 1,000, got -1", () -> loop.adapt(start, line, -1, LR));
        assertRejected("steps must be from 0 to 1,000, got 1,001", () -> loop.trace(start, line, 1001, LR, grid));
        assertRejected("learning rate must be in (0, 10], got 0.0", () -> loop.adapt(start, line, 1, 0));
        assertRejected("learning rate must be in (0, 10], got -0.5", () -> loop.trace(start, line, 1, -0.5, grid));
        assertRejected("learning rate must be in (0, 10], got NaN", () -> loop.adapt(start, line, 1, Double.NaN));
        assertRejected("learning rate must be in (0, 10], got 11.0", () -> loop.adapt(start, line, 1, 11));
        assertRejected("adaptation needs at least one point",
                () -> loop.adapt(start, new Points(new double[0], new double[0]), 1, LR));
    }

    @Test
    void pointsWithMismatchedOrNonFiniteValuesAreRejected() {
        assertRejected("xs has 2 values but ys has 1", () -> new Points(new double[2], new double[1]));
        assertRejected("point 1 is not finite: (NaN, 0.0)",
                () -> new Points(new double[] {0, Double.NaN}, new double[2]));
    }

    private double[] predict(Params weights) {
        double[] out = new double[grid.length];
        new Mlp(shape).predict(weights.toArray(), grid, grid.length, out);
        return out;
    }

    private static void assertRejected(String message, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertEquals(message, e.getMessage());
    }
}
