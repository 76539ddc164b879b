package lab.reptile.browser;

import java.util.Random;

import lab.reptile.model.SineTask;
import lab.reptile.model.WeightsFile;

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
    private final RunsPanel runs = new RunsPanel(changes);
    private final ProgressCard progressCard = new ProgressCard(training, runs);
    private final StoryPanel story;
    private final ServerSync server;
    private final RunSync lab;
    private final ComparePanel compare = new ComparePanel(changes, runs);
    private final CompareSync comparing;
    /** A shared link's step to show once its adaptation first runs, or -1. */
    private int sharedStep = -1;

    /** @param rng draws the points of "Random sine" */
    public LabPage(Backend backend, Timers timers, AdaptForm form, View view, Random rng) {
        this.view = view;
        this.form = form;
        this.rng = rng;
        Timers redrawing = new RedrawingTimers(timers, this::redraw);
        adaptation = new AdaptPanel(changes, redrawing);
        points = new PointsPanel(changes, adaptation.adaptation().grid());
        story = new StoryPanel(changes, adaptation);
        server = new ServerSync(this, backend, redrawing);
        lab = new RunSync(this, backend, redrawing, runs);
        comparing = new CompareSync(this, backend, compare);
    }

    /** Draws the whole page once and asks the server for everything, starting from the default run's newest weights. */
    public void start() {
        start("");
    }

    /**
     * As {@link #start()}, but first shows what a shared URL's {@code fragment} holds (see {@link SharedView}): its
     * points, steps, learning rate, run and timeline position. A fragment that cannot be read is said and ignored.
     */
    public void start(String fragment) {
        changes.markAll();
        SharedView shared = null;
        try {
            shared = SharedView.parse(fragment);
        } catch (IllegalArgumentException e) {
            messages.say("Could not read the shared link: " + e.getMessage() + ".");
        }
        if (shared != null) {
            points.replace(shared.xs(), shared.ys());
            form.fill(shared.steps(), shared.lr());
            sharedStep = shared.step();
        }
        server.pollTraining(); // its answer says when the pretrained baseline can be fetched
        lab.listRuns();
        lab.choose(shared == null ? RunsPanel.DEFAULT_RUN : shared.run(), shared == null ? -1 : shared.position());
        redraw();
    }

    /** A pointer went down on the plot: a point within {@code hitRadius} pixels may be dragged. */
    public void pressPlot(double px, double py, PlotArea area, double hitRadius) {
        points.grab(px, py, area, hitRadius);
    }

    /** True if a press at a pixel would grab a point, i.e. lies inside the plot within {@code hitRadius} of one. */
    public boolean hitsPoint(double px, double py, PlotArea area, double hitRadius) {
        return area.contains(px, py) && points.points().nearest(px, py, area, hitRadius) >= 0;
    }

    /** A drag moved the grabbed point (if any) to a pixel: the fits follow at once. */
    public void dragPlot(double px, double py, PlotArea area) {
        if (points.dragTo(px, py, area)) {
            messages.say(""); // a drag: the note of an earlier click is over
            rerunAtOnce();
            redraw();
        }
    }

    /** The pointer went up: a dragged point stays where it is. */
    public void releasePlot() {
        points.drop();
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

    /**
     * A key on the focused plot ({@link PlotCursor}): an added or removed point re-runs the fits as a click does, a
     * moved one at once as a drag does. False if the plot does not take the key (Tab), so the browser handles it.
     */
    public boolean keyPlot(String key, boolean shift, PlotArea area) {
        PlotCursor.Effect effect = points.key(key, shift, area);
        switch (effect) {
            case ADDED, REMOVED -> {
                messages.say(effect == PlotCursor.Effect.ADDED ? "Point added." : "Point removed.");
                rerun();
            }
            case MOVED -> rerunAtOnce();
            case FULL -> messages.say("At most " + PointSet.MAX + " points: select one with [ or ] and press Delete.");
            default -> { }
        }
        redraw();
        return effect != PlotCursor.Effect.NONE;
    }

    /** The plot gained or lost the keyboard's focus: its cursor shows while it has it. */
    public void focusPlot(boolean focused) {
        points.focus(focused);
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

    /** The story's "Try a steep line": points on y = 2x, a task outside the sine family, adapted as usual. */
    public void steepLine() {
        points.steepLine(Charts.Y_LIMIT);
        messages.say("A steep line: y = 2x.");
        rerun();
        redraw();
    }

    /** The story's Next button; its second step shows step 0, where each start's own curve is drawn. */
    public void storyNext() {
        if (story.next() && story.step() == 1) {
            adaptation.show(0);
        }
        redraw();
    }

    /** The story's Back button. */
    public void storyBack() {
        if (story.back() && story.step() == 1) {
            adaptation.show(0);
        }
        redraw();
    }

    /** The adapt button: re-runs the inner loop on the current points with the form's settings. */
    public void adapt() {
        messages.say(""); // a new action: the last one's note is over
        rerun();
        redraw();
    }

    /** The step slider: shows the adaptation after {@code step} and stops the animation there. */
    public void showStep(int step) {
        messages.say("");
        adaptation.show(step);
        redraw();
    }

    /** A curve toggle changed: redraws what is on screen, without restarting the animation. */
    public void toggle(Start start, boolean shown) {
        adaptation.setVisible(start, shown);
        redraw();
    }

    /**
     * The fetch button: asks for the chosen run's newest meta-weights; from an older timeline position the slider
     * first goes to the end, where those weights belong.
     */
    public void fetchWeights() {
        messages.say(""); // the answer says what came
        if (!runs.atEnd()) {
            lab.stopReplay();
            runs.setPosition(runs.detail().snapshots() - 1);
        }
        server.fetchWeights(runs.chosen(), true);
        redraw();
    }

    /** Asks for the chosen run's newest weights without the visitor asking (a pick, the live end, following). */
    void refreshWeights() {
        server.fetchWeights(runs.chosen(), false);
    }

    /** The run picker. */
    public void chooseRun(String id) {
        messages.say(""); // the chosen run's weights say when they are loaded
        lab.choose(id, -1);
        comparing.fetchMissing(); // the run chosen before may never have been fetched for the comparison
        redraw();
    }

    /** The timeline slider: adapts at once from the snapshot at {@code index}. */
    public void moveTimeline(int index) {
        messages.say("");
        lab.stopReplay();
        lab.moveTo(index);
        redraw();
    }

    /** The replay button: plays the chosen run's timeline from its first snapshot to its last. */
    public void replay() {
        messages.say("");
        lab.replay();
        redraw();
    }

    /** The follow checkbox. */
    public void follow(boolean on) {
        lab.setFollow(on);
        redraw();
    }

    /**
     * The start-run button, with the chosen preset (empty for none) and the form's fields in {@link RunRequest#FIELDS}
     * order.
     */
    public void startRun(String preset, String[] fields) {
        if (!runs.canStart()) {
            return; // Start is disabled: the status says when to try again (Enter in a field gets here too)
        }
        try {
            lab.start(RunRequest.json(preset, fields));
        } catch (IllegalArgumentException e) {
            runs.newAttempt("Not started: " + e.getMessage() + ".");
        }
        redraw();
    }

    /** The share button: the URL fragment that reproduces what is on screen. */
    public String share() {
        String fragment = SharedView.of(points.points(), runs.chosen(), runs.atEnd() ? -1 : runs.position(),
                form.steps(), form.lr(), adaptation.state() == AdaptPanel.State.PAUSED
                        ? adaptation.adaptation().shownStep() : -1).fragment();
        messages.say("Link to this view copied.");
        redraw();
        return fragment;
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

    /** The progress card's words: the chosen run's progress. */
    public ProgressCard progressCard() {
        return progressCard;
    }

    public Messages messages() {
        return messages;
    }

    public RunsPanel runs() {
        return runs;
    }

    public ComparePanel compare() {
        return compare;
    }

    /** The run list arrived: fetches the curves and reports the comparison lacks. */
    void runsListed() {
        comparing.fetchMissing();
    }

    /** The chosen run's detail arrived: the comparison keeps it for when another run is chosen. */
    void runDetailed(RunDetail detail) {
        compare.arrived(detail);
    }

    /** A compare box changed: shows run {@code id}'s report beside the others, or no longer. */
    public void pickForCompare(String id, boolean on) {
        compare.pick(id, on);
        comparing.fetchMissing();
        redraw();
    }

    public StoryPanel story() {
        return story;
    }

    /** New meta-weights for the Reptile start: adapt again, animated or (timeline, live updates) at once. */
    void useWeights(WeightsFile file, boolean animate) {
        adaptation.setWeights(file);
        weights.holdMeta(file);
        if (animate) {
            rerun();
        } else {
            rerunAtOnce();
        }
    }

    /** Adapts anew from every start, animating the steps; see {@link #adaptAll}. */
    void rerun() {
        adaptAll(true);
    }

    /** Adapts anew from every start and shows the last step at once; see {@link #adaptAll}. */
    void rerunAtOnce() {
        adaptAll(false);
    }

    /**
     * Adapts anew from every start if there are points, meta-weights and valid settings; the status line then says
     * what is missing or went wrong, or nothing once it is right again.
     */
    private void adaptAll(boolean animate) {
        PointSet clicked = points.points();
        if (clicked.isEmpty() || !adaptation.adaptation().hasWeights()) {
            adaptation.reset();
            messages.adaptProblem(clicked.isEmpty() ? null : missingWeightsNote());
            return;
        }
        AdaptSettings settings;
        try {
            settings = AdaptSettings.parse(form.steps(), form.lr());
        } catch (IllegalArgumentException e) {
            adaptation.pause();
            messages.adaptProblem(e.getMessage());
            return;
        }
        if (sharedStep >= 0) {
            adaptation.runAtOnce(clicked, settings);
            adaptation.show(sharedStep);
            sharedStep = -1;
        } else if (animate) {
            adaptation.run(clicked, settings);
        } else {
            adaptation.runAtOnce(clicked, settings);
        }
        messages.adaptProblem(adaptation.divergedWarning());
    }

    /** Why points have no fit yet: the meta-weights are on their way, or their fetch failed (the banner says why). */
    private String missingWeightsNote() {
        return messages.problem(Messages.Source.WEIGHTS) == null
                ? "The fit appears once the meta-weights arrive."
                : "No meta-weights yet: press \"Fetch new meta-weights\" to ask again.";
    }

    /** Hands the view what changed since the last call. */
    void redraw() {
        if (!changes.isEmpty()) {
            view.render(changes);
            changes.clear();
        }
    }
}
