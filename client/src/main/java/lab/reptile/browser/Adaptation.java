package lab.reptile.browser;

import lab.reptile.model.InnerLoop;
import lab.reptile.model.Mlp;
import lab.reptile.model.Params;
import lab.reptile.model.SineFamily;
import lab.reptile.model.WeightsFile;

/**
 * What the chart shows of the model: the meta-weights' curve and the last adaptation from them (every step's curve
 * and MSE on the points), plus which step is on screen. Runs the model package's inner loop.
 */
public final class Adaptation {
    /** Curves are drawn at this many evenly spaced x over [-5, 5]. */
    public static final int GRID_SIZE = 201;

    private final double[] grid = SineFamily.linspace(GRID_SIZE);
    private WeightsFile weights;
    private Params meta;
    private double[] metaCurve;
    private InnerLoop loop;
    private InnerLoop.Trace trace;
    private int shown;

    /** Replaces the meta-weights; the previous adaptation no longer applies and is dropped. */
    public void setWeights(WeightsFile file) {
        weights = file;
        meta = file.toParams();
        loop = new InnerLoop(meta.shape());
        metaCurve = new double[GRID_SIZE];
        new Mlp(meta.shape()).predict(meta.toArray(), grid, GRID_SIZE, metaCurve);
        reset();
    }

    /** Adapts from the meta-weights on the points and shows step 0 (the meta-weights' own curve). */
    public void run(PointSet points, AdaptSettings settings) {
        if (meta == null) {
            throw new IllegalStateException("no meta-weights loaded yet");
        }
        trace = loop.trace(meta, points.toPoints(), settings.steps(), settings.lr(), grid);
        shown = 0;
    }

    /** Forgets the adaptation (e.g. when the last point is gone). */
    public void reset() {
        trace = null;
        shown = 0;
    }

    /** Shows the next step; returns false (and stays) when the last step is already shown. */
    public boolean advance() {
        if (trace == null || shown >= trace.steps()) {
            return false;
        }
        shown++;
        return true;
    }

    /** Shows step {@code step}, clamped to 0..steps. */
    public void show(int step) {
        shown = trace == null ? 0 : Math.max(0, Math.min(step, trace.steps()));
    }

    public boolean hasWeights() {
        return weights != null;
    }

    public WeightsFile weights() {
        return weights;
    }

    /** Number of steps of the current adaptation (0 without one). */
    public int steps() {
        return trace == null ? 0 : trace.steps();
    }

    public int shownStep() {
        return shown;
    }

    /** True when an adaptation exists and its last step is on screen. */
    public boolean finished() {
        return trace != null && shown == trace.steps();
    }

    /** The x of every curve point, [GRID_SIZE]. */
    public double[] grid() {
        return grid;
    }

    /** The meta-weights' prediction on the grid, [GRID_SIZE]; empty before weights arrive. */
    public double[] metaCurve() {
        return metaCurve == null ? new double[0] : metaCurve;
    }

    /** The adapted net's prediction on the grid after the shown step, [GRID_SIZE]; empty without an adaptation. */
    public double[] shownCurve() {
        return trace == null ? new double[0] : trace.predictions()[shown];
    }

    /** MSE on the points after each step 0..steps (step 0 = meta-weights); empty without an adaptation. */
    public double[] mseByStep() {
        return trace == null ? new double[0] : trace.pointMse().clone();
    }
}
