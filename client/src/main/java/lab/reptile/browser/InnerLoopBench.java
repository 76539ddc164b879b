package lab.reptile.browser;

import java.util.Random;
import java.util.function.DoubleSupplier;

import lab.reptile.model.FullBatchSgd;
import lab.reptile.model.NetShape;
import lab.reptile.model.Params;
import lab.reptile.model.Points;
import lab.reptile.model.SineFamily;

/** Times 32 full-batch SGD steps on 10 points: the inner loop alone (issue 4); a frame is {@link DragFrameBench}. */
public final class InnerLoopBench {
    public static final int STEPS = 32;
    public static final int POINTS = 10;
    public static final double LR = 0.02;

    private InnerLoopBench() {
    }

    /** Median wall time of one adaptation in milliseconds over {@code iterations} runs, after one warm-up run. */
    public static double medianMillis(int iterations, DoubleSupplier clockMillis) {
        Random rng = new Random(42);
        Params start = Params.initial(NetShape.STANDARD, rng);
        Points points = RandomSine.pointsOn(new SineFamily().sample(rng), POINTS, rng);
        FullBatchSgd loop = new FullBatchSgd(NetShape.STANDARD);
        return BenchTimer.medianMillis(iterations, 1, () -> loop.adapt(start, points, STEPS, LR), clockMillis);
    }
}
