package lab.reptile.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import lab.reptile.server.TestLab;
import lab.reptile.server.baseline.PretrainConfig;
import lab.reptile.server.training.TrainingDefaults;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 22, point 8: the page does not move under the visitor while it replays a timeline or follows a training run
 * (cumulative layout shift at most 0.01, by Chromium's own 'layout-shift' entries), and a start-up while the server
 * still trains the pretrained baseline, plus that session, log no console error (no failed request), at 1280 px
 * and at a 390 px phone.
 */
class LayoutStabilityEndToEndIT {
    /** Chromium's layout shifts since the page loaded, each {t, value, input, sources}, kept in window.shifts. */
    private static final String OBSERVE = "window.shifts = []; new PerformanceObserver(function(list) {"
            + " list.getEntries().forEach(function(e) { window.shifts.push({t: e.startTime, value: e.value,"
            + " input: e.hadRecentInput, sources: (e.sources || []).map(function(s) {"
            + " var n = s.node; return (n ? (n.nodeName + (n.dataset && n.dataset.testid ? '[' + n.dataset.testid"
            + " + ']' : '') + (n.className && n.className.baseVal === undefined ? '.' + n.className : '')) : '?')"
            + " + ' ' + JSON.stringify(s.previousRect) + '->' + JSON.stringify(s.currentRect); }) }); });"
            + " }).observe({type: 'layout-shift', buffered: true});";
    private static final double MAX_SHIFT = 0.01;
    private static ServedLab served;

    @BeforeAll
    static void serve() {
        // Not awaiting the baseline: the page opens while the server still trains it, as on a fresh server.
        served = ServedLab.start(TestLab.plain(TrainingDefaults.config().toBuilder().tasks(3_000).build()),
                PretrainConfig.defaults());
    }

    @AfterAll
    static void stop() {
        served.close();
    }

    @Test
    void replayingAndFollowingARunShiftNothingAtDesktopWidth() throws Exception {
        try (Browser browser = open(1280, 1000)) {
            for (int i = 0; i < 8; i++) {
                double x = -4 + i;
                browser.clickPlotAt(x, 2 * Math.sin(x));
            }
            browser.click("adapt");
            browser.awaitAdapted();
            session(browser, "1280 px", 7);
        }
    }

    @Test
    void replayingAndFollowingARunShiftNothingOnAPhone() throws Exception {
        try (Browser phone = open(390, 844)) {
            phone.click("try-classic");
            phone.awaitAdapted();
            session(phone, "390 px", 8);
        }
    }

    /** Opens the page, waits for the meta-weights, the default run's timeline and the baseline, then observes. */
    private static Browser open(int width, int height) throws Exception {
        Browser browser = new Browser(width, height);
        browser.open(served.url());
        browser.js(OBSERVE);
        browser.waitFor("the meta-weights", "return document.querySelector('[data-testid=weights-version]')"
                + ".textContent !== '–'");
        browser.waitFor("the baseline", "return document.querySelector('[data-testid=pretrained-note]')"
                + ".textContent === ''");
        browser.waitFor("the default run's timeline", "return document.querySelector("
                + "'[data-testid=timeline-label]').dataset.position !== '-1'");
        return browser;
    }

    /**
     * From now: a replay to its end, then a started run followed until it finishes; the shifts of that span sum to at
     * most {@link #MAX_SHIFT}, and nothing since start-up was logged as an error.
     */
    private static void session(Browser browser, String width, int seed) {
        browser.js("window.sessionFrom = performance.now();");
        browser.click("replay");
        browser.waitFor("the replay to start", "return document.querySelector('[data-testid=replay]')"
                + ".textContent !== 'Replay'");
        browser.waitFor("the replay to end", "return document.querySelector('[data-testid=replay]')"
                + ".textContent === 'Replay'");
        browser.type("run-tasks", "6000");
        browser.type("run-seed", Integer.toString(seed));
        browser.click("start-run");
        browser.waitFor("the run to train", "return document.querySelector('[data-testid=run-status]')"
                + ".textContent.indexOf('Training') === 0");
        browser.waitFor("the run to finish", "return document.querySelector('[data-testid=run-status]')"
                + ".textContent.indexOf('Finished') === 0");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> shifts = (List<Map<String, Object>>) browser.js("return window.shifts");
        double fromTime = ((Number) browser.js("return window.sessionFrom")).doubleValue();
        double startUp = 0;
        double session = 0;
        StringBuilder sources = new StringBuilder();
        for (Map<String, Object> shift : shifts) {
            if (Boolean.TRUE.equals(shift.get("input"))) {
                continue;
            }
            double value = ((Number) shift.get("value")).doubleValue();
            boolean during = ((Number) shift.get("t")).doubleValue() >= fromTime;
            if (during) {
                session += value;
            } else {
                startUp += value;
            }
            sources.append(String.format("%n  %s %.4f %s", during ? "session" : "start-up", value, shift.get("sources")));
        }
        System.out.printf("layout shift at %s: replay and follow %.4f, start-up %.4f%s%n", width, session, startUp,
                sources);
        assertTrue(session <= MAX_SHIFT, "cumulative layout shift over a replay and a followed run at " + width
                + ": " + session + sources);
        assertEquals("[]", browser.consoleErrors().toString(), "console errors at " + width);
    }
}
