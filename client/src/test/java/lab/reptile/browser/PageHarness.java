package lab.reptile.browser;

import java.util.EnumSet;
import java.util.Random;
import java.util.Set;

import lab.reptile.model.NetShape;
import lab.reptile.model.Params;
import lab.reptile.model.WeightsFile;

/** A started {@link LabPage} with a fake server, clock, form and view, plus weights to answer with. */
final class PageHarness implements AdaptForm, View {
    /** The plot's pixels: 50 px per unit on both axes, x in [-5, 5], y in [-6, 6]. */
    static final PlotArea AREA = new PlotArea(40, 20, 540, 620, -5, 5, -6, 6);
    static final NetShape SMALL = new NetShape(1, 8, 1);

    final FakeBackend server = new FakeBackend();
    final FakeClock clock = new FakeClock();
    final LabPage page = new LabPage(server, clock, this, this, new Random(7));
    /** The parts every render since {@link #forget()} was handed. */
    final Set<Changes.Part> redrawn = EnumSet.noneOf(Changes.Part.class);
    String steps = "8";
    String lr = "0.02";

    PageHarness() {
        page.start();
    }

    /** Valid meta-weights for a small net. */
    static WeightsFile weights(long version, long iteration) {
        return WeightsFile.of(Params.initial(SMALL, new Random(version)), version, iteration);
    }

    /** Answers the start's meta-weights request with version 1 (iteration 100); the other requests stay open. */
    /**
     * Answers the pending training poll, saying the pretrained baseline is {@code word} ("training", "ready", …), with
     * the default run's progress at 1,200 tasks.
     */
    void pollSays(String word) {
        ServerApi.StatusHandler poll = server.status();
        poll.pretrained(word);
        poll.status(new TrainingProgress("running", 120, 1200, 30000, 1850.4, 0.097, null),
                new ProgressHistory(new double[] {0, 1200}, new double[] {2.5, 0.097}));
    }

    /** The baseline's request, asked once a poll says it is ready. */
    ServerApi.WeightsHandler baselineReady() {
        pollSays("ready");
        return server.pretrained();
    }

    PageHarness loaded() {
        server.weights().fresh(weights(1, 100));
        forget();
        return this;
    }

    /** Clicks the plot at data (x, y) with a mouse. */
    void click(double x, double y) {
        page.tapPlot(AREA.pixelX(x), AREA.pixelY(y), AREA, Tap.POINTER_HIT_RADIUS);
    }

    void forget() {
        redrawn.clear();
    }

    @Override
    public String steps() {
        return steps;
    }

    @Override
    public String lr() {
        return lr;
    }

    @Override
    public void fill(String newSteps, String newLr) {
        steps = newSteps;
        lr = newLr;
    }

    @Override
    public void render(Changes changed) {
        for (Changes.Part part : Changes.Part.values()) {
            if (changed.has(part)) {
                redrawn.add(part);
            }
        }
    }
}
