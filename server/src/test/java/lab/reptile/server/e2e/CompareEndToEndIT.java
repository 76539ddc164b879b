package lab.reptile.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import lab.reptile.browser.Numbers;
import lab.reptile.server.Await;
import lab.reptile.server.TestLab;
import lab.reptile.server.baseline.PretrainConfig;
import lab.reptile.server.training.TrainingDefaults;
import org.junit.jupiter.api.Test;

/**
 * The comparison against the real server: two small runs (300 and 1,000 tasks) started beside the default run (3,000
 * tasks) are plotted on a fresh page without being chosen, on one log axis spanning all three (the longest is ten
 * times the shortest), named in the legend, and their reports compared side by side with the server's means and
 * 95 % CIs, formatted as the page formats them. Screenshot: target/screenshots/compare.png
 * (docs/screenshot-compare.png). Small runs and a short pretraining keep it fast on a loaded machine.
 */
class CompareEndToEndIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TRAINING = Duration.ofMinutes(4);
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void twoStartedRunsAreOverlaidOnOneAxisAndTheirReportsCompared() throws Exception {
        try (ServedLab served = ServedLab.start(TestLab.plain(TrainingDefaults.config().toBuilder().tasks(3_000)
                .build()), PretrainConfig.defaults().withSteps(30))) {
            Await.until("the default run to finish", TRAINING, () -> detail(served, "default"),
                    d -> "finished".equals(d.path("state").asText()));
            String small = start(served, "{\"seed\": 2, \"tasks\": 300}");
            String medium = start(served, "{\"seed\": 3, \"tasks\": 1000, \"outerStepStart\": 0.5}");
            List<String> ids = List.of("default", small, medium);
            for (String id : ids) {
                Await.until("run " + id + " to finish", TRAINING, () -> detail(served, id),
                        d -> "finished".equals(d.path("state").asText()));
            }
            try (Browser browser = new Browser(1280, 1000)) {
                browser.open(served.url());
                browser.waitFor("three curves", "return reptileProgressChart.data.datasets.length === 3"
                        + " && reptileProgressChart.data.datasets.every(d => d.data.length > 0)");
                assertCurvesOnOneLogAxis(browser, served, ids);
                for (String id : ids) {
                    if (!Boolean.TRUE.equals(browser.js("return document.querySelector(arguments[0]).checked",
                            "[data-testid=compare-" + id + "]"))) {
                        browser.click("compare-" + id);
                    }
                    browser.waitFor("run " + id + " ticked", "return document.querySelector("
                            + "'[data-testid=compare-" + id + "]').checked");
                }
                browser.waitFor("three columns and the random init", "return document.querySelectorAll("
                        + "'[data-testid=compare-table] tr:first-child th').length === 5");
                assertReportsSideBySide(browser, served, ids);
                browser.resize(1280, 1800);
                browser.screenshotOf(Path.of("target", "screenshots", "compare.png"),
                        "[aria-labelledby=progress-title]", ".report-title", "[data-testid=report]");
            }
        }
    }

    /** Every run's whole curve, the chosen (default) run first and thickest, on one log axis, the legend naming all. */
    private void assertCurvesOnOneLogAxis(Browser browser, ServedLab served, List<String> ids) {
        @SuppressWarnings("unchecked")
        List<List<Object>> lines = (List<List<Object>>) browser.js("return reptileProgressChart.data.datasets"
                + ".map(d => [d.label, d.data.length, d.data[d.data.length - 1].x, d.borderWidth,"
                + " d.data.find(p => p.x > 0).x])");
        assertEquals(3.0, ((Number) lines.get(0).get(3)).doubleValue(), "the chosen run first and thickest: " + lines);
        long[] lastTasks = {3_000, 300, 1_000};
        for (int i = 0; i < ids.size(); i++) {
            assertEquals(name(browser, ids.get(i)), lines.get(i).get(0), "each curve named as its run: " + lines);
            assertEquals(lastTasks[i], ((Number) lines.get(i).get(2)).longValue(), "to its last task: " + lines);
            assertEquals(detail(served, ids.get(i)).path("history").size(), ((Number) lines.get(i).get(1)).intValue(),
                    "a run never chosen has its whole curve: " + lines);
        }
        @SuppressWarnings("unchecked")
        List<String> legend = (List<String>) browser.js("return reptileProgressChart.legend.legendItems"
                + ".map(i => i.text)");
        assertEquals(lines.stream().map(l -> l.get(0)).toList(), legend, "the legend lists every run");
        @SuppressWarnings("unchecked")
        List<Object> x = (List<Object>) browser.js("var s = reptileProgressChart.scales.x;"
                + " return [s.type, s.min, s.max, s.ticks.map(t => t.label).filter(l => l).join(' ')];");
        assertEquals("logarithmic", x.get(0), "300 beside 3,000 tasks: " + x);
        double first = lines.stream().mapToDouble(l -> ((Number) l.get(4)).doubleValue()).min().orElseThrow();
        assertTrue(((Number) x.get(1)).doubleValue() < first && ((Number) x.get(2)).doubleValue() >= 3_000,
                "the axis spans every run's measurements (a log axis leaves out 0), the first at " + first + ": " + x);
        assertFalse(((String) x.get(3)).toLowerCase().contains("e"), "ticks without E notation: " + x);
    }

    /** One column per ticked run, MSE in the header, each cell the server's mean ± 95 % CI as the page rounds it. */
    private void assertReportsSideBySide(Browser browser, ServedLab served, List<String> ids) {
        @SuppressWarnings("unchecked")
        List<List<String>> table = (List<List<String>>) browser.js("return Array.from(document"
                + ".querySelectorAll('[data-testid=compare-table] tr'))"
                + ".map(r => Array.from(r.children).map(c => c.textContent))");
        assertTrue(table.get(0).get(0).contains("MSE"), "MSE in the header: " + table.get(0));
        assertEquals("random init", table.get(0).get(ids.size() + 1));
        for (int c = 0; c < ids.size(); c++) {
            assertEquals(name(browser, ids.get(c)), table.get(0).get(c + 1), "a column per ticked run: " + table);
            JsonNode rows = detail(served, ids.get(c)).path("report").path("rows");
            assertEquals(rows.size(), table.size() - 1, "a row per k of the report: " + table);
            for (int r = 0; r < rows.size(); r++) {
                JsonNode row = rows.get(r);
                assertEquals("k = " + row.path("k").asInt(), table.get(r + 1).get(0));
                String cell = table.get(r + 1).get(c + 1);
                assertEquals(Numbers.short3(row.path("mean").asDouble()) + " ± "
                        + Numbers.short3(row.path("ci95").asDouble()), cell, "run " + ids.get(c) + " at k row " + r);
                assertFalse(cell.contains("E"), cell);
            }
        }
        assertTrue(browser.byTestId("report").getText().contains("500 held-out sines after k SGD steps"),
                "MSE@k explained");
    }

    /** The run's name as the page shows it beside its compare tick box. */
    private static String name(Browser browser, String id) {
        return ((String) browser.js("return document.querySelector(arguments[0]).parentElement.textContent",
                "[data-testid=compare-" + id + "]")).trim();
    }

    private String start(ServedLab served, String body) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(served.url() + "api/runs"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(202, answer.statusCode(), answer.body());
        return JSON.readTree(answer.body()).path("id").asText();
    }

    private JsonNode detail(ServedLab served, String id) {
        try {
            return JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(served.url() + "api/runs/" + id)).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
