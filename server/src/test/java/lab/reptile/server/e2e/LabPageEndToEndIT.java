package lab.reptile.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import lab.reptile.model.ReptileTrainer;
import lab.reptile.server.TestLab;
import lab.reptile.server.baseline.PretrainConfig;
import lab.reptile.server.http.ReptileServer;
import lab.reptile.server.http.ServerOptions;
import lab.reptile.server.lab.LabLimits;
import lab.reptile.server.training.TrainingDefaults;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * The lab on the page against the real server, with a pretrained baseline: the default run (plain-Java trainer,
 * 30,000 tasks) scrubbed and replayed, a run started and followed from the page, points dragged, a diverging
 * adaptation, a shared link.
 */
class LabPageEndToEndIT {
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static ServedLab served;
    private static TestLab runner;

    @BeforeAll
    static void trainAndServe() throws Exception {
        served = ServedLab.start(TestLab.plain(TrainingDefaults.config().toBuilder().tasks(30_000).build()),
                PretrainConfig.defaults());
        runner = served.runner();
        assertTrue(served.baseline().await(180_000), "the pretrained baseline trains"); // else the page logs 503s
        served.awaitRunFinished();
    }

    @AfterAll
    static void stopServer() {
        served.close();
    }

    private static Browser open(int width, int height) throws Exception {
        Browser browser = new Browser(width, height);
        browser.open(url());
        awaitTimeline(browser);
        return browser;
    }

    private static String url() {
        return served.url();
    }

    private static void awaitTimeline(Browser browser) {
        browser.waitFor("the run's timeline", "return document.querySelector('[data-testid=timeline-label]')"
                + ".dataset.position !== '-1'");
    }

    /** Ten points on 3 sin(x + 1), clicked. */
    private static void clickSine(Browser browser) {
        for (int i = 0; i < 10; i++) {
            double x = -4.5 + i;
            browser.clickPlotAt(x, 3 * Math.sin(x + 1));
        }
    }

    /** Moves the timeline as a visitor's slider would, and waits until that snapshot's weights are adapted from. */
    private static void moveTimeline(Browser browser, int position, long metaIteration) {
        browser.js("var t = document.querySelector('[data-testid=timeline]'); t.value = arguments[0];"
                + "t.dispatchEvent(new Event('input'));", position);
        browser.waitFor("the snapshot at " + position, "return document.querySelector('[data-testid=meta-iteration]')"
                + ".textContent.replace(/,/g, '') === '" + metaIteration + "' && document.querySelector('[data-testid=mse]')"
                + ".dataset.state === 'done'");
    }

    private static int lastPosition(Browser browser) {
        return Integer.parseInt(browser.byTestId("timeline").getAttribute("max"));
    }

    @Test
    void theTimelineFromFirstToLastLowersTheMseTenfoldAndReplayVisitsEveryPosition() throws Exception {
        try (Browser browser = open(1280, 1000)) {
            clickSine(browser);
            browser.awaitAdapted();
            int last = lastPosition(browser);
            assertEquals(runner.view().timeline().size() - 1, last, "one position per snapshot");
            moveTimeline(browser, 0, 0);
            assertEquals("after 0 tasks", browser.byTestId("timeline-label").getText());
            double[][] points = browser.dataset("points");
            double first = Curves.mseOnPoints(browser.dataset("adapted"), points);
            moveTimeline(browser, last, runner.metaIteration());
            double end = Curves.mseOnPoints(browser.dataset("adapted"), points);
            assertTrue(end * 10 <= first, "MSE of the red curve on the points: first snapshot " + first
                    + ", last " + end);
            browser.resize(1280, 1950);
            browser.screenshot(SCREENSHOTS.resolve("lab-desktop.png"));

            browser.js("window.visited = []; new MutationObserver(function() { window.visited.push("
                    + "document.querySelector('[data-testid=timeline-label]').dataset.position); })"
                    + ".observe(document.querySelector('[data-testid=timeline-label]'), {attributes: true});");
            browser.click("replay");
            browser.waitFor("the replay to end", "return document.querySelector('[data-testid=replay]')"
                    + ".textContent === 'Replay' && window.visited.length > 0");
            @SuppressWarnings("unchecked")
            Set<String> visited = new HashSet<>((List<String>) browser.js("return window.visited"));
            for (int p = 0; p <= last; p++) {
                assertTrue(visited.contains(Integer.toString(p)), "replay visited position " + p + ": " + visited);
            }
            assertEquals(Integer.toString(last), browser.byTestId("timeline").getAttribute("value"));
            assertEquals("[]", browser.consoleErrors().toString());
        }
    }

