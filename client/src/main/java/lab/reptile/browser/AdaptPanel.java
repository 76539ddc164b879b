package lab.reptile.browser;

import java.util.Arrays;

import lab.reptile.model.WeightsFile;

/**
 * The adaptation on screen and its animation: every start's run on the points, which step is shown, whether it is
 * still stepping (one {@link Timer#FRAME} per step), and which starts' curves the visitor wants to see.
 */
public final class AdaptPanel {
    /** The MSE readout's state, written to its data-state for tests. */
    public enum State {
        /** No adaptation: no points or no meta-weights. */
        IDLE("idle"),
        /** Stepping through the steps, one frame each. */
        ANIMATING("animating"),
        /** Stopped by the visitor (the step slider) before the last step. */
        PAUSED("paused"),
        /** The last step is on screen. */
        DONE("done"),
        /** The last step is on screen and the MSE from the meta-weights is not finite or above its step-0 value. */
        DIVERGED("diverged");

        private final String word;

        State(String word) {
            this.word = word;
        }

        /** The word in data-state. */
        public String word() {
            return word;
        }
    }

    private static final String[] NAMES = {"Reptile", "random", "pretrained"};
    private static final String[] FROM = {"from the meta-weights (Reptile)", "from the random init",
        "from the pretrained net"};

    private final Changes changes;
    private final Timers timers;
    private final Adaptation adaptation = new Adaptation();
    private final boolean[] visible = new boolean[Start.values().length];
    private State state = State.IDLE;

    AdaptPanel(Changes changes, Timers timers) {
        this.changes = changes;
        this.timers = timers;
        Arrays.fill(visible, true);
    }

    /** New meta-weights: the old adaptation is dropped until the next {@link #run}. */
    void setWeights(WeightsFile file) {
        adaptation.setWeights(file);
        timers.cancel(Timer.FRAME);
        state = State.IDLE;
        changed();
    }

    /** The pretrained start; it joins the next {@link #run}. */
    void setPretrained(WeightsFile file) {
        adaptation.setPretrained(file);
    }

    /** Adapts from every available start and animates the steps from step 0. */
    void run(PointSet points, AdaptSettings settings) {
        adaptation.run(points, settings);
        state = State.ANIMATING;
        timers.start(Timer.FRAME, this::nextFrame);
        changed();
    }

    /** Adapts from every available start and shows the last step at once (the timeline, a drag, live weights). */
    void runAtOnce(PointSet points, AdaptSettings settings) {
        timers.cancel(Timer.FRAME);
        adaptation.run(points, settings);
        adaptation.show(settings.steps());
        state = endState();
        changed();
    }

    /** Drops the adaptation (no points, or no meta-weights). */
    void reset() {
        timers.cancel(Timer.FRAME);
        adaptation.reset();
        state = State.IDLE;
        changed();
    }

    /** Stops the animation where it is. */
    void pause() {
        timers.cancel(Timer.FRAME);
        if (state == State.ANIMATING) {
            state = State.PAUSED;
            changed();
        }
    }

    /** Shows step {@code step} (clamped to the adaptation's steps) and stops the animation there. */
    void show(int step) {
        timers.cancel(Timer.FRAME);
        adaptation.show(step);
        state = adaptation.steps() == 0 ? State.IDLE : adaptation.finished() ? endState() : State.PAUSED;
        changed();
    }

    /** Shows or hides the curves from {@code start}; an animation goes on. */
    void setVisible(Start start, boolean shown) {
        visible[start.ordinal()] = shown;
        changed();
    }

    private void nextFrame() {
        adaptation.advance();
        if (adaptation.finished()) {
            state = endState();
        } else {
            timers.start(Timer.FRAME, this::nextFrame);
        }
        changed();
    }

    private State endState() {
        return adaptation.diverged(Start.META) ? State.DIVERGED : State.DONE;
    }

    /**
     * The status line's warning when some start's adaptation diverged (e.g. "The adaptation from the meta-weights
     * diverged: ..."), or null when none did.
     */
    public String divergedWarning() {
        StringBuilder names = new StringBuilder();
        for (Start start : Start.values()) {
            if (adaptation.diverged(start)) {
                names.append(names.length() == 0 ? "" : " and ").append(FROM[start.ordinal()]);
            }
        }
        return names.length() == 0 ? null : "The adaptation " + names + " diverged: the MSE on the points grew"
                + " instead of shrinking. Try a smaller learning rate.";
    }

    private void changed() {
        changes.mark(Changes.Part.ADAPTATION);
    }

    public Adaptation adaptation() {
        return adaptation;
    }

    public State state() {
        return state;
    }

    public boolean visible(Start start) {
        return visible[start.ordinal()];
    }

    /** Which starts' curves are shown, in {@link Start} order (a copy). */
    public boolean[] visible() {
        return visible.clone();
    }

    /** The step slider's label, e.g. "3 / 8", or "–" without an adaptation. */
    public String stepLabel() {
        return adaptation.steps() == 0 ? "–" : adaptation.shownStep() + " / " + adaptation.steps();
    }

    /** The step slider's aria-valuetext, e.g. "step 3 of 8", or "no adaptation yet". */
    public String stepValueText() {
        return adaptation.steps() == 0 ? "no adaptation yet" : "step " + adaptation.shownStep() + " of " + adaptation.steps();
    }

    /**
     * The sine plot's text alternative, e.g. "5 points; Reptile's fit MSE 0.012 after 8 steps", from the points'
     * {@code countLabel} and the shown step; "5 points; no fit yet" without an adaptation.
     */
    public String plotSummary(String countLabel) {
        double[] mse = adaptation.mseByStep(Start.META);
        int step = adaptation.shownStep();
        return "Sine plot: " + countLabel + (mse.length == 0 ? "; no fit yet" : "; Reptile's fit MSE "
                + Numbers.short3(mse[step]) + " after " + step + (step == 1 ? " step" : " steps"));
    }

    /** The MSE chart's text alternative: every start's MSE on the points after the shown step, or what is missing. */
    public String mseChartSummary() {
        return adaptation.steps() == 0 && adaptation.mseByStep(Start.META).length == 0
                ? "Error on your points by step: no adaptation yet" : "Error on your points by step. " + compareLine();
    }

    /** The MSE readout: Reptile's MSE on the points after the shown step and at step 0, or "–". */
    public String mseLabel() {
        double[] mse = adaptation.mseByStep(Start.META);
        return mse.length == 0 ? "–"
                : Numbers.short3(mse[adaptation.shownStep()]) + " (step 0: " + Numbers.short3(mse[0]) + ")";
    }

    /** The readout's data-values for tests: every step's MSE from the meta-weights, full precision, comma-separated. */
    public String mseValues() {
        StringBuilder values = new StringBuilder();
        double[] mse = adaptation.mseByStep(Start.META);
        for (int s = 0; s < mse.length; s++) {
            values.append(s == 0 ? "" : ",").append(mse[s]);
        }
        return values.toString();
    }

    /** The line under the MSE chart: every start's MSE on the points after the shown step. */
    public String compareLine() {
        StringBuilder line = new StringBuilder();
        for (Start start : Start.values()) {
            double[] mse = adaptation.mseByStep(start);
            if (mse.length > 0) {
                line.append(line.length() == 0 ? "After step " + adaptation.shownStep() + ": " : " · ")
                        .append(NAMES[start.ordinal()]).append(' ').append(Numbers.short3(mse[adaptation.shownStep()]));
            }
        }
        return line.length() == 0 ? "Add points to compare the three starts." : line.toString();
    }
}
