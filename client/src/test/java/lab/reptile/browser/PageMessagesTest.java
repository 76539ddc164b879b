package lab.reptile.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lab.reptile.model.WeightsFile;
import org.junit.jupiter.api.Test;

/**
 * The status line and the banner as sequences of events: each message lasts exactly as long as its cause, whatever
 * came before it (issue 22's "one source of truth per message").
 */
class PageMessagesTest {
    private final PageHarness h = new PageHarness();

    @Test
    void pointsDrawnBeforeTheWeightsLoseTheirWaitingNoteOnceTheFitIsDrawn() {
        h.click(-2, 1); // as a shared link's points: there before any weights
        h.baselineReady().fresh(PageHarness.weights(90, 90)); // the baseline first: adapts again, still no meta
        assertEquals("Point added. The fit appears once the meta-weights arrive.", h.page.messages().status());

        h.server.weights().fresh(PageHarness.weights(3, 300));
        assertEquals("Loaded meta-weights version 3.", h.page.messages().status());
        assertEquals(AdaptPanel.State.ANIMATING, h.page.adaptation().state());
    }

    @Test
    void aFailedWeightsFetchSaysHowToAskAgainAndASuccessfulOneEndsIt() {
        h.click(-2, 1);
        h.server.weights().failed(0, "Could not reach the server.");
        h.page.adapt();
        assertEquals("No meta-weights yet: press \"Fetch new meta-weights\" to ask again.",
                h.page.messages().status());

        h.page.fetchWeights();
        h.server.weights().fresh(PageHarness.weights(4, 400));
        assertEquals("Loaded meta-weights version 4.", h.page.messages().status());
        assertNull(h.page.messages().banner());
    }

    @Test
    void aBadFieldsErrorEndsWithTheNextValidAdapt() {
        h.loaded().click(1, 2);
        h.steps = "2.5";
        h.page.adapt();
        assertEquals("Steps must be a whole number from 1 to 32, got \"2.5\"", h.page.messages().status());

        h.steps = "4";
        h.page.adapt();
        assertEquals("", h.page.messages().status(), "the adapt is a new action: the click's note is over");
    }

    @Test
    void aLearningRateErrorEndsWhenTheRateIsSafeAgain() {
        h.loaded().click(1, 2);
        h.lr = "0.0001";
        h.page.adapt();
        assertEquals("Learning rate must be from 0.001 to 0.1, got 0.0001", h.page.messages().status());
        h.lr = "0.02";
        h.page.adapt();
        assertEquals("", h.page.messages().status());
    }

    @Test
    void fetchingAtAnOlderTimelinePositionGoesToTheEndAndBringsBackTheNewestWeights() {
        h.click(-2, 1);
        WeightsFile newest = PageHarness.weights(4, 400);
        h.server.weights().fresh(newest);
        h.server.runDetail().detail(LabRunsTest.detail("default", "finished", 4, 3));
        h.page.moveTimeline(1);
        h.server.snapshot().fresh(PageHarness.weights(2, 100));
        assertEquals("2", h.page.weights().versionLabel());

        h.page.fetchWeights();
        assertEquals(3, h.page.runs().position(), "the slider goes to the newest weights' end");
        h.server.weights().unchanged(); // the server's 304: still version 4, not the snapshot in use
        assertEquals(newest, h.page.weights().meta());
        assertEquals("Loaded meta-weights version 4.", h.page.messages().status());

        h.page.fetchWeights();
        h.server.weights().unchanged();
        assertEquals("Meta-weights unchanged: version 4 is the newest.", h.page.messages().status());
    }

    @Test
    void theLabelsGroupThousands() {
        h.server.weights().fresh(PageHarness.weights(100_000, 100_000));
        assertEquals("100,000", h.page.weights().iterationLabel());
        assertEquals("100,000", h.page.weights().versionLabel());
        assertFalse(h.page.weights().versionShown(), "one number, said once");
        assertEquals("Loaded meta-weights version 100,000.", h.page.messages().status());
        h.page.fetchWeights();
        h.server.weights().fresh(PageHarness.weights(3, 300));
        assertTrue(h.page.weights().versionShown(), "version 3 at meta-iteration 300: both said");
    }
    @Test
    void aClicksNoteEndsWithTheNextActionOfAnyKind() {
        h.loaded().click(1, 2);
        assertEquals("Point added.", h.page.messages().status());
        h.page.adapt();
        assertEquals("", h.page.messages().status(), "adapt");

        h.click(-1, 0);
        h.page.dragPlot(PageHarness.AREA.pixelX(-1), PageHarness.AREA.pixelY(0), PageHarness.AREA);
        assertEquals("Point added.", h.page.messages().status(), "no point grabbed: nothing moved");
        h.page.pressPlot(PageHarness.AREA.pixelX(-1), PageHarness.AREA.pixelY(0), PageHarness.AREA,
                Tap.POINTER_HIT_RADIUS);
        h.page.dragPlot(PageHarness.AREA.pixelX(-0.5), PageHarness.AREA.pixelY(0.5), PageHarness.AREA);
        h.page.releasePlot();
        assertEquals("", h.page.messages().status(), "a drag");

        h.page.randomSine();
        h.page.showStep(3);
        assertEquals("", h.page.messages().status(), "the step slider");
        h.page.steepLine();
        h.page.replay();
        assertEquals("", h.page.messages().status(), "replay");
    }

    @Test
    void weightsLoadedForAPickedRunNameItAndSayWhenItHasNotTrainedYet() {
        h.loaded().click(1, 2);
        h.page.chooseRun("abc");
        assertEquals("", h.page.messages().status(), "the pick ends the click's note");
        assertEquals("abc", h.server.weightsRuns.removeLast());
        h.server.weights().fresh(PageHarness.weights(0, 0));
        assertEquals("Loaded the untrained starting weights of abc: it has not trained yet.",
                h.page.messages().status());

        h.page.chooseRun(RunsPanel.DEFAULT_RUN);
        h.server.weights().fresh(PageHarness.weights(5, 500));
        assertEquals("Loaded meta-weights version 5.", h.page.messages().status());
    }
}
