package lab.reptile.browser;

import java.util.Random;

import lab.reptile.model.SineFamily;
import lab.reptile.model.SineTask;
import lab.reptile.model.WeightsFile;
import org.teavm.jso.browser.Window;

/** The page's behaviour: each visitor action is one method that updates the state, then the chart and labels. */
final class Controller {
    /** A click this close to a point (CSS pixels) removes it instead of adding one. */
    static final double HIT_RADIUS = 9;
    /** Fixed y range: fits the family's largest amplitude, 5, with a margin. */
    static final double Y_LIMIT = 6;
    /** Time each step of the animation stays on screen. */
    private static final int FRAME_MILLIS = 90;

    private final Page page;
    private final ChartJs chart;
    private final ServerApi server = new ServerApi();
    private final PointSet points = new PointSet();
    private final Adaptation adaptation = new Adaptation();
    private final Random rng = new Random((long) (Math.random() * (1L << 48)));
    private String weightsError;
    private String trainingError;
    private int frameTimer = -1;

    Controller(Page page) {
        this.page = page;
        this.chart = new ChartJs(page.plot, SineFamily.X_MIN, SineFamily.X_MAX, -Y_LIMIT, Y_LIMIT);
        page.showPointCount(0);
        page.showStep(0, 0);
        page.showMse(new double[0], 0, "idle");
    }

    void clickPlot(double px, double py) {
        PointSet.Edit edit = points.click(px, py, chart.plotArea(), HIT_RADIUS);
        if (edit == PointSet.Edit.FULL) {
            page.showStatus("At most " + PointSet.MAX + " points: click a point to remove it.");
        } else if (edit != PointSet.Edit.IGNORED) {
            page.showStatus(edit == PointSet.Edit.ADDED ? "Point added." : "Point removed.");
            drawPoints();
            adapt();
        }
    }

    void clear() {
        points.clear();
        chart.setData(ChartJs.TRUTH, adaptation.grid(), new double[0]);
        drawPoints();
        adapt();
        page.showStatus("Cleared.");
    }

    void randomSine() {
        SineTask task = RandomSine.drawInto(points, rng);
        chart.setData(ChartJs.TRUTH, adaptation.grid(), RandomSine.curve(task, adaptation.grid()));
        drawPoints();
        page.showStatus("Random sine: amplitude " + Numbers.fixed(task.amplitude(), 2)
                + ", phase " + Numbers.fixed(task.phase(), 2) + ".");
        adapt();
    }

    /** Re-runs the inner loop from the meta-weights on the current points and animates it. */
    void adapt() {
        stopAnimation();
        if (points.isEmpty() || !adaptation.hasWeights()) {
            adaptation.reset();
            drawAdaptation("idle");
            if (!points.isEmpty()) {
                page.showStatus("No meta-weights yet: fetch them from the server first.");
            }
            return;
        }
        AdaptSettings settings;
        try {
            settings = AdaptSettings.parse(page.steps.getValue(), page.lr.getValue());
        } catch (IllegalArgumentException e) {
            page.showStatus(e.getMessage());
            return;
        }
        adaptation.run(points, settings);
        drawAdaptation("animating");
        frameTimer = Window.setTimeout(this::nextFrame, FRAME_MILLIS);
    }

    /** Shows the adaptation after the step the slider points at. */
    void showStep(int step) {
        stopAnimation();
        adaptation.show(step);
        drawAdaptation(adaptation.finished() ? "done" : "paused");
    }

    void fetchWeights() {
        server.fetchWeights(new ServerApi.WeightsHandler() {
            @Override
            public void fresh(WeightsFile file) {
                useWeights(file);
            }

            @Override
            public void unchanged() {
                setWeightsError(null);
                page.showStatus("Meta-weights unchanged (version " + adaptation.weights().version() + ").");
            }

            @Override
            public void failed(String message) {
                setWeightsError(message + keeping());
            }
        });
    }

    void refreshTraining() {
        server.fetchStatus(new ServerApi.StatusHandler() {
            @Override
            public void status(TrainingStatus status) {
                trainingError = null;
                page.showTraining(status);
                showErrors();
            }

            @Override
            public void failed(String message) {
                trainingError = message;
                page.showTrainingStale();
                showErrors();
            }
        });
    }

    private void useWeights(WeightsFile file) {
        adaptation.setWeights(file);
        setWeightsError(null);
        page.showWeights(file.metaIteration(), file.version());
        chart.setData(ChartJs.META, adaptation.grid(), adaptation.metaCurve());
        page.showStatus("Loaded meta-weights version " + file.version() + ".");
        adapt();
    }

    private void nextFrame() {
        frameTimer = -1;
        adaptation.advance();
        boolean more = !adaptation.finished();
        drawAdaptation(more ? "animating" : "done");
        if (more) {
            frameTimer = Window.setTimeout(this::nextFrame, FRAME_MILLIS);
        }
    }

    private void stopAnimation() {
        if (frameTimer >= 0) {
            Window.clearTimeout(frameTimer);
            frameTimer = -1;
        }
    }

    private void drawPoints() {
        double[] xs = new double[points.size()];
        double[] ys = new double[points.size()];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = points.x(i);
            ys[i] = points.y(i);
        }
        chart.setData(ChartJs.POINTS, xs, ys);
        page.showPointCount(points.size());
        chart.update();
    }

    private void drawAdaptation(String state) {
        chart.setData(ChartJs.ADAPTED, adaptation.grid(), adaptation.shownCurve());
        chart.update();
        page.showStep(adaptation.shownStep(), adaptation.steps());
        page.showMse(adaptation.mseByStep(), adaptation.shownStep(), state);
    }

    private String keeping() {
        return adaptation.hasWeights()
                ? " Keeping meta-weights version " + adaptation.weights().version() + "." : "";
    }

    private void setWeightsError(String message) {
        weightsError = message;
        showErrors();
    }

    private void showErrors() {
        page.showError(weightsError != null ? weightsError : trainingError);
    }
}
