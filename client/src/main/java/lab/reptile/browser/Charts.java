package lab.reptile.browser;

import lab.reptile.model.SineFamily;

/** The page's three charts, and how the model's state is drawn into them: the sine plot, MSE by step, progress. */
final class Charts {
    /** Fixed y range of the sine plot: fits the family's largest amplitude, 5, with a margin. */
    static final double Y_LIMIT = 6;

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
            plot.setData(ChartConfigs.curve(start), adaptation.grid(), adaptation.shownCurve(start));
            plot.setVisible(ChartConfigs.curve(start), visible[i]);
            mse.setData(i, stepAxis, all[i], all[i].length == 0 ? 0 : adaptation.shownStep() + 1);
            mse.setVisible(i, visible[i]);
        }
        double[] range = LogRange.decades(all);
        mse.setRange("x", 0, Math.max(1, adaptation.steps()));
        mse.setRange("y", range[0], range[1]);
        plot.update();
        mse.update();
    }

    /** The learning curve over the whole planned run, so the x axis stays put while it grows. */
    void drawProgress(ProgressHistory history, long tasksTotal) {
        double[] range = LogRange.decades(history.mseAt8());
        progress.setData(ChartConfigs.PROGRESS, history.tasksDone(), history.mseAt8());
        progress.setRange("x", 0, Math.max(1, tasksTotal));
        progress.setRange("y", range[0], range[1]);
        progress.update();
    }
}
