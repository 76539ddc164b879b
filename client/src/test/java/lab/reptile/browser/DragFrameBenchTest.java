package lab.reptile.browser;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import lab.reptile.model.FullBatchSgd;
import lab.reptile.model.Mlp;
import lab.reptile.model.NetShape;
import lab.reptile.model.Params;
import lab.reptile.model.Points;
import lab.reptile.model.SineFamily;
import org.junit.jupiter.api.Test;

/** The drag frame times the page's real work: every start adapted 8 steps on 20 points, and its curve after them. */
class DragFrameBenchTest {
    @Test
    void aFrameDrawsEachStartsNetAfterEightStepsOnTwentyPoints() {
        // The bench's seeds, drawn in its order: meta, pretrained, then the task and its points.
        Random rng = new Random(42);
        Params meta = Params.initial(NetShape.STANDARD, rng);
        Params pretrained = Params.initial(NetShape.STANDARD, rng);
        Points points = RandomSine.pointsOn(new SineFamily().sample(rng), 20, rng);
        Params random = Params.initial(NetShape.STANDARD, new Random(Adaptation.RANDOM_SEED));

        DragFrameBench bench = new DragFrameBench();
        bench.frame();
        double[][] drawn = bench.drawn();
        assertArrayEquals(adapted(meta, points), drawn[Start.META.ordinal()], 0.0);
        assertArrayEquals(adapted(random, points), drawn[Start.RANDOM.ordinal()], 0.0);
        assertArrayEquals(adapted(pretrained, points), drawn[Start.PRETRAINED.ordinal()], 0.0);
        assertEquals(Adaptation.GRID_SIZE, drawn[0].length);
    }

    @Test
    void theEveryCurveFrameEndsOnTheSameCurvesAsTheFrame() {
        DragFrameBench bench = new DragFrameBench();
        bench.frame();
        double[][] frame = bench.drawn().clone();
        bench.everyCurveFrame();
        for (Start start : Start.values()) {
            assertArrayEquals(frame[start.ordinal()], bench.drawn()[start.ordinal()], 0.0, start.name());
        }
    }

    @Test
    void everyFrameStartsOverFromTheSameWeights() {
        DragFrameBench bench = new DragFrameBench();
        bench.frame();
        double[] first = bench.drawn()[Start.META.ordinal()];
        bench.frame();
        assertArrayEquals(first, bench.drawn()[Start.META.ordinal()], 0.0);
    }

    private static double[] adapted(Params start, Points points) {
        Params after = new FullBatchSgd(NetShape.STANDARD).adapt(start, points, 8, 0.02);
        double[] grid = SineFamily.linspace(Adaptation.GRID_SIZE);
        double[] curve = new double[grid.length];
        new Mlp(NetShape.STANDARD).predict(after.toArray(), grid, grid.length, curve);
        return curve;
    }
}
