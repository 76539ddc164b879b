package lab.reptile.browser;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;

import lab.reptile.model.SineFamily;

/** The page's three charts, and how the model's state is drawn into them: the sine plot, MSE by step, progress. */
final class Charts {
    /** Fixed y range of the sine plot: fits the family's largest amplitude, 5, with a margin. */
    static final double Y_LIMIT = 6;

    /** A diverged curve is drawn as if it ran along these (far off the plot's ±6) instead of at 10⁴⁰ or NaN. */
    static final double CURVE_LIMIT = 100;
    /** The MSE chart's ceiling: a diverged run's MSE is drawn at most here. */
    static final double MSE_LIMIT = 1e6;

    private final ChartJs plot;
    private final ChartJs mse;
    private final ChartJs progress;

    Charts(Page page) {
        plot = new ChartJs(page.plot, ChartConfigs.plot(SineFamily.X_MIN, SineFamily.X_MAX, -Y_LIMIT, Y_LIMIT),
                "reptileChart");
        mse = new ChartJs(page.mseChart, ChartConfigs.mseByStep(), "reptileMseChart");
        progress = new ChartJs(page.progressChart, ChartConfigs.progress(), "reptileProgressChart");
    }

    PlotArea plotArea() {
        return plot.plotArea();
    }

    void drawPoints(PointSet points) {
        double[] xs = new double[points.size()];
        double[] ys = new double[points.size()];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = points.x(i);
            ys[i] = points.y(i);
        }
        plot.setData(ChartConfigs.POINTS, xs, ys);
        plot.update();
    }

    /** The keyboard's cursor at data (x, y) if {@code shown}, and a ring around the selected point (-1: none). */
    void drawCursor(boolean shown, double x, double y, PointSet points, int selected) {
        plot.setData(ChartConfigs.CURSOR, new double[] {x}, new double[] {y}, shown ? 1 : 0);
        plot.setData(ChartConfigs.SELECTED, new double[] {selected < 0 ? 0 : points.x(selected)},
                new double[] {selected < 0 ? 0 : points.y(selected)}, selected < 0 ? 0 : 1);
        plot.update();
    }

    /** The true curve behind "Random sine" on the grid; empty to remove it. */
    void drawTruth(double[] grid, double[] ys) {
        plot.setData(ChartConfigs.TRUTH, grid, ys);
        plot.update();
    }

    void drawMeta(Adaptation adaptation) {
        plot.setData(ChartConfigs.META, adaptation.grid(), adaptation.metaCurve());
        plot.update();
    }

    /**
     * Every start's curve after the shown step, and its MSE on the points for steps 0..shown on axes fixed for the
     * whole adaptation (so nothing rescales while it animates); {@code visible[start.ordinal()]} shows or hides it.
     */
    void drawAdaptation(Adaptation adaptation, boolean[] visible) {
        double[] stepAxis = new double[adaptation.steps() + 1];
        for (int s = 0; s < stepAxis.length; s++) {
            stepAxis[s] = s;
        }
        double[][] all = new double[Start.values().length][];
        for (Start start : Start.values()) {
            int i = start.ordinal();
            all[i] = adaptation.mseByStep(start);
            plot.setData(ChartConfigs.curve(start), adaptation.grid(), clipped(adaptation.shownCurve(start), CURVE_LIMIT));
            plot.setVisible(ChartConfigs.curve(start), visible[i]);
            all[i] = clipped(all[i], MSE_LIMIT);
            mse.setData(i, stepAxis, all[i], all[i].length == 0 ? 0 : adaptation.shownStep() + 1);
            mse.setVisible(i, visible[i]);
        }
        double[] range = LogRange.decades(all);
        mse.setRange("x", 0, Math.max(1, adaptation.steps()));
        mse.setRange("y", range[0], range[1]);
        plot.update();
        mse.update();
    }

    /**
     * Every run's learning curve, the chosen run's first and thickest, each in its own colour with a legend entry
     * naming it, on one x axis spanning them all ({@link CurveAxis}: linear or logarithmic).
     */
    void drawRuns(Map<String, ProgressHistory> curves, String chosen, Function<String, String> names, CurveAxis axis) {
        progress.clearLines();
        double[][] mse = new double[curves.size()][];
        int i = 0;
        ProgressHistory first = curves.get(chosen);
        if (first != null) {
            progress.addLine(names.apply(chosen), ChartConfigs.RUN_COLOURS[indexOf(curves, chosen)], 3, first);
            mse[i++] = first.mseAt8();
        }
        for (Map.Entry<String, ProgressHistory> run : curves.entrySet()) {
            if (!run.getKey().equals(chosen)) {
                progress.addLine(names.apply(run.getKey()), ChartConfigs.RUN_COLOURS[indexOf(curves, run.getKey())],
                        1.5, run.getValue());
                mse[i++] = run.getValue().mseAt8();
            }
        }
        double[] range = LogRange.decades(Arrays.copyOf(mse, i));
        progress.setType("x", axis.log() ? "logarithmic" : "linear");
        progress.setRange("x", axis.min(), axis.max());
        progress.setRange("y", range[0], range[1]);
        progress.update();
    }

    /** A copy of {@code values} with each clamped to [-limit, limit]; NaN counts as too large. */
    static double[] clipped(double[] values, double limit) {
        double[] out = new double[values.length];
        for (int i = 0; i < out.length; i++) {
            double v = values[i];
            out[i] = Double.isNaN(v) ? limit : Math.max(-limit, Math.min(limit, v));
        }
        return out;
    }

    /** A run's colour slot: the order it was first seen in, cycling through the palette. */
    private static int indexOf(Map<String, ProgressHistory> curves, String id) {
        int i = 0;
        for (String key : curves.keySet()) {
            if (key.equals(id)) {
                break;
            }
            i++;
        }
        return i % ChartConfigs.RUN_COLOURS.length;
    }
}