    @Test
    void startingARunFromThePageFollowsItUntilItFinishes() throws Exception {
        try (Browser browser = open(1280, 1000)) {
            clickSine(browser);
            browser.awaitAdapted();
            browser.type("run-tasks", "12000");
            browser.type("run-seed", "5");
            // Every 50 ms: the run status, the followed weights' version and the chosen run's curve length.
            browser.js("window.samples = []; setInterval(function() { window.samples.push(["
                    + "document.querySelector('[data-testid=run-status]').textContent,"
                    + "document.querySelector('[data-testid=weights-version]').textContent,"
                    + "reptileProgressChart.data.datasets.length ? reptileProgressChart.data.datasets[0].data.length"
                    + " : 0]); }, 50);");
            browser.click("start-run");
            browser.waitFor("the run to finish", "return document.querySelector('[data-testid=run-status]')"
                    + ".textContent.indexOf('Finished') === 0");
            @SuppressWarnings("unchecked")
            List<List<Object>> samples = (List<List<Object>>) browser.js("return window.samples");
            assertTrue(samples.stream().anyMatch(s -> ((String) s.get(0)).startsWith("Queued")
                    || ((String) s.get(0)).startsWith("Training")), "queued or training first: " + samples);
            Set<Object> versions = new HashSet<>();
            long shortest = Long.MAX_VALUE;
            long longest = 0;
            for (List<Object> s : samples) {
                if (((String) s.get(0)).startsWith("Training")) {
                    versions.add(s.get(1));
                    shortest = Math.min(shortest, ((Number) s.get(2)).longValue());
                    longest = Math.max(longest, ((Number) s.get(2)).longValue());
                }
            }
            assertTrue(versions.size() >= 2, "the followed weights' version changed while training: " + versions);
            assertTrue(longest > shortest, "the learning curve grew while training: " + shortest + " → " + longest);

            String chosen = (String) browser.js("return document.querySelector('[data-testid=run-select]').value");
            assertNotEquals("default", chosen);
            String options = (String) browser.js("return Array.from(document.querySelectorAll("
                    + "'[data-testid=run-select] option')).map(o => o.value).join(',')");
            assertTrue(options.startsWith("default,") && options.contains(chosen), "picker: " + options);
            List<String> legend = legend(browser);
            assertTrue(legend.contains("default run") && legend.size() >= 2, "the curves overlaid: " + legend);
            browser.waitFor("the report", "return document.querySelectorAll('[data-testid=report] td').length > 0");
            assertEquals(7 * 3, ((Number) browser.js("return document.querySelectorAll('[data-testid=report] td')"
                    + ".length")).intValue(), "k = 0, 1, 2, 4, 8, 16, 32 beside random init");
            assertEquals("[]", browser.consoleErrors().toString());
        }
    }

