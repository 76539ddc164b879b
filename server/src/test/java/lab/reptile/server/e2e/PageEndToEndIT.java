package lab.reptile.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Locale;

import lab.reptile.server.baseline.PretrainConfig;
import lab.reptile.server.training.TrainingDefaults;
import lab.reptile.server.TestLab;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The page in a real browser against the real server, with the meta-weights of the server's default run trained by
 * the DL4J trainer (90,000 tasks, ~25 s) and a pretrained baseline.
 */
class PageEndToEndIT {
    private static TestLab runner;
    private static ServedLab served;
    private Browser browser;

    @BeforeAll
    static void trainAndServe() throws Exception {
        served = ServedLab.start(TestLab.dl4j(TrainingDefaults.config()), PretrainConfig.defaults());
        runner = served.runner();
        served.awaitRunFinished();
    }

    @AfterAll
    static void stopServer() {
        served.close();
    }

    @BeforeEach
    void openPage() throws Exception {
        browser = new Browser(1440, 1200);
        browser.open(served.url());
    }

    @AfterEach
    void closeBrowser() {
        browser.close();
    }

    @Test
    void adaptsToTenClickedPointsOnASineAndDrawsIt() throws Exception {
        assertEquals(String.format(Locale.ROOT, "%,d", runner.metaIteration()),
                browser.byTestId("meta-iteration").getText());
        double[][] clicked = new double[10][];
        for (int i = 0; i < clicked.length; i++) {
            double x = -4.5 + i;
            clicked[i] = new double[] {x, 3 * Math.sin(x + 1)};
            browser.clickPlotAt(clicked[i][0], clicked[i][1]);
        }
        browser.type("steps", "8");
        browser.click("adapt");
        browser.awaitAdapted();
        browser.screenshot(Path.of("target", "screenshots", "adapted.png"));

        double[][] points = browser.dataset("points");
        assertEquals(10, points.length);
        for (int i = 0; i < points.length; i++) { // a click lands within a pixel: ~0.02 in data units
            assertEquals(clicked[i][0], points[i][0], 0.05);
            assertEquals(clicked[i][1], points[i][1], 0.05);
        }
        double mse = Curves.mseOnPoints(browser.dataset("adapted"), points);
        assertTrue(mse < 0.05, "adapted curve's MSE on the points: " + mse);
        assertEquals(201, browser.dataset("meta").length);
        assertEquals(browser.consoleErrors().toString(), "[]");
    }

    @Test
    void randomSineDrawsItsTrueCurveAndTenPointsOnIt() {
        browser.click("random-sine");
        browser.awaitAdapted();
        double[][] truth = browser.dataset("truth");
        double[][] points = browser.dataset("points");
        assertEquals(10, points.length);
        assertTrue(Curves.mseOnPoints(truth, points) < 1e-3, "points lie on the true curve");
        assertFalse(browser.dataset("adapted").length == 0);
    }

    @Test
    void clickingAPointRemovesItAndClearRemovesAll() {
        browser.clickPlotAt(-2, 1);
        browser.clickPlotAt(2, -1);
        assertEquals(2, browser.dataset("points").length);
        browser.clickPlotAt(-2, 1);
        double[][] left = browser.dataset("points");
        assertEquals(1, left.length);
        assertEquals(2, left[0][0], 0.05);
        browser.click("clear");
        assertEquals(0, browser.dataset("points").length);
        assertEquals(0, browser.dataset("adapted").length);
    }

    @Test
    void fetchingUnchangedWeightsIsAConditionalRequest() {
        browser.click("fetch-weights");
        browser.waitFor("the 304 to be reported", "return document.querySelector('[data-testid=status]')"
                + ".textContent.indexOf('unchanged') >= 0");
        assertTrue(browser.byTestId("error").getText().isEmpty());
    }
}
