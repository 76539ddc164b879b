package lab.reptile.browser;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import lab.reptile.model.FullBatchSgd;
import lab.reptile.model.NetShape;
import lab.reptile.model.Params;
import lab.reptile.model.SineTask;
import lab.reptile.model.WeightsFile;
import org.junit.jupiter.api.Test;

class AdaptationTest {
    private final Params meta = Params.initial(NetShape.STANDARD, new Random(5));
    private final Adaptation adaptation = new Adaptation();
    private final PointSet points = new PointSet();

    AdaptationTest() {
        adaptation.setWeights(WeightsFile.of(meta, 1, 100));
        points.add(-2, 1);
        points.add(0.5, -0.5);
        points.add(3, 2);
    }

    @Test
    void runsTheModelsInnerLoopFromTheMetaWeights() {
        adaptation.run(points, new AdaptSettings(8, 0.02));
        FullBatchSgd.Trace expected = new FullBatchSgd(NetShape.STANDARD)
                .trace(meta, points.toPoints(), 8, 0.02, adaptation.grid());
        assertArrayEquals(expected.pointMse(), adaptation.mseByStep(Start.META));
        adaptation.show(8);
        assertArrayEquals(expected.predictions()[8], adaptation.shownCurve(Start.META));
    }

    @Test
    void stepZeroIsTheMetaCurve() {
        adaptation.run(points, new AdaptSettings(4, 0.02));
        assertEquals(0, adaptation.shownStep());
        assertArrayEquals(adaptation.metaCurve(), adaptation.shownCurve(Start.META), 1e-15);
        assertEquals(Adaptation.GRID_SIZE, adaptation.metaCurve().length);
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
        FullBatchSgd.Trace expected = new FullBatchSgd(NetShape.STANDARD)
                .trace(random, points.toPoints(), 8, 0.02, adaptation.grid());
        assertArrayEquals(expected.pointMse(), adaptation.mseByStep(Start.RANDOM));
        adaptation.show(3);
        assertArrayEquals(expected.predictions()[3], adaptation.shownCurve(Start.RANDOM));
    }

    @Test
    void thePretrainedStartJoinsOnceItArrives() {
        adaptation.run(points, new AdaptSettings(4, 0.02));
        assertEquals(0, adaptation.mseByStep(Start.PRETRAINED).length);
        Params pretrained = Params.initial(NetShape.STANDARD, new Random(9));
        adaptation.setPretrained(WeightsFile.of(pretrained, 1, 0));
        adaptation.run(points, new AdaptSettings(4, 0.02));
        assertArrayEquals(new FullBatchSgd(NetShape.STANDARD).trace(pretrained, points.toPoints(), 4, 0.02,
                adaptation.grid()).pointMse(), adaptation.mseByStep(Start.PRETRAINED));
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
