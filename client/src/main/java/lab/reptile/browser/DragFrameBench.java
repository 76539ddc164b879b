package lab.reptile.browser;

import java.util.Random;
import java.util.function.DoubleSupplier;

import lab.reptile.model.NetShape;
import lab.reptile.model.Params;
import lab.reptile.model.Points;
import lab.reptile.model.SineFamily;
import lab.reptile.model.WeightsFile;

/**
 * Times one drag frame, the page's work per pointer move: {@link Adaptation#run} from the three starts (8 full-batch
 * SGD steps on 20 points at lr 0.02 each), then the three curves on the 201-point grid that the chart draws.
 */
public final class DragFrameBench {
    public static final int POINTS = 20;
    public static final AdaptSettings SETTINGS = new AdaptSettings(8, 0.02);
    /** Untimed frames first, so the JIT (V8's or the JVM's) has compiled the loops before the timed ones. */
    public static final int WARM_UPS = 30;

    private final Adaptation adaptation = new Adaptation();
    private final PointSet points = new PointSet();
    private final double[][] drawn = new double[Start.values().length][];

    /** The page with meta and pretrained weights loaded (random nets of fixed seeds) and 20 points on a sine. */
    public DragFrameBench() {
        Random rng = new Random(42);
        adaptation.setWeights(WeightsFile.of(Params.initial(NetShape.STANDARD, rng), 1, 0));
        adaptation.setPretrained(WeightsFile.of(Params.initial(NetShape.STANDARD, rng), 1, 0));
        Points on = RandomSine.pointsOn(new SineFamily().sample(rng), POINTS, rng);
        for (int i = 0; i < POINTS; i++) {
            points.add(on.xs()[i], on.ys()[i]);
        }
    }

    /** One frame: adapt from every start, then take the curve of every start at the last step, as the chart would. */
    public void frame() {
        adaptation.run(points, SETTINGS);
        adaptation.show(SETTINGS.steps());
        for (Start start : Start.values()) {
            drawn[start.ordinal()] = adaptation.shownCurve(start);
        }
    }

    /**
     * For comparison: a frame that predicts every step's curve, 3 x 9 on the grid, as the page did before
     * {@link lab.reptile.model.FullBatchSgd.Trace#curve} predicted only the steps drawn.
     */
    public void everyCurveFrame() {
        adaptation.run(points, SETTINGS);
        for (int step = 0; step <= SETTINGS.steps(); step++) {
            adaptation.show(step);
            for (Start start : Start.values()) {
                drawn[start.ordinal()] = adaptation.shownCurve(start);
            }
        }
    }

    /** The curves the last frame drew, [start][grid point]. */
    double[][] drawn() {
        return drawn;
    }

    /** Median milliseconds of one frame over {@code iterations} frames, after {@link #WARM_UPS} untimed ones. */
    public double medianMillis(int iterations, DoubleSupplier clockMillis) {
        return BenchTimer.medianMillis(iterations, WARM_UPS, this::frame, clockMillis);
    }

    /** The same for {@link #everyCurveFrame}. */
    public double everyCurveMedianMillis(int iterations, DoubleSupplier clockMillis) {
        return BenchTimer.medianMillis(iterations, WARM_UPS, this::everyCurveFrame, clockMillis);
    }
}
