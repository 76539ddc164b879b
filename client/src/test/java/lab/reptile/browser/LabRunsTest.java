package lab.reptile.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import java.util.Random;

import lab.reptile.model.NetShape;
import lab.reptile.model.Params;
import lab.reptile.model.WeightsFile;
import org.junit.jupiter.api.Test;

/** The lab's runs on a {@link LabPage}: the timeline, replay, following a run, starting one, a refusal. */
class LabRunsTest {
    private final PageHarness h = new PageHarness();

    /** A detail of run {@code id} in state {@code state} with {@code n} snapshots at 0, 100, 200, ... tasks. */
    static RunDetail detail(String id, String state, int n, int curvePoints) {
        long[] tasks = new long[n];
        String[] urls = new String[n];
        for (int i = 0; i < n; i++) {
            tasks[i] = 100L * i;
            urls[i] = "/api/runs/" + id + "/snapshots/" + i;
        }
        double[] done = new double[curvePoints];
        double[] mse = new double[curvePoints];
        for (int i = 0; i < curvePoints; i++) {
            done[i] = 100 * i;
            mse[i] = 1.0 / (i + 1);
        }
        return new RunDetail(new RunSummary(id, state, 1, 100L * (n - 1), 100L * (n - 1), 1500, 0, null),
                tasks, urls, new ProgressHistory(done, mse), List.of());
    }

    private void withPoints() {
        h.loaded();
        h.click(-2, 1);
        h.click(0, 2);
        h.click(2, -1);
    }

    @Test
    void theDefaultRunsTimelineArrivesAtItsLastPositionAndMovingItAdaptsAtOnceFromThatSnapshot() {
        withPoints();
        h.server.runDetail().detail(detail("default", "finished", 4, 3));
        assertEquals(3, h.page.runs().position());
        assertEquals("after 300 tasks", h.page.runs().timelineLabel());

        h.page.moveTimeline(1);
        assertEquals("/api/runs/default/snapshots/1", h.server.snapshotUrls.removeLast());
        WeightsFile snapshot = PageHarness.weights(7, 1);
        h.server.snapshot().fresh(snapshot);
        assertEquals("7", h.page.weights().versionLabel());
        assertEquals(AdaptPanel.State.DONE, h.page.adaptation().state(), "at once, not animated");
        assertEquals(8, h.page.adaptation().adaptation().shownStep());
        assertEquals("after 100 tasks", h.page.runs().timelineLabel());
    }

    @Test
    void replayVisitsEveryPositionOneFrameEach() {
        withPoints();
        h.server.runDetail().detail(detail("default", "finished", 5, 3));
        h.page.replay();
        List<Integer> visited = new ArrayList<>();
        for (int frame = 0; frame < 5; frame++) {
            visited.add(h.page.runs().position());
            h.server.snapshot().fresh(PageHarness.weights(10 + frame, frame));
            h.clock.advance(Timer.REPLAY.millis());
        }
        assertEquals(List.of(0, 1, 2, 3, 4), visited);
        assertFalse(h.page.runs().replaying());
        assertEquals("14", h.page.weights().versionLabel());
    }

    @Test
    void aStartedRunIsChosenAndFollowedWithConditionalFetchesUntilItFinishes() {
        withPoints();
        h.page.startRun("", new String[] {"5", "2000", "0.7", "0.02", "10", "1", "1"});
        assertEquals("{\"seed\":5,\"tasks\":2000,\"outerStepStart\":0.7,\"innerLr\":0.02,\"innerBatchSize\":10,"
                + "\"innerEpochs\":1,\"metaBatchSize\":1}", h.server.startBodies.removeLast());
        h.server.start().accepted(new RunSummary("abc", "queued", 5, 0, 2000, 0, 2, null));
        assertEquals("abc", h.page.runs().chosen());
        assertEquals("Queued: place 2 in the queue.", h.page.runs().status());
        assertEquals("abc", h.server.weightsRuns.removeLast(), "the new run's weights are asked for");

        h.server.runDetail().detail(detail("default", "finished", 3, 2)); // the start's request for the default run
        h.server.runDetail().detail(new RunDetail(new RunSummary("abc", "running", 5, 500, 2000, 1800, 0, null),
                new long[] {0, 200}, new String[] {"/s0", "/s1"}, new ProgressHistory(new double[] {200},
                new double[] {0.9}), List.of()));
        assertEquals("Training: 25 % · 1,800 tasks/s.", h.page.runs().status());
        assertTrue(h.page.runs().atLiveEnd());
        assertTrue(h.clock.pending().contains(Timer.RUN_POLL), "the page follows the running run");
        h.clock.advance(Timer.RUN_POLL.millis());
        h.server.runDetail().detail(new RunDetail(new RunSummary("abc", "finished", 5, 2000, 2000, 1800, 0, null),
                new long[] {0, 200, 2000}, new String[] {"/s0", "/s1", "/s2"}, new ProgressHistory(
                new double[] {200, 2000}, new double[] {0.9, 0.1}), List.of(new RunDetail.ReportRow(8, 0.1, 0.01, 2.9, 0.2))));
        assertEquals("Finished: 2,000 tasks.", h.page.runs().status());
        assertFalse(h.clock.pending().contains(Timer.RUN_POLL), "a finished run is not polled");
        assertEquals(2, h.page.runs().curves().get("abc").tasksDone().length);
        assertEquals(2, h.page.runs().position());
    }

