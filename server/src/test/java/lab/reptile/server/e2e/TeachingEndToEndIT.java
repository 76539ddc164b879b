package lab.reptile.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import lab.reptile.model.ReptileConfig;
import lab.reptile.server.Await;
import lab.reptile.server.baseline.PretrainConfig;
import lab.reptile.server.baseline.PretrainedBaseline;
import lab.reptile.server.TestLab;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The teaching page in a real browser: the three starts side by side, the live learning curve, and the layout at
 * phone and desktop widths (screenshots in target/screenshots/). Training stays paused except while it is watched.
 */
class TeachingEndToEndIT {
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static TestLab runner;
    private static ServedLab served;

    /** Reference tasks to train on before the tests: enough for the meta-weights to fit a sine in a few steps. */
    private static final int TASKS_BEFORE_TESTS = 10_000;

    @BeforeAll
    static void serve() throws Exception {
        served = ServedLab.start(TestLab.plain(ReptileConfig.reference().withTasks(60_000)),
                PretrainConfig.defaults().withSteps(30));
        runner = served.runner();
        PretrainedBaseline baseline = served.baseline();
        Await.until(TASKS_BEFORE_TESTS + " tasks of meta-training", runner::view,
                s -> s.tasksDone() >= TASKS_BEFORE_TESTS);
        runner.pause();
        assertTrue(baseline.await(30_000), "the pretrained baseline did not finish training in 30 s: "
                + baseline.state());
    }

    @AfterAll
    static void stop() {
        served.close();
    }

    private static Browser open(int width, int height) throws Exception {
        Browser browser = new Browser(width, height);
        browser.open(served.url());
        browser.waitFor("the pretrained net", "return document.querySelector('[data-testid=pretrained-note]')"
                + ".textContent === ''");
        return browser;
    }

    @Test
    void theThreeStartsAdaptSideBySideAndEachToggleShowsOrHidesItsCurves() throws Exception {
        try (Browser browser = open(1440, 1300)) {
            browser.click("try-classic");
            browser.awaitAdapted();
            assertEquals("8", browser.byTestId("steps").getAttribute("value"));
            assertEquals(10, browser.dataset("points").length);
            for (String curve : new String[] {"adapted", "adapted-random", "adapted-pretrained"}) {
                assertEquals(201, browser.dataset(curve).length, curve);
                assertTrue(browser.visible("reptileChart", curve), curve);
            }
            for (String mse : new String[] {"mse-meta", "mse-random", "mse-pretrained"}) {
                assertEquals(9, browser.dataset("reptileMseChart", mse).length, mse + ": steps 0..8");
            }
            browser.screenshot(SCREENSHOTS.resolve("desktop.png"));

            browser.click("show-random");
            assertFalse(browser.visible("reptileChart", "adapted-random"));
            assertFalse(browser.visible("reptileMseChart", "mse-random"));
            assertTrue(browser.visible("reptileChart", "adapted-pretrained"));
            browser.click("show-pretrained");
            browser.click("show-meta");
            assertFalse(browser.visible("reptileChart", "adapted-pretrained"));
            assertFalse(browser.visible("reptileChart", "adapted"));
            assertTrue(browser.visible("reptileChart", "meta"), "the meta-weights' own curve is not a toggle");
            browser.click("show-random");
            assertTrue(browser.visible("reptileChart", "adapted-random"));
            assertTrue(browser.visible("reptileMseChart", "mse-random"));
            assertEquals("[]", browser.consoleErrors().toString());
        }
    }

    @Test
    void fromTheMetaLearnedStartEightStepsFitClickedPointsTenTimesBetterThanFromTheRandomOne() throws Exception {
        try (Browser browser = open(1440, 1300)) {
            for (int i = 0; i < 10; i++) {
                double x = -4.5 + i;
                browser.clickPlotAt(x, 3 * Math.sin(x + 1));
            }
            browser.type("steps", "8");
            browser.click("adapt");
            browser.awaitAdapted();
            double[][] points = browser.dataset("points");
            assertEquals(10, points.length);

            double[][] metaMse = browser.dataset("reptileMseChart", "mse-meta");
            double[][] randomMse = browser.dataset("reptileMseChart", "mse-random");
            assertEquals(8.0, metaMse[metaMse.length - 1][0], "the MSE chart's last step");
            double meta = metaMse[metaMse.length - 1][1];
            double random = randomMse[randomMse.length - 1][1];
            assertTrue(meta * 10 <= random, "MSE on the points after 8 steps: Reptile " + meta + ", random " + random);

            // The drawn curves say the same: interpolated at the points' x, the adapted curves give those MSEs.
            double metaCurve = Curves.mseOnPoints(browser.dataset("adapted"), points);
            double randomCurve = Curves.mseOnPoints(browser.dataset("adapted-random"), points);
            assertEquals(meta, metaCurve, 0.01 + 0.05 * meta, "Reptile's adapted curve against its MSE");
            assertEquals(random, randomCurve, 0.01 + 0.05 * random, "random's adapted curve against its MSE");
        }
    }

    @Test
    void theProgressChartGrowsWhileTheServerTrains() throws Exception {
        try (Browser browser = open(1280, 900)) {
            browser.waitFor("a first learning-curve point",
                    "return reptileProgressChart.data.datasets[0].data.length > 0");
            double[][] before = browser.dataset("reptileProgressChart", "default run");
            runner.resume();
            try {
                browser.waitFor("new learning-curve points", "return reptileProgressChart.data.datasets[0].data"
                        + ".length > " + before.length);
            } finally {
                runner.pause();
            }
            double[][] after = browser.dataset("reptileProgressChart", "default run");
            assertTrue(after[after.length - 1][0] > before[before.length - 1][0], "tasks done grew");
            assertTrue(after[after.length - 1][1] > 0, "an MSE");
        }
    }

    @Test
    void atPhoneWidthNothingScrollsSidewaysAndAFingerTapAddsAndRemovesPoints() throws Exception {
        try (Browser browser = open(360, 800)) {
            assertEquals(360L, ((Number) browser.js("return window.innerWidth")).longValue());
            browser.tapPlotAt(-2, 1);
            browser.awaitAdapted();
            assertEquals(1, browser.dataset("points").length);
            browser.tapPlotAt(-2, 1);
            assertEquals(0, browser.dataset("points").length, "a tap on a point removes it");
            browser.click("try-classic");
            browser.awaitAdapted();
            browser.js("window.scrollTo(0, 0)");
            browser.screenshot(SCREENSHOTS.resolve("phone.png"));
            Number scrollWidth = (Number) browser.js("return document.documentElement.scrollWidth");
            assertTrue(scrollWidth.longValue() <= 360, "page is " + scrollWidth + " px wide at a 360 px window");
        }
    }
}
