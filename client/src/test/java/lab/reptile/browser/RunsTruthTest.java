package lab.reptile.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The runs panel's words as sequences of events: each one is the chosen run's state now, not an earlier event's. */
class RunsTruthTest {
    private static final String[] FORM = {"1", "2000", "", "", "", "", ""};
    private final PageHarness h = new PageHarness();

    private static RunDetail running(String id, String state, long done, long total, int queuePosition, String problem) {
        return new RunDetail(new RunSummary(id, state, 5, done, total, 1800, queuePosition, problem),
                new long[] {0, 200}, new String[] {"/s0", "/s1"},
                new ProgressHistory(new double[] {200}, new double[] {0.9}), List.of());
    }

    @Test
    void aQuotaRefusalStaysSaysWhenToTryAgainAndDisablesStartUntilThen() {
        h.page.startRun("", FORM);
        h.server.start().refused("this client has started 3 runs in the last hour, the most allowed", 3505);
        String refused = "Refused: this client has started 3 runs in the last hour, the most allowed.";
        assertEquals(refused + " Try again in 59 minutes.", h.page.runs().status());
        assertFalse(h.page.runs().canStart());

        h.server.runDetail().detail(LabRunsTest.detail("default", "running", 3, 2)); // the followed run's status
        h.clock.advance(Timer.RUN_POLL.millis());
        h.server.runDetail().failed("Could not reach the server."); // a failed poll does not end it either
        h.page.startRun("", FORM); // Enter in a field while Start is disabled
        assertEquals(1, h.server.startBodies.size(), "nothing sent while the quota lasts");
        h.clock.advance(3505_000 - 60_000 - Timer.RUN_POLL.millis());
        assertEquals(refused + " Try again in 1 minute.", h.page.runs().status());
        h.clock.advance(30_000);
        assertEquals(refused + " Try again in 30 seconds.", h.page.runs().status());

        h.clock.advance(30_000);
        assertTrue(h.page.runs().canStart(), "its cause is gone");
        assertEquals("Could not reach the server.", h.page.runs().status());
    }

    @Test
    void aRefusalWithoutRetryAfterKeepsStartEnabledAndEndsWithTheNextAttempt() {
        h.page.startRun("", FORM);
        h.server.start().refused("tasks must be at most 50,000 for a visitor run, got 100,000", -1);
        assertEquals("Refused: tasks must be at most 50,000 for a visitor run, got 100,000", h.page.runs().status());
        assertTrue(h.page.runs().canStart());
        h.page.chooseRun("other"); // another run does not make the config valid
        assertEquals("Refused: tasks must be at most 50,000 for a visitor run, got 100,000", h.page.runs().status());
        h.page.startRun("", FORM);
        assertEquals("Starting a run…", h.page.runs().status());
    }

    @Test
    void thePickersStateWordIsTheChosenRunsNewestState() {
        h.server.runList().runs(List.of(new RunSummary("default", "finished", 0, 9, 9, 0, 0, null),
                new RunSummary("abc", "queued", 5, 0, 2000, 0, 1, null)));
        h.page.chooseRun("abc");
        h.server.runDetail().detail(LabRunsTest.detail("default", "finished", 3, 2)); // the start's, dropped
        h.server.runDetail().detail(running("abc", "running", 500, 2000, 0, null));
        assertEquals("running", h.page.runs().runs().get(1).state());
    }

    @Test
    void queuePlacesStartAtOneAndAnUnplacedQueuedRunSaysItWaits() {
        h.page.chooseRun("abc");
        h.server.runDetail().detail(LabRunsTest.detail("default", "finished", 3, 2));
        h.server.runDetail().detail(running("abc", "queued", 0, 2000, 0, null));
        assertEquals("Queued: waiting for a trainer.", h.page.runs().status());
        h.clock.advance(Timer.RUN_POLL.millis());
        h.server.runDetail().detail(running("abc", "queued", 0, 2000, 1, null));
        assertEquals("Queued: place 1 in the queue.", h.page.runs().status());
    }

    @Test
    void theLiveEndsLabelSaysHowFarTheRunHasComeNotItsLastSnapshot() {
        h.server.runDetail().detail(running("default", "running", 43_141, 90_000, 0, null));
        assertEquals("after 43,141 tasks (live: following the newest weights)", h.page.runs().timelineLabel());
        h.page.moveTimeline(0);
        assertEquals("after 0 tasks", h.page.runs().timelineLabel());
    }

    @Test
    void theProgressCardFollowsTheChosenRun() {
        h.server.status().status(new TrainingProgress("finished", 100, 90_000, 90_000, 0, 0.05, null),
                new ProgressHistory(new double[0], new double[0]));
        assertEquals("Meta-learning progress: default run", h.page.progressCard().title());
        assertEquals("finished · 90,000 / 90,000 tasks · 0 tasks/s · validation MSE@8 0.0500",
                h.page.progressCard().line());

        h.page.chooseRun("abc");
        assertEquals(TrainingPanel.WAITING, h.page.progressCard().line());
        h.server.runDetail().detail(LabRunsTest.detail("default", "finished", 3, 2));
        h.server.runDetail().detail(running("abc", "running", 500, 2000, 0, null));
        assertEquals("running · 500 / 2,000 tasks · 1,800 tasks/s · validation MSE@8 0.900",
                h.page.progressCard().line());
        assertEquals(0.25, h.page.progressCard().progress().fraction(), 1e-12);
    }
}
