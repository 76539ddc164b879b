package lab.reptile.browser;

import java.util.Random;

import lab.reptile.model.Evaluation;
import lab.reptile.model.FullBatchSgd;
import lab.reptile.model.Mlp;
import lab.reptile.model.Params;
import lab.reptile.model.SineFamily;
import lab.reptile.model.WeightsFile;

/**
 * What the charts show of the model: the meta-weights' curve and the last adaptation on the points from every
 * available {@link Start} (each step's curve and MSE on the points), plus which step is on screen. Runs the model
 * package's inner loop.
 */
public final class Adaptation {
    /** Curves are drawn at this many evenly spaced x over [-5, 5]. */
    public static final int GRID_SIZE = 201;
    /** Seed of the random start: the same net as the "random init" column of the evaluate command's table. */
    public static final long RANDOM_SEED = Evaluation.DEFAULT_SEED + 1;

    private final double[] grid = SineFamily.linspace(GRID_SIZE);
    private final Params[] starts = new Params[Start.values().length];
    private final FullBatchSgd[] loops = new FullBatchSgd[starts.length]; // kept, so their buffers are reused
    private final FullBatchSgd.Trace[] traces = new FullBatchSgd.Trace[starts.length];
    private WeightsFile weights;
    private double[] metaCurve;
    private int steps;
    private int shown;

    /** Replaces the meta-weights (and the random start, if the net's shape changed); drops the adaptation. */
    public void setWeights(WeightsFile file) {
        weights = file;
        Params meta = file.weights();
        Params random = starts[Start.RANDOM.ordinal()];
        if (random == null || !random.shape().equals(meta.shape())) {
            starts[Start.RANDOM.ordinal()] = Params.initial(meta.shape(), new Random(RANDOM_SEED));
        }
        starts[Start.META.ordinal()] = meta;
        metaCurve = new double[GRID_SIZE];
        new Mlp(meta.shape()).predict(meta.toArray(), grid, GRID_SIZE, metaCurve);
        reset();
    }

    /** Sets the pretrained start; it joins the next {@link #run}. */
    public void setPretrained(WeightsFile file) {
        starts[Start.PRETRAINED.ordinal()] = file.weights();
    }

    /** Adapts from every available start on the same points and shows step 0 (each start's own curve). */
    public void run(PointSet points, AdaptSettings settings) {
        if (weights == null) {
            throw new IllegalStateException("no meta-weights loaded yet");
        }
        for (int s = 0; s < starts.length; s++) {
            traces[s] = starts[s] == null ? null
                    : loop(s).trace(starts[s], points.toPoints(), settings.steps(), settings.lr(), grid);
        }
        steps = settings.steps();
        shown = 0;
    }

    private FullBatchSgd loop(int start) {
        if (loops[start] == null || !loops[start].shape().equals(starts[start].shape())) {
            loops[start] = new FullBatchSgd(starts[start].shape());
        }
        return loops[start];
    }

    /** Forgets the adaptation (e.g. when the last point is gone). */
    public void reset() {
        for (int s = 0; s < traces.length; s++) {
            traces[s] = null;
        }
        steps = 0;
        shown = 0;
    }

    /** Shows the next step; returns false (and stays) when the last step is already shown. */
    public boolean advance() {
        if (shown >= steps) {
            return false;
        }
        shown++;
        return true;
    }

    /** Shows step {@code step}, clamped to 0..steps. */
    public void show(int step) {
        shown = Math.max(0, Math.min(step, steps));
    }

    public boolean hasWeights() {
        return weights != null;
    }

    public WeightsFile weights() {
        return weights;
    }

    /** Number of steps of the current adaptation (0 without one). */
    public int steps() {
        return steps;
    }

    public int shownStep() {
        return shown;
    }

    /** True when an adaptation exists and its last step is on screen. */
    public boolean finished() {
        return traces[Start.META.ordinal()] != null && shown == steps;
    }

    /** True if the run from {@code start} ends with an MSE on the points that is not finite or above step 0's. */
    public boolean diverged(Start start) {
        FullBatchSgd.Trace trace = traces[start.ordinal()];
        if (trace == null) {
            return false;
        }
        double[] mse = trace.pointMse();
        double last = mse[mse.length - 1];
        return !(Double.isFinite(last) && last <= mse[0]);
    }

    /** The x of every curve point, [GRID_SIZE]. */
    public double[] grid() {
        return grid;
    }

    /** The meta-weights' prediction on the grid, [GRID_SIZE]; empty before weights arrive. */
    public double[] metaCurve() {
        return metaCurve == null ? new double[0] : metaCurve;
    }

    /**
     * The net adapted from {@code start}, on the grid after the shown step, [GRID_SIZE]; empty without one. Predicted
     * on first call for each step, so a frame pays only for the curves it draws.
     */
    public double[] shownCurve(Start start) {
        FullBatchSgd.Trace trace = traces[start.ordinal()];
        return trace == null ? new double[0] : trace.curve(shown);
    }

    /** MSE on the points after each step 0..steps from {@code start}; empty without an adaptation from it. */
    public double[] mseByStep(Start start) {
        FullBatchSgd.Trace trace = traces[start.ordinal()];
        return trace == null ? new double[0] : trace.pointMse().clone();
    }
}
