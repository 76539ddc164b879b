package lab.reptile.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import lab.reptile.jackson.JacksonTree;
import org.junit.jupiter.api.Test;

/** The comparison as a visitor sees it: every run's curve on one axis, reports side by side, a diverged run's note. */
class LabCompareTest {
    private final PageHarness h = new PageHarness();

    /** A run's detail as the server writes it: curve points (tasks, mse) and report rows (k, mean, ci95). */
    private static RunDetail json(String id, String state, long total, double[][] curve, double[][] report) {
        StringBuilder history = new StringBuilder();
        for (double[] p : curve) {
            history.append(history.length() == 0 ? "" : ",").append("{\"tasksDone\":").append((long) p[0])
                    .append(",\"mseAt8\":").append(p[1]).append('}');
        }
        StringBuilder rows = new StringBuilder();
        for (double[] r : report) {
            rows.append(rows.length() == 0 ? "" : ",").append("{\"k\":").append((int) r[0]).append(",\"mean\":")
                    .append(r[1]).append(",\"ci95\":").append(r[2]).append(",\"randomMean\":3.1,\"randomCi95\":0.25}");
        }
        long done = curve.length == 0 ? 0 : (long) curve[curve.length - 1][0];
        return RunsJson.detail(JacksonTree.parse("{\"id\":\"" + id + "\",\"state\":\"" + state + "\",\"config\":"
                + "{\"seed\":1},\"tasksDone\":" + done + ",\"tasksTotal\":" + total + ",\"tasksPerSecond\":0,"
                + "\"problem\":" + ("diverged".equals(state) ? "\"the meta-weights became non-finite\"" : "null")
                + ",\"timeline\":[{\"tasksDone\":0,\"url\":\"/s/" + id + "/0\"}],\"history\":[" + history + "],"
                + (report.length == 0 ? "\"report\":null" : "\"report\":{\"rows\":[" + rows + "]}") + "}"));
    }

    private static final RunDetail DEFAULT = json("default", "finished", 90000,
            new double[][] {{1000, 2.0}, {30000, 0.4}, {90000, 0.05}},
            new double[][] {{0, 2.9, 0.2}, {8, 0.0457, 0.0031}});
    private static final RunDetail SHORT = json("abc", "finished", 2000,
            new double[][] {{200, 2.5}, {2000, 1.2}}, new double[][] {{0, 2.8, 0.21}, {8, 0.91, 0.06}});
    private static final RunDetail DIVERGED = json("bad", "diverged", 20000, new double[][] {{100, 40}},
            new double[][] {});

    /** The page loads: the list names three runs, the chosen (default) run's detail arrives. */
    private void loaded() {
        h.server.runList().runs(List.of(DEFAULT.summary(), SHORT.summary(), DIVERGED.summary()));
        h.server.runDetail().detail(DEFAULT);
    }

    @Test
    void theCurvesOfRunsNeverChosenAreFetchedOnceAndPlottedOnOneAxisSpanningThemAll() {
        loaded();
        assertEquals(List.of("abc", "bad"), List.copyOf(h.server.comparedIds), "the runs not chosen, once each");
        h.server.compared.remove().detail(SHORT);
        h.server.compared.remove().detail(DIVERGED);
        assertEquals(List.of("default", "abc", "bad"), List.copyOf(h.page.compare().curves().keySet()));
        assertEquals(2, h.page.compare().curves().get("abc").tasksDone().length);
        CurveAxis axis = h.page.compare().axis();
        assertTrue(axis.log(), "2,000 beside 90,000 tasks: a log axis");
        assertEquals(10, axis.min(), "from the decade strictly below the first measurement, at 100 tasks");
        assertEquals(100000, axis.max(), "to the decade above the longest run, 90,000 tasks");

        h.server.runList().runs(List.of(DEFAULT.summary(), SHORT.summary(), DIVERGED.summary())); // listed again
        assertTrue(h.server.compared.isEmpty(), "an ended run's curve never changes: not fetched again");
        h.page.chooseRun("abc");
        assertTrue(h.server.comparedIds.size() == 2, "choosing another run fetches no curve: the default is cached");
        assertFalse(h.clock.pending().contains(Timer.RUN_POLL), "and nothing polls the runs not chosen");
    }

