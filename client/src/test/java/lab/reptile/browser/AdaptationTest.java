package lab.reptile.browser;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import lab.reptile.model.NetShape;
import lab.reptile.model.Params;
import lab.reptile.model.SineTask;
import lab.reptile.model.WeightsFile;
import org.junit.jupiter.api.Test;

/**
 * What the page draws, against {@link PlainSgd}: full-batch SGD written out independently of the model package, on
 * a grid of x computed here.
 */
class AdaptationTest {
    /** The reference sums in another order than the model's kernels; values agree to rounding. */
    private static final double ROUNDING = 1e-12;
    /** The three points the constructor adds. */
    private static final double[] XS = {-2, 0.5, 3};
    private static final double[] YS = {1, -0.5, 2};
    /** 201 evenly spaced x over [-5, 5], ends included. */
    private static final double[] GRID = new double[201];

    static {
        for (int g = 0; g < GRID.length; g++) {
            GRID[g] = -5 + g / 20.0;
        }
    }

    private final Params meta = Params.initial(NetShape.STANDARD, new Random(5));
    private final Adaptation adaptation = new Adaptation();
    private final PointSet points = new PointSet();

    AdaptationTest() {
        adaptation.setWeights(WeightsFile.of(meta, 1, 100));
        for (int i = 0; i < XS.length; i++) {
            points.add(XS[i], YS[i]);
        }
    }

    @Test
    void curvesAreDrawnOn201EvenlySpacedXOverTheTaskRange() {
        assertEquals(Adaptation.GRID_SIZE, GRID.length);
        assertArrayEquals(GRID, adaptation.grid(), 1e-15);
    }

    @Test
    void eachStepIsOneFullBatchSgdStepFromTheMetaWeights() {
        adaptation.run(points, new AdaptSettings(8, 0.02));
        PlainSgd.Trace expected = PlainSgd.trace(meta, XS, YS, 8, 0.02, GRID);
        assertArrayEquals(expected.pointMse(), adaptation.mseByStep(Start.META), ROUNDING);
        for (int step = 0; step <= 8; step++) {
            adaptation.show(step);
            assertArrayEquals(expected.predictions()[step], adaptation.shownCurve(Start.META), ROUNDING,
                    "step " + step);
        }
        assertTrue(expected.pointMse()[8] < expected.pointMse()[0], "the steps fit the points");
    }

    @Test
    void stepZeroIsTheMetaCurve() {
        adaptation.run(points, new AdaptSettings(4, 0.02));
        assertEquals(0, adaptation.shownStep());
        double[] metaCurve = PlainSgd.trace(meta, XS, YS, 0, 0.02, GRID).predictions()[0];
        assertArrayEquals(metaCurve, adaptation.metaCurve(), ROUNDING);
        assertArrayEquals(metaCurve, adaptation.shownCurve(Start.META), ROUNDING);
    }

    @Test
    void advanceWalksToTheLastStepAndStops() {
        adaptation.run(points, new AdaptSettings(3, 0.02));
        assertTrue(adaptation.advance());
        assertTrue(adaptation.advance());
        assertFalse(adaptation.finished());
        assertTrue(adaptation.advance());
        assertTrue(adaptation.finished());
        assertFalse(adaptation.advance());
        assertEquals(3, adaptation.shownStep());
    }

    @Test
    void showClampsToTheAdaptationsSteps() {
        adaptation.run(points, new AdaptSettings(5, 0.02));
        adaptation.show(99);
        assertEquals(5, adaptation.shownStep());
        adaptation.show(-1);
        assertEquals(0, adaptation.shownStep());
    }

    @Test
    void fittingPointsOnASineLowersTheirMse() {
        RandomSine.drawInto(points, new Random(11));
        adaptation.run(points, new AdaptSettings(32, 0.02));
        double[] mse = adaptation.mseByStep(Start.META);
        assertEquals(33, mse.length);
        assertTrue(mse[32] < mse[0], "MSE " + mse[0] + " -> " + mse[32]);
        double[] xs = new double[points.size()];
        double[] ys = new double[points.size()];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = points.x(i);
            ys[i] = points.y(i);
        }
        assertArrayEquals(PlainSgd.trace(meta, xs, ys, 32, 0.02, GRID).pointMse(), mse, ROUNDING);
    }

    @Test
    void newWeightsDropTheOldAdaptation() {
        adaptation.run(points, new AdaptSettings(8, 0.02));
        adaptation.setWeights(WeightsFile.of(Params.initial(NetShape.STANDARD, new Random(6)), 2, 200));
        assertEquals(0, adaptation.steps());
        assertEquals(0, adaptation.shownCurve(Start.META).length);
        assertEquals(0, adaptation.mseByStep(Start.META).length);
        assertEquals(2, adaptation.weights().version());
    }

    @Test
    void runningWithoutWeightsFailsClearly() {
        Adaptation empty = new Adaptation();
        assertFalse(empty.hasWeights());
        assertEquals(0, empty.metaCurve().length);
        assertThrows(IllegalStateException.class, () -> empty.run(points, new AdaptSettings(8, 0.02)));
    }

    @Test
    void randomSinePointsLieOnTheDrawnCurve() {
        SineTask task = RandomSine.drawInto(points, new Random(2));
        assertEquals(RandomSine.POINTS, points.size());
        for (int i = 0; i < points.size(); i++) {
            assertEquals(task.y(points.x(i)), points.y(i), 1e-12);
            assertTrue(points.x(i) >= -5 && points.x(i) <= 5);
        }
        double[] curve = RandomSine.curve(task, adaptation.grid());
        assertEquals(task.y(adaptation.grid()[100]), curve[100]);
    }

    @Test
    void adaptsFromTheSeededRandomInitOnTheSamePointsAndSteps() {
        adaptation.run(points, new AdaptSettings(8, 0.02));
        Params random = Params.initial(NetShape.STANDARD, new Random(Adaptation.RANDOM_SEED));
        PlainSgd.Trace expected = PlainSgd.trace(random, XS, YS, 8, 0.02, GRID);
        assertArrayEquals(expected.pointMse(), adaptation.mseByStep(Start.RANDOM), ROUNDING);
        adaptation.show(3);
        assertArrayEquals(expected.predictions()[3], adaptation.shownCurve(Start.RANDOM), ROUNDING);
    }

    @Test
    void thePretrainedStartJoinsOnceItArrives() {
        adaptation.run(points, new AdaptSettings(4, 0.02));
        assertEquals(0, adaptation.mseByStep(Start.PRETRAINED).length);
        Params pretrained = Params.initial(NetShape.STANDARD, new Random(9));
        adaptation.setPretrained(WeightsFile.of(pretrained, 1, 0));
        adaptation.run(points, new AdaptSettings(4, 0.02));
        assertArrayEquals(PlainSgd.trace(pretrained, XS, YS, 4, 0.02, GRID).pointMse(),
                adaptation.mseByStep(Start.PRETRAINED), ROUNDING);
    }

    @Test
    void theRandomStartStaysTheSameWhenNewMetaWeightsArrive() {
        adaptation.run(points, new AdaptSettings(2, 0.02));
        double[] before = adaptation.mseByStep(Start.RANDOM);
        adaptation.setWeights(WeightsFile.of(Params.initial(NetShape.STANDARD, new Random(6)), 2, 200));
        adaptation.run(points, new AdaptSettings(2, 0.02));
        assertArrayEquals(before, adaptation.mseByStep(Start.RANDOM));
    }
}
