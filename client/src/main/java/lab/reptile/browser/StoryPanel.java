package lab.reptile.browser;

/**
 * The guided story beside the widgets: three steps, each tied to the control it talks about (highlighted while the
 * step is shown). The last step's verdict is read off the adaptation on screen, so it says what its MSEs show.
 */
public final class StoryPanel {
    /** Steps in the story. */
    public static final int STEPS = 3;
    /** The data-testid of the control each step highlights, in step order. */
    private static final String[] CONTROLS = {"timeline", "step-slider", "steep-line"};
    private static final String[] TITLES = {"The grey curve is a start, not a fit", "Two ways to learn a start",
        "Outside the family"};
    /** The meta-learned start fits "no better" while its MSE is above this share of the random start's. */
    private static final double NO_BETTER = 0.8;

    private final Changes changes;
    private final AdaptPanel adaptation;
    private int step;

    StoryPanel(Changes changes, AdaptPanel adaptation) {
        this.changes = changes;
        this.adaptation = adaptation;
    }

    /** Shows the next step; false (and stays) at the last. */
    boolean next() {
        return moveTo(step + 1);
    }

    /** Shows the previous step; false (and stays) at the first. */
    boolean back() {
        return moveTo(step - 1);
    }

    private boolean moveTo(int to) {
        if (to < 0 || to >= STEPS) {
            return false;
        }
        step = to;
        changes.mark(Changes.Part.STORY);
        return true;
    }

    /** The step shown, 0-based. */
    public int step() {
        return step;
    }

    /** "Step 2 of 3". */
    public String counter() {
        return "Step " + (step + 1) + " of " + STEPS;
    }

    public String title() {
        return TITLES[step];
    }

    public boolean canBack() {
        return step > 0;
    }

    public boolean canNext() {
        return step < STEPS - 1;
    }

    /** The data-testid of the control this step highlights. */
    public String highlighted() {
        return CONTROLS[step];
    }

    /** Every highlightable control's data-testid, so the view can clear the others. */
    public static String[] controls() {
        return CONTROLS.clone();
    }

    /** The step's text: plain sentences, the last one derived from the MSEs on screen. */
    public String text() {
        switch (step) {
            case 0:
                return "The thin grey curve is the meta-learned start: the weights Reptile found by practising on"
                        + " thousands of random sines, before any step on your points. It is not a fit: it does not"
                        + " move when you add points. Slide the meta-training timeline (highlighted) to 0 tasks and"
                        + " it is a random net; further along it turns into a wave that is quick to bend.";
            case 1:
                return "Step 0, before adapting, shows each start: red begins on the grey curve, blue is a random net,"
                        + " orange a net pretrained the ordinary way on all the sines pooled together, which learned"
                        + " their average, a nearly flat line. Meta-learning instead learns a start from which a few"
                        + " steps fit any sine of the family. Slide Step (highlighted) up to watch the few steps.";
            default:
                return "A steep line, y = 2x, is not in the family the start was learned on: sines of amplitude 0.1"
                        + " to 5 and period 2π. Press \"Try a steep line\" and compare the starts. " + verdict();
        }
    }

    /** What the MSEs on screen say about the meta-learned start against the random one. */
    String verdict() {
        double[] meta = adaptation.adaptation().mseByStep(Start.META);
        double[] random = adaptation.adaptation().mseByStep(Start.RANDOM);
        if (meta.length == 0 || random.length == 0) {
            return "No adaptation on screen yet.";
        }
        int shown = adaptation.adaptation().shownStep();
        double red = meta[shown];
        double blue = random[shown];
        String numbers = "After step " + shown + " on these points the MSE from the meta-learned start (red) is "
                + Numbers.short3(red) + ", from the random start (blue) " + Numbers.short3(blue) + ": ";
        String prior = " Its prior (what it expects before seeing any point) is a wave of period 2π, so its few steps"
                + " bend a wave towards the points instead of a straight line.";
        if (!Double.isFinite(red) || red > blue) {
            return numbers + "the meta-learned start fits them worse, so here its prior hurts." + prior;
        }
        if (red > NO_BETTER * blue) {
            return numbers + "the meta-learned start fits them hardly better, so here its prior does not help." + prior;
        }
        return numbers + "here the meta-learned start still fits them better; its prior did not hurt on these points.";
    }
}