    @Test
    void aLiveRunNotChosenIsFetchedAgainOnlyWhenItsListingShowsItMovedOn() {
        RunDetail running = json("abc", "running", 2000, new double[][] {{200, 2.5}}, new double[][] {});
        h.server.runList().runs(List.of(DEFAULT.summary(), running.summary()));
        h.server.compared.remove().detail(running);
        h.server.runDetail().detail(DEFAULT); // the chosen run has ended: the page lists the runs again
        h.server.runList().runs(List.of(DEFAULT.summary(), running.summary()));
        assertTrue(h.server.compared.isEmpty(), "same tasks done: the cached curve is current");
        h.page.chooseRun("default");
        h.server.runDetail().detail(DEFAULT);
        h.server.runList().runs(List.of(DEFAULT.summary(), SHORT.summary()));
        h.server.compared.remove().detail(SHORT);
        assertEquals(2, h.page.compare().curves().get("abc").tasksDone().length);
    }

    @Test
    void curvesOfLikeLengthShareALinearAxisFromZero() {
        CurveAxis axis = CurveAxis.of(List.of(DEFAULT.history(), new ProgressHistory(new double[] {1000, 30000},
                new double[] {1, 0.5})), 90000);
        assertFalse(axis.log(), "30,000 beside 90,000 tasks: linear");
        assertEquals(0, axis.min());
        assertEquals(90000, axis.max());
        assertFalse(CurveAxis.of(List.of(), 90000).log());
        assertEquals(90000, CurveAxis.of(List.of(), 90000).max(), "no curve yet: the chosen run's planned tasks");
        assertTrue(CurveAxis.of(List.of(DEFAULT.history(), SHORT.history()), 1).log(), "the ratio 45 is past 10");
    }

    @Test
    void theComparedReportsShareOneTableWithAColumnPerPickedRunAndMeanPlusMinusCi() {
        loaded();
        h.server.compared.remove().detail(SHORT);
        h.server.compared.remove().detail(DIVERGED);
        ComparePanel compare = h.page.compare();
        assertEquals(List.of("default"), compare.columns(), "the chosen run by default");
        assertEquals("0.0457 ± 0.00310", compare.cell("default", 8));

        h.page.pickForCompare("default", true);
        h.page.pickForCompare("abc", true);
        assertEquals(List.of("default", "abc"), compare.columns());
        assertEquals(List.of(0, 8), compare.steps());
        assertEquals("2.90 ± 0.200", compare.cell("default", 0));
        assertEquals("0.910 ± 0.0600", compare.cell("abc", 8));
        assertEquals("3.10 ± 0.250", compare.randomCell(8));
        assertEquals("–", compare.cell("abc", 4), "no row for k = 4");
        assertNull(compare.note("abc"));

        h.page.pickForCompare("abc", false);
        h.page.pickForCompare("default", false);
        assertEquals(List.of("default"), compare.columns(), "nothing picked: the chosen run again");
        assertTrue(CompareView.EXPLANATION.contains("500 held-out sines after k SGD steps"));
    }

    @Test
    void aDivergedRunSaysSoWithTheHintWhereItsReportWouldBeAndTheNoteFollowsItsState() {
        loaded();
        h.server.compared.remove().detail(SHORT);
        h.server.compared.remove().detail(DIVERGED);
        assertNull(h.page.compare().note("default"), "a finished run has its report");
        h.page.chooseRun("bad");
        assertEquals("The report (MSE after k steps on 500 held-out sines) appears when the run finishes.",
                ReportNote.of(new RunSummary("bad", "running", 1, 10, 20000, 5, 0, null)));
        assertEquals("This run diverged (the meta-weights became non-finite): its weights stopped being finite"
                + " numbers, so it has no report. Lower the inner lr (e.g. 0.02) and start it again.", h.page.compare().note("bad"),
                "known from the cache before its own detail arrives");
        h.server.runDetail().detail(DIVERGED);
        assertTrue(h.page.compare().note("bad").startsWith("This run diverged"));
        h.page.chooseRun("default");
        h.server.runDetail().detail(DEFAULT);
        assertNull(h.page.compare().note("default"), "no note outlives the diverged run's choice");
        assertTrue(ReportNote.of(new RunSummary("x", "failed", 1, 10, 20000, 5, 0, "it stopped its worker 3 times"))
                .contains("lower the inner lr"));
    }

    @Test
    void theFirstPickKeepsTheChosenRunWhoseBoxShowedTicked() {
        ComparePanel compare = h.page.compare();
        assertEquals(List.of("default"), compare.columns());
        assertTrue(compare.compared("default"), "its box shows ticked before any pick");
        h.page.pickForCompare("abc", true);
        assertEquals(List.of("default", "abc"), compare.columns());
        h.page.pickForCompare("default", false);
        assertEquals(List.of("abc"), compare.columns());
    }
}
