package lab.reptile.browser;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** How the server's answers change the page: weights (fresh, 304, invalid, unreachable), pretrained, training. */
class ServerSyncTest {
    private static final String INVALID = "Server sent invalid weights for the meta-weights: layers[1].weights has 63"
            + " rows but sizes needs 64.";
    private static final String UNREACHABLE = "Server unreachable: could not load the meta-weights.";
    private static final String TRAINING_DOWN = "Server unreachable: could not load the training status.";
    private static final TrainingProgress RUNNING = new TrainingProgress("running", 120, 1200, 30000, 1850.4,
            0.097, null);
    private static final ProgressHistory CURVE = new ProgressHistory(new double[] {0, 1200}, new double[] {2.5, 0.097});

    private final PageHarness h = new PageHarness();

    @Test
    void freshMetaWeightsAreShownAndTheWaitingPointsAdaptToThem() {
        h.click(1, 2);
        h.forget();
        h.server.weights().fresh(PageHarness.weights(3, 300));
        assertEquals("300", h.page.weights().iterationLabel());
        assertEquals("3", h.page.weights().versionLabel());
        assertEquals("Loaded meta-weights version 3.", h.page.messages().status());
        assertEquals(AdaptPanel.State.ANIMATING, h.page.adaptation().state());
        assertEquals(EnumSet.of(Changes.Part.ADAPTATION, Changes.Part.WEIGHTS, Changes.Part.MESSAGES), h.redrawn);
    }

    @Test
    void unchangedWeightsSayWhichVersionStaysWithoutABanner() {
        h.loaded().page.fetchWeights();
        h.server.weights().unchanged();
        assertEquals("Meta-weights unchanged: version 1 is the newest.", h.page.messages().status());
        assertNull(h.page.messages().banner());
        assertEquals("1", h.page.weights().versionLabel());
    }

    @Test
    void invalidWeightsKeepTheLastGoodOnesAndTheBannerSaysSo() {
        h.loaded().click(1, 2);
        h.clock.advance(8 * 90);
        double[] metaCurve = h.page.adaptation().adaptation().metaCurve().clone();
        h.forget();
        h.page.fetchWeights();
        h.server.weights().failed(200, INVALID);
        assertEquals(INVALID + " Keeping meta-weights version 1.", h.page.messages().banner());
        assertEquals(1, h.page.adaptation().adaptation().weights().version());
        assertArrayEquals(metaCurve, h.page.adaptation().adaptation().metaCurve());
        assertEquals(AdaptPanel.State.DONE, h.page.adaptation().state());
        assertEquals(EnumSet.of(Changes.Part.MESSAGES), h.redrawn);
        h.page.randomSine();
        assertEquals(AdaptPanel.State.ANIMATING, h.page.adaptation().state(), "adapts from the kept weights");
    }

    @Test
    void anUnreachableServerBeforeAnyWeightsShowsItsMessageAloneAndGoodWeightsClearIt() {
        h.server.weights().failed(0, UNREACHABLE);
        assertEquals(UNREACHABLE, h.page.messages().banner());
        assertEquals("–", h.page.weights().iterationLabel());
        h.page.fetchWeights();
        h.server.weights().fresh(PageHarness.weights(2, 50));
        assertNull(h.page.messages().banner());
    }

    @Test
    void theBaselineIsFetchedOnlyOnceAPollSaysItIsReadyAndJoinsTheAdaptation() {
        h.loaded().click(1, 2);
        assertEquals(0, h.server.waiting()[1], "no fetch before the first poll");
        h.pollSays("training");
        assertEquals("(training…)", h.page.weights().pretrained().note());
        assertEquals(0, h.server.waiting()[1], "no fetch while the server trains it");
        h.clock.advance(Timer.TRAINING_POLL.millis());
        h.pollSays("training");
        assertEquals(0, h.server.waiting()[1]);
        h.clock.advance(Timer.TRAINING_POLL.millis());
        h.pollSays("ready");
        assertEquals(1, h.server.waiting()[1], "one fetch once it is ready");
        assertEquals("(loading…)", h.page.weights().pretrained().note());
        h.clock.advance(Timer.TRAINING_POLL.millis());
        h.pollSays("ready");
        assertEquals(1, h.server.waiting()[1], "still one: a later poll asks nothing more");
        h.server.pretrained().fresh(PageHarness.weights(9, 0));
        assertEquals(WeightsPanel.Pretrained.READY, h.page.weights().pretrained());
        assertEquals("", h.page.weights().pretrained().note());
        assertEquals(9, h.page.adaptation().adaptation().mseByStep(Start.PRETRAINED).length, "joins the adaptation");
        h.clock.advance(Timer.TRAINING_POLL.millis());
        h.pollSays("ready");
        assertEquals(0, h.server.waiting()[1], "never fetched again");
        assertEquals("", h.page.weights().pretrained().note());
    }

    @Test
    void aFailedBaselineFetchSaysUnavailableIsNotAskedAgainAndIsNoBanner() {
        h.baselineReady().failed(500, "Server answered 500 for the pretrained net.");
        assertEquals("(unavailable)", h.page.weights().pretrained().note());
        assertNull(h.page.messages().banner());
        h.clock.advance(Timer.TRAINING_POLL.millis());
        h.pollSays("ready");
        assertEquals(0, h.server.waiting()[1], "not asked again");
        assertEquals("(unavailable)", h.page.weights().pretrained().note());
    }

    @Test
    void aServerWithoutABaselineOrWhoseBaselineFailedIsUnavailableAndNeverAsked() {
        h.pollSays("none");
        assertEquals("(unavailable)", h.page.weights().pretrained().note());
        h.clock.advance(Timer.TRAINING_POLL.millis());
        h.pollSays("failed");
        assertEquals("(unavailable)", h.page.weights().pretrained().note());
        assertEquals(0, h.server.waiting()[1]);
    }

    @Test
    void aFailingTrainingPollMarksTheLineStaleUntilAPollSucceeds() {
        assertFalse(h.clock.pending().contains(Timer.TRAINING_POLL), "no second poll while the first is out");
        h.server.status().status(RUNNING, CURVE);
        assertEquals("running · 1,200 / 30,000 tasks · 1,850 tasks/s · validation MSE@8 0.0970",
                h.page.training().line());
        assertEquals(Set.of(Timer.TRAINING_POLL), h.clock.pending());
        h.clock.advance(3000);
        h.server.status().failed(TRAINING_DOWN);
        assertEquals(TRAINING_DOWN, h.page.messages().banner());
        assertEquals("last known: " + RUNNING.summary(), h.page.training().line());
        assertEquals(CURVE, h.page.training().history());
        h.clock.advance(3000);
        h.server.status().status(RUNNING, CURVE);
        assertNull(h.page.messages().banner());
        assertEquals(RUNNING.summary(), h.page.training().line());
    }

    @Test
    void aWeightsProblemOutranksATrainingProblemInTheBanner() {
        h.server.status().failed(TRAINING_DOWN);
        h.server.weights().failed(0, UNREACHABLE);
        assertEquals(UNREACHABLE, h.page.messages().banner());
        assertEquals(TRAINING_DOWN, h.page.messages().problem(Messages.Source.TRAINING));
        h.page.fetchWeights();
        h.server.weights().fresh(PageHarness.weights(1, 10));
        assertEquals(TRAINING_DOWN, h.page.messages().banner());
    }

    @Test
    void aStaleLineBeforeAnyAnswerStillSaysItIsWaiting() {
        h.server.status().failed(TRAINING_DOWN);
        assertEquals("last known: waiting for the server…", h.page.training().line());
    }
}
