package lab.reptile.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import lab.reptile.server.Await;
import lab.reptile.server.TestLab;
import lab.reptile.server.baseline.PretrainConfig;
import lab.reptile.server.training.TrainingDefaults;
import org.junit.jupiter.api.Test;

/**
 * The comparison against the real server: two small runs (2,000 and 5,000 tasks) started beside the default run
 * (30,000 tasks) are plotted on a fresh page without being chosen, on one log axis spanning all three, and their
 * reports compared side by side with the server's means and 95 % CIs. Screenshot: target/screenshots/compare.png (docs/screenshot-compare.png).
 */
class CompareEndToEndIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void twoStartedRunsAreOverlaidOnOneAxisAndTheirReportsCompared() throws Exception {
        try (ServedLab served = ServedLab.start(TestLab.plain(TrainingDefaults.config().toBuilder().tasks(30_000)
                .build()), PretrainConfig.defaults())) {
            assertTrue(served.baseline().await(180_000), "the pretrained baseline trains");
            served.awaitRunFinished();
            String small = start(served, "{\"seed\": 2, \"tasks\": 2000}");
            String tiny = start(served, "{\"seed\": 3, \"tasks\": 5000, \"outerStepStart\": 0.5}");
            for (String id : List.of(small, tiny)) {
                Await.until("run " + id + " to finish", Duration.ofMinutes(2), () -> detail(served, id),
                        d -> "finished".equals(d.path("state").asText()));
            }
            try (Browser browser = new Browser(1280, 1000)) {
                browser.open(served.url());
                browser.waitFor("three curves", "return reptileProgressChart.data.datasets.length === 3"
                        + " && reptileProgressChart.data.datasets.every(d => d.data.length > 0)");
                @SuppressWarnings("unchecked")
                List<List<Object>> lines = (List<List<Object>>) browser.js("return reptileProgressChart.data.datasets"
                        + ".map(d => [d.label, d.data.length, d.data[d.data.length - 1].x, d.borderWidth,"
                        + " d.data.find(p => p.x > 0).x])");
                assertEquals("default run", lines.get(0).get(0), "the chosen run first: " + lines);
                assertEquals(3.0, ((Number) lines.get(0).get(3)).doubleValue(), "and thickest");
                assertEquals(30_000, ((Number) lines.get(0).get(2)).longValue());
                assertEquals(detail(served, small).path("history").size(), ((Number) lines.get(1).get(1)).intValue(),
                        "a run never chosen has its whole curve: " + lines);
                assertTrue(((String) lines.get(1).get(0)).contains("2,000 tasks"), "named in the legend: " + lines);
                assertEquals(2000, ((Number) lines.get(1).get(2)).longValue());
                assertEquals(5000, ((Number) lines.get(2).get(2)).longValue());
                @SuppressWarnings("unchecked")
                List<Object> x = (List<Object>) browser.js("var s = reptileProgressChart.scales.x;"
                        + " return [s.type, s.min, s.max, s.ticks.map(t => t.label).filter(l => l).join(' ')];");
                assertEquals("logarithmic", x.get(0), "2,000 beside 30,000 tasks: " + x);
                double first = lines.stream().mapToDouble(l -> ((Number) l.get(4)).doubleValue()).min().orElseThrow();
                assertTrue(((Number) x.get(1)).doubleValue() < first && ((Number) x.get(2)).doubleValue() >= 30_000,
                        "the axis spans every run's measurements (a log axis leaves out 0), the first at " + first + ": " + x);
                assertTrue(!((String) x.get(3)).contains("e") && !((String) x.get(3)).contains("E"), "ticks: " + x);

                browser.click("compare-default");
                browser.waitFor("the default column",
                        "return !!document.querySelector('[data-testid=compare-table]')");
                browser.click("compare-" + small);
                browser.click("compare-" + tiny);
                browser.waitFor("three columns", "return document.querySelectorAll("
                        + "'[data-testid=compare-table] tr th').length === 5");
                @SuppressWarnings("unchecked")
                List<List<String>> table = (List<List<String>>) browser.js("return Array.from(document"
                        + ".querySelectorAll('[data-testid=compare-table] tr'))"
                        + ".map(r => Array.from(r.children).map(c => c.textContent))");
                assertEquals("MSE after k steps", table.get(0).get(0));
                assertEquals("default run", table.get(0).get(1));
                assertEquals(8, table.size(), "a header and k = 0, 1, 2, 4, 8, 16, 32: " + table);
                List<String> ids = List.of("default", small, tiny);
                for (int c = 0; c < 3; c++) {
                    JsonNode rows = detail(served, ids.get(c)).path("report").path("rows");
                    for (int r = 0; r < rows.size(); r++) {
                        String cell = table.get(r + 1).get(c + 1);
                        assertEquals("k = " + rows.get(r).path("k").asInt(), table.get(r + 1).get(0));
                        String[] parts = cell.split(" ± ");
                        assertEquals(2, parts.length, "mean ± CI: " + cell);
                        assertClose(rows.get(r).path("mean").asDouble(), parts[0], cell);
                        assertClose(rows.get(r).path("ci95").asDouble(), parts[1], cell);
                    }
                }
                assertTrue(browser.byTestId("report").getText().contains("500 held-out sines after k SGD steps"));
                browser.resize(1280, 1950);
                browser.js("document.querySelector('[data-testid=progress-chart]').scrollIntoView()");
                browser.screenshot(Path.of("target", "screenshots", "compare.png"));
            }
        }
    }

    /** A cell's number (three significant digits, thousands separators, no E) is {@code expected} to 1 %. */
    private static void assertClose(double expected, String shown, String cell) {
        assertTrue(!shown.contains("E") && !shown.contains("×"), "plain digits for an MSE this size: " + cell);
        double value = Double.parseDouble(shown.replace(",", ""));
        assertEquals(expected, value, Math.abs(expected) * 0.01 + 1e-6, cell);
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