    @Test
    void aRefusedStartShowsTheServersReason() throws Exception {
        LabLimits noQuota = new LabLimits(true, 100_000, 0, 8, 20, 512L << 20);
        try (TestLab closed = TestLab.open(TrainingDefaults.config().toBuilder().tasks(1_000).build(),
                ReptileTrainer::new, noQuota);
             ReptileServer refusing = new ReptileServer(new ServerOptions("127.0.0.1", 0, null), closed.lab()).start();
             Browser browser = new Browser(1280, 1000)) {
            HttpResponse<String> direct = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + refusing.port() + "/api/runs")).POST(HttpRequest.BodyPublishers.ofString(
                    "{\"tasks\": 2000}")).header("Content-Type", "application/json").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(429, direct.statusCode(), direct.body());
            String reason = new ObjectMapper().readTree(direct.body()).get("error").asText();
            browser.open("http://127.0.0.1:" + refusing.port() + "/");
            browser.type("run-tasks", "2000");
            browser.click("start-run");
            browser.waitFor("the refusal", "return document.querySelector('[data-testid=run-status]')"
                    + ".textContent.indexOf('Refused') === 0");
            String status = browser.byTestId("run-status").getText();
            assertTrue(status.startsWith("Refused: " + reason + ". Try again in "), status);
            assertFalse(browser.byTestId("start-run").isEnabled(), "Start waits until the quota allows a run");
            assertEquals(1, closed.lab().list().size(), "a refused start changes nothing");
        }
    }

    @Test
    void aChosenPresetDisablesTheFieldsItDoesNotTakeAndReachesTheServer() throws Exception {
        LabLimits halfTasks = new LabLimits(true, 50_000, 3, 8, 20, 512L << 20); // the preset trains 100,000
        try (TestLab lab = TestLab.open(TrainingDefaults.config().toBuilder().tasks(1_000).build(),
                ReptileTrainer::new, halfTasks);
             ReptileServer small = new ReptileServer(new ServerOptions("127.0.0.1", 0, null), lab.lab()).start();
             Browser browser = new Browser(1280, 1000)) {
            browser.open("http://127.0.0.1:" + small.port() + "/");
            browser.js("const s = document.querySelector('[data-testid=run-preset]'); s.value = 'maml-protocol';"
                    + "s.dispatchEvent(new Event('change'));");
            assertTrue(browser.byTestId("run-seed").isEnabled(), "a preset's run takes the seed");
            for (String field : new String[] {"run-tasks", "run-outer-step", "run-inner-lr", "run-inner-batch",
                "run-inner-epochs", "run-meta-batch"}) {
                assertFalse(browser.byTestId(field).isEnabled(), field + " does not apply to a preset");
            }
            browser.click("start-run");
            browser.waitFor("the refusal", "return document.querySelector('[data-testid=run-status]')"
                    + ".textContent.indexOf('Refused') === 0");
            assertEquals("Refused: tasks must be at most 50,000 for a visitor run, got 100,000",
                    browser.byTestId("run-status").getText(), "the preset's tasks, not the form's");
            browser.js("const s = document.querySelector('[data-testid=run-preset]'); s.value = '';"
                    + "s.dispatchEvent(new Event('change'));");
            assertTrue(browser.byTestId("run-tasks").isEnabled(), "no preset: the fields apply again");
            assertEquals(1, lab.lab().list().size(), "a refused start changes nothing");
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> legend(Browser browser) {
        return (List<String>) browser.js("return reptileProgressChart.data.datasets.map(d => d.label)");
    }

    @Test
    void draggingAPointMovesItAndTheFitsWhileThePointerIsDown() throws Exception {
        try (Browser browser = open(1280, 1000)) {
            clickSine(browser);
            browser.awaitAdapted();
            double[][] before = browser.dataset("points");
            double[][] adaptedBefore = browser.dataset("adapted");
            WebElement canvas = browser.byTestId("plot");
            Number px = (Number) browser.js("return reptileChart.scales.x.getPixelForValue(arguments[0])",
                    before[4][0]);
            Number py = (Number) browser.js("return reptileChart.scales.y.getPixelForValue(arguments[0])",
                    before[4][1]);
            int dx = (int) Math.round(px.doubleValue() - canvas.getRect().getWidth() / 2.0);
            int dy = (int) Math.round(py.doubleValue() - canvas.getRect().getHeight() / 2.0);
            Actions drag = browser.actions().moveToElement(canvas, dx, dy).clickAndHold()
                    .moveByOffset(0, -20).moveByOffset(0, -20).moveByOffset(0, -20);
            drag.perform();
            double[][] during = browser.dataset("points");
            double[][] adaptedDuring = browser.dataset("adapted");
            browser.actions().release().perform();
            assertEquals(10, during.length);
            assertEquals(before[4][0], during[4][0], 0.05, "a vertical drag keeps x");
            assertTrue(during[4][1] > before[4][1] + 1, "the point went up: " + before[4][1] + " → " + during[4][1]);
            assertNotEquals(adaptedBefore[100][1], adaptedDuring[100][1], "the red curve followed the drag");
            assertEquals(10, browser.dataset("points").length, "a drag neither adds nor removes a point");
            assertEquals("[]", browser.consoleErrors().toString());
        }
    }

    @Test
    void aSharedUrlReproducesThePointsTheRunAndThePositionInANewBrowser() throws Exception {
        String shared;
        double[][] points;
        try (Browser browser = open(1280, 1000)) {
            clickSine(browser);
            browser.awaitAdapted();
            moveTimeline(browser, 3, runner.view().timeline().get(3).metaIteration());
            points = browser.dataset("points");
            browser.click("share");
            shared = (String) browser.js("return location.href");
        }
        try (Browser fresh = new Browser(1280, 1000)) {
            fresh.open(shared);
            fresh.waitFor("the shared position", "return document.querySelector('[data-testid=timeline-label]')"
                    + ".dataset.position === '3'");
            fresh.awaitAdapted();
            double[][] again = fresh.dataset("points");
            assertEquals(points.length, again.length);
            for (int i = 0; i < points.length; i++) {
                assertEquals(points[i][0], again[i][0], 1e-3);
                assertEquals(points[i][1], again[i][1], 1e-3);
            }
            assertEquals("default", fresh.js("return document.querySelector('[data-testid=run-select]').value"));
            assertEquals("3", fresh.byTestId("timeline").getAttribute("value"));
            assertEquals(String.format(Locale.ROOT, "%,d", runner.view().timeline().get(3).metaIteration()),
                    fresh.byTestId("meta-iteration").getText());
            assertTrue(Curves.mseOnPoints(fresh.dataset("adapted"), again) >= 0);
        }
    }

    @Test
    void aLargeLearningRateOnASteepLineIsCalledDivergedWithReadableNumbers() throws Exception {
        try (Browser browser = open(1280, 1000)) {
            for (int i = 0; i < 10; i++) {
                double x = -4.5 + i;
                browser.clickPlotAt(x, 1.2 * x);
            }
            browser.type("steps", "32");
            browser.type("lr", "0.1");
            browser.click("adapt");
            browser.waitFor("divergence", "return document.querySelector('[data-testid=mse]').dataset.state"
                    + " === 'diverged'");
            String readout = browser.byTestId("mse").getText();
            assertTrue(!readout.contains("E") && !readout.contains("Infinity") && !readout.contains("NaN"),
                    "readable: " + readout);
            String status = browser.byTestId("status").getText();
            assertTrue(status.contains("meta-weights") && status.contains("smaller learning rate"), status);
            for (double[] p : browser.dataset("adapted")) {
                assertTrue(Math.abs(p[1]) <= 100, "curve clipped: " + p[1]);
            }
            browser.screenshot(SCREENSHOTS.resolve("lab-diverged.png"));
        }
    }
}
