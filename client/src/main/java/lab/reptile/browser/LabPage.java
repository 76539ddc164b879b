package lab.reptile.browser;

import java.util.Random;

import lab.reptile.model.SineTask;

/**
 * The page's state and decisions, in plain Java: one method per visitor action, each server answer and each timer
 * updates the panels and then hands the view the parts that changed. The browser wires its events, HTTP and timers
 * in; tests drive it on the JVM with a fake server and clock.
 */
public final class LabPage {
    private final Changes changes = new Changes();
    private final View view;
    private final AdaptForm form;
    private final Random rng;
    private final PointsPanel points;
    private final AdaptPanel adaptation;
    private final WeightsPanel weights = new WeightsPanel(changes);
    private final TrainingPanel training = new TrainingPanel(changes);
    private final Messages messages = new Messages(changes);
    private final ServerSync server;

    /** @param rng draws the points of "Random sine" */
    public LabPage(Backend backend, Timers timers, AdaptForm form, View view, Random rng) {
        this.view = view;
        this.form = form;
        this.rng = rng;
        Timers redrawing = new Redrawing(timers);
        adaptation = new AdaptPanel(changes, redrawing);
        points = new PointsPanel(changes, adaptation.adaptation().grid());
        server = new ServerSync(this, backend, redrawing);
    }

    /** Draws the whole page once and asks the server for everything. */
    public void start() {
        changes.markAll();
        server.fetchWeights();
        server.fetchPretrained();
        server.pollTraining();
        redraw();
    }

    /** A tap or click on the plot at a pixel; within {@code hitRadius} pixels of a point it removes that point. */
    public void tapPlot(double px, double py, PlotArea area, double hitRadius) {
        PointSet.Edit edit = points.click(px, py, area, hitRadius);
        if (edit == PointSet.Edit.FULL) {
            messages.say("At most " + PointSet.MAX + " points: click a point to remove it.");
        } else if (edit != PointSet.Edit.IGNORED) {
            messages.say(edit == PointSet.Edit.ADDED ? "Point added." : "Point removed.");
            rerun();
        }
        redraw();
    }

    public void clear() {
        points.clear();
        rerun();
        messages.say("Cleared.");
        redraw();
    }

    public void randomSine() {
        SineTask task = points.randomSine(rng);
        messages.say("Random sine: amplitude " + Numbers.fixed(task.amplitude(), 2)
                + ", phase " + Numbers.fixed(task.phase(), 2) + ".");
        rerun();
        redraw();
    }

    /** The blog post's classic setting: a random sine with 10 points, 8 steps at lr 0.02. */
    public void tryClassic() {
        form.fill(Integer.toString(AdaptSettings.DEFAULT_STEPS), Double.toString(AdaptSettings.DEFAULT_LR));
        randomSine();
    }

    /** The adapt button: re-runs the inner loop on the current points with the form's settings. */
    public void adapt() {
        rerun();
        redraw();
    }

    /** The step slider: shows the adaptation after {@code step} and stops the animation there. */
    public void showStep(int step) {
        adaptation.show(step);
        redraw();
    }

    /** A curve toggle changed: redraws what is on screen, without restarting the animation. */
    public void toggle(Start start, boolean shown) {
        adaptation.setVisible(start, shown);
        redraw();
    }

    /** The fetch button: asks for newer meta-weights. */
    public void fetchWeights() {
        server.fetchWeights();
    }

    public PointsPanel points() {
        return points;
    }

    public AdaptPanel adaptation() {
        return adaptation;
    }

    public WeightsPanel weights() {
        return weights;
    }

    public TrainingPanel training() {
        return training;
    }

    public Messages messages() {
        return messages;
    }

    /** Adapts anew from every start if there are points, meta-weights and valid settings; else says what is missing. */
    void rerun() {
        PointSet clicked = points.points();
        if (clicked.isEmpty() || !adaptation.adaptation().hasWeights()) {
            adaptation.reset();
            if (!clicked.isEmpty()) {
                messages.say("No meta-weights yet: fetch them from the server first.");
            }
            return;
        }
        AdaptSettings settings;
        try {
            settings = AdaptSettings.parse(form.steps(), form.lr());
        } catch (IllegalArgumentException e) {
            adaptation.pause();
            messages.say(e.getMessage());
            return;
        }
        adaptation.run(clicked, settings);
    }

    /** Hands the view what changed since the last call. */
    void redraw() {
        if (!changes.isEmpty()) {
            view.render(changes);
            changes.clear();
        }
    }

    /** The wiring's timers, with a redraw after each one fires. */
    private final class Redrawing implements Timers {
        private final Timers timers;

        Redrawing(Timers timers) {
            this.timers = timers;
        }

        @Override
        public void start(Timer timer, Runnable then) {
            timers.start(timer, () -> {
                then.run();
                redraw();
            });
        }

        @Override
        public void cancel(Timer timer) {
            timers.cancel(timer);
        }
    }
}