    @Test
    void aRefusedStartShowsTheServersReasonAndABadFieldIsNamedBeforeAsking() {
        h.page.startRun("", new String[] {"1", "200000", "", "", "", "", ""});
        h.server.start().refused("tasks must be at most 100000 for a visitor run, got 200000", -1);
        assertEquals("Refused: tasks must be at most 100000 for a visitor run, got 200000", h.page.runs().status());
        assertEquals("default", h.page.runs().chosen());

        h.page.startRun("", new String[] {"one", "", "", "", "", "", ""});
        assertEquals("Not started: seed must be a number, got \"one\".", h.page.runs().status());
        h.page.startRun("maml\",\"tasks\":1", new String[] {"1", "", "", "", "", "", ""});
        assertEquals("Not started: no preset is called \"maml\",\"tasks\":1\".", h.page.runs().status());
        assertTrue(h.server.startBodies.size() == 1, "nothing sent for a bad field");
    }

    @Test
    void aRefusalStaysWhenTheChosenRunsDetailArrivesAfterItUntilTheNextStart() {
        h.page.startRun("", new String[] {"1", "2000", "", "", "", "", ""});
        h.server.start().refused("this client has started 3 runs in the last hour, the most allowed", -1);
        h.server.runDetail().detail(detail("default", "queued", 3, 2)); // the page load's request, answered late
        assertEquals("Refused: this client has started 3 runs in the last hour, the most allowed",
                h.page.runs().status());
        h.page.startRun("", new String[] {"2", "2000", "", "", "", "", ""});
        assertEquals("Starting a run…", h.page.runs().status(), "a new start clears it");
    }

    @Test
    void aPresetRunTakesThePresetAndTheFormsSeedOnly() {
        h.page.startRun("maml-protocol", new String[] {" 7 ", "2000", "0.7", "0.02", "10", "1", "1"});
        assertEquals("{\"preset\":\"maml-protocol\",\"seed\":7}", h.server.startBodies.removeLast());
        h.page.startRun("reference", new String[] {"", "2000", "not read", "", "", "", ""});
        assertEquals("{\"preset\":\"reference\"}", h.server.startBodies.removeLast(), "an empty seed: the preset's");
    }

    @Test
    void draggingAPointMovesItAndReAdaptsAtOnceWhileTheButtonIsDown() {
        withPoints();
        h.clock.advance(10_000);
        double[] before = h.page.adaptation().adaptation().shownCurve(Start.META).clone();
        PlotArea area = PageHarness.AREA;
        h.page.pressPlot(area.pixelX(0), area.pixelY(2), area, Tap.POINTER_HIT_RADIUS);
        h.page.dragPlot(area.pixelX(0), area.pixelY(4), area);
        assertEquals(4.0, h.page.points().points().y(1), 1e-9);
        assertEquals(3, h.page.points().points().size());
        assertEquals(AdaptPanel.State.DONE, h.page.adaptation().state());
        assertNotEquals(before[100], h.page.adaptation().adaptation().shownCurve(Start.META)[100]);
        h.page.releasePlot();
        h.page.dragPlot(area.pixelX(0), area.pixelY(-4), area);
        assertEquals(4.0, h.page.points().points().y(1), 1e-9, "after the release nothing is dragged");
    }

    @Test
    void aDivergingAdaptationIsMarkedAndTheStatusNamesTheStartAndTheRemedy() {
        // The demo's net, 1 → 64 → 64 → 1: at lr 0.1 full-batch SGD on a steep line overshoots.
        h.server.weights().fresh(WeightsFile.of(Params.initial(NetShape.STANDARD, new Random(3)), 1, 1));
        h.lr = "0.1";
        h.steps = "32";
        for (int i = 0; i < 10; i++) {
            h.click(-4.5 + i, 1.2 * (-4.5 + i));
        }
        h.page.adapt();
        h.clock.advance(10_000);
        Adaptation adaptation = h.page.adaptation().adaptation();
        double[] mse = adaptation.mseByStep(Start.META);
        assertFalse(Double.isFinite(mse[32]) && mse[32] <= mse[0], "diverged: " + java.util.Arrays.toString(mse));
        assertEquals(AdaptPanel.State.DIVERGED, h.page.adaptation().state());
        assertTrue(h.page.messages().status().contains("from the meta-weights (Reptile)"), h.page.messages().status());
        assertTrue(h.page.messages().status().endsWith("Try a smaller learning rate."));
    }
}
