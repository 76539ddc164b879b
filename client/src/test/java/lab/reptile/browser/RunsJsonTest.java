package lab.reptile.browser;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import lab.reptile.jackson.JacksonTree;
import org.junit.jupiter.api.Test;

/** Reading the lab's run list and run detail as the server writes them. */
class RunsJsonTest {
    private static final String SUMMARY = "\"id\": \"abcd1234abcd1234\", \"state\": \"queued\", \"config\": {\"seed\": 3,"
            + " \"tasks\": 2000}, \"tasksDone\": 0, \"tasksTotal\": 2000, \"tasksPerSecond\": 0, \"queuePosition\": 2,"
            + " \"problem\": null";

    @Test
    void aListKeepsTheServersOrderAndEachRunsPlaceInTheQueue() {
        List<RunSummary> runs = RunsJson.list(JacksonTree.parse("{\"runs\": [{" + SUMMARY.replace("abcd1234abcd1234",
                "default").replace("\"queued\"", "\"finished\"").replace("2,", "null,") + "}, {" + SUMMARY + "}]}"));
        assertEquals("default", runs.get(0).id());
        assertEquals(0, runs.get(0).queuePosition());
        assertEquals("Queued: place 2 in the queue.", runs.get(1).statusLine());
        assertEquals("seed 3 · 2,000 tasks · abcd", runs.get(1).name());
        assertNull(runs.get(1).problem());
    }

    @Test
    void aDetailHasItsTimelineCurveAndReport() {
        RunDetail detail = RunsJson.detail(JacksonTree.parse("{" + SUMMARY + ", \"history\": [{\"tasksDone\": 100,"
                + " \"mseAt8\": 0.5}], \"timeline\": [{\"index\": 0, \"tasksDone\": 0, \"metaIteration\": 0, \"url\":"
                + " \"/api/runs/x/snapshots/0\"}, {\"index\": 1, \"tasksDone\": 200, \"metaIteration\": 200, \"url\":"
                + " \"/api/runs/x/snapshots/1\"}], \"report\": {\"rows\": [{\"k\": 8, \"mean\": 0.1, \"ci95\": 0.01,"
                + " \"randomMean\": 2.8, \"randomCi95\": 0.1}]}}"));
        assertArrayEquals(new long[] {0, 200}, detail.timelineTasks());
        assertEquals("/api/runs/x/snapshots/1", detail.timelineUrls()[1]);
        assertArrayEquals(new double[] {0.5}, detail.history().mseAt8());
        assertEquals(new RunDetail.ReportRow(8, 0.1, 0.01, 2.8, 0.1), detail.report().get(0));
    }

    @Test
    void aMissingOrMistypedKeyIsNamed() {
        assertEquals("\"runs\" must be array, got nothing",
                assertThrows(IllegalArgumentException.class, () -> RunsJson.list(JacksonTree.parse("{}"))).getMessage());
        assertEquals("\"tasksDone\" must be number, got string", assertThrows(IllegalArgumentException.class,
                () -> RunsJson.summary(JacksonTree.parse("{" + SUMMARY.replace("\"tasksDone\": 0",
                        "\"tasksDone\": \"0\"") + "}"))).getMessage());
    }
}
