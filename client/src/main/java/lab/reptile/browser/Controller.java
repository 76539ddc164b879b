package lab.reptile.browser;

import java.util.Random;

import lab.reptile.model.SineTask;
import lab.reptile.model.WeightsFile;
import org.teavm.jso.browser.Window;

/** The page's behaviour: each visitor action is one method that updates the state, then the charts and labels. */
final class Controller {
    /** Time each step of the animation stays on screen. */
    private static final int FRAME_MILLIS = 90;
    /** How soon to ask again for the pretrained net while the server is still training it. */
    private static final int PRETRAINED_RETRY_MILLIS = 2000;

    private final Page page;
    private final Charts charts;
    private final ServerApi server = new ServerApi();
    private final PointSet points = new PointSet();
    private final Adaptation adaptation = new Adaptation();
    private final Random rng = new Random((long) (Math.random() * (1L << 48)));
    private String weightsError;
    private String trainingError;
    private int frameTimer = -1;

    Controller(Page page) {
        this.page = page;
        this.charts = new Charts(page);
        page.showPointCount(0);
        page.showPretrainedNote("(loading…)");
        drawAdaptation("idle");
    }

    /** A tap or click on the plot at a pixel; within {@code hitRadius} pixels of a point it removes that point. */
    void tapPlot(double px, double py, double hitRadius) {
        PointSet.Edit edit = points.click(px, py, charts.plotArea(), hitRadius);
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
        charts.drawTruth(adaptation.grid(), new double[0]);
        drawPoints();
        adapt();
        page.showStatus("Cleared.");
    }

    void randomSine() {
        SineTask task = RandomSine.drawInto(points, rng);
        charts.drawTruth(adaptation.grid(), RandomSine.curve(task, adaptation.grid()));
        drawPoints();
        page.showStatus("Random sine: amplitude " + Numbers.fixed(task.amplitude(), 2)
                + ", phase " + Numbers.fixed(task.phase(), 2) + ".");
        adapt();
    }

    /** The blog post's classic setting: a random sine with 10 points, 8 steps at lr 0.02. */
    void tryClassic() {
        page.steps.setValue(Integer.toString(AdaptSettings.DEFAULT_STEPS));
        page.lr.setValue(Double.toString(AdaptSettings.DEFAULT_LR));
        page.showAdaptLabel(page.steps.getValue());
        randomSine();
    }

    /** Re-runs the inner loop from every start on the current points and animates it. */
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

    /** A curve toggle changed: redraw what is on screen, without restarting the animation. */
    void toggled() {
        charts.drawAdaptation(adaptation, page.visible());
    }

    void fetchWeights() {
        server.fetchWeights(new ServerApi.WeightsHandler() {
            @Override
            public void fresh(WeightsFile file) {
                adaptation.setWeights(file);
                setWeightsError(null);
                page.showWeights(file.metaIteration(), file.version());
                charts.drawMeta(adaptation);
                page.showStatus("Loaded meta-weights version " + file.version() + ".");
                adapt();
            }

            @Override
            public void unchanged() {
                setWeightsError(null);
                page.showStatus("Meta-weights unchanged (version " + adaptation.weights().version() + ").");
            }

            @Override
            public void failed(int status, String message) {
                setWeightsError(message + keeping());
            }
        });
    }

    /** Loads the pretrained baseline, asking again while the server is still training it. */
    void fetchPretrained() {
        server.fetchPretrained(new ServerApi.WeightsHandler() {
            @Override
            public void fresh(WeightsFile file) {
                adaptation.setPretrained(file);
                page.showPretrainedNote("");
                adapt();
            }

            @Override
            public void failed(int status, String message) {
                if (status == 503) {
                    page.showPretrainedNote("(training…)");
                    Window.setTimeout(Controller.this::fetchPretrained, PRETRAINED_RETRY_MILLIS);
                } else {
                    page.showPretrainedNote("(unavailable)");
                }
            }
        });
    }

    void refreshTraining() {
        server.fetchStatus(new ServerApi.StatusHandler() {
            @Override
            public void status(TrainingProgress status, ProgressHistory history) {
                trainingError = null;
                page.showTraining(status);
                charts.drawProgress(history, status.tasksTotal());
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
        charts.drawPoints(points);
        page.showPointCount(points.size());
    }

    private void drawAdaptation(String state) {
        charts.drawAdaptation(adaptation, page.visible());
        page.showStep(adaptation.shownStep(), adaptation.steps());
        page.showMse(adaptation.mseByStep(Start.META), adaptation.shownStep(), state);
        page.showMseCompare(adaptation);
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
