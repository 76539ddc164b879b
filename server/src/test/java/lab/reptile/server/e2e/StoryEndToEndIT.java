package lab.reptile.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import lab.reptile.browser.Numbers;
import lab.reptile.model.ReptileConfig;
import lab.reptile.server.TestLab;
import lab.reptile.server.baseline.PretrainConfig;
import org.junit.jupiter.api.Test;

/**
 * The guided story in a real browser: Next and Back walk its three steps, each highlighting its one control; step 2
 * shows each start's own curve at step 0; step 3 puts the steep line y = 2x on the plot and its verdict states the MSEs
 * the page shows. Screenshot: target/screenshots/story.png (docs/screenshot-story.png).
 */
class StoryEndToEndIT {
    private static final Pattern VERDICT = Pattern.compile("After step (\\d+) on these points the MSE from the"
            + " meta-learned start \\(red\\) is (.+?), from the random start \\(blue\\) (.+?): (.*)");

    @Test
    void nextAndBackWalkTheStepsAndTheSteepLineVerdictStatesTheShownMses() throws Exception {
        try (ServedLab served = ServedLab.start(TestLab.plain(ReptileConfig.reference().withTasks(5_000)),
                PretrainConfig.defaults().withSteps(30))) {
            served.awaitRunFinished();
            assertTrue(served.baseline().await(120_000), "the pretrained baseline trains");
            try (Browser browser = new Browser(1280, 1100)) {
                browser.open(served.url());
                browser.waitFor("the pretrained net", "return document.querySelector("
                        + "'[data-testid=pretrained-note]').textContent === ''");
                assertStep(browser, 0, "timeline");
                assertEquals("true", browser.byTestId("story-back").getAttribute("disabled"));

                browser.click("try-classic");
                browser.awaitAdapted();
                assertEquals("8", browser.byTestId("step-slider").getAttribute("value"));
                browser.click("story-next");
                assertStep(browser, 1, "step-slider");
                assertEachStartsOwnCurveAtStepZero(browser);

                browser.click("story-back");
                assertStep(browser, 0, "timeline");
                browser.click("story-next");
                browser.click("story-next");
                assertStep(browser, 2, "steep-line");
                assertTrue(browser.byTestId("steep-line").isDisplayed(), "the last step's button shows");
                assertEquals("true", browser.byTestId("story-next").getAttribute("disabled"));

                browser.click("steep-line");
                browser.waitFor("the steep line adapted", "var p = reptileChart.data.datasets"
                        + ".find(d => d.label === 'points').data; return p.length === 10"
                        + " && p.every(q => Math.abs(q.y - 2 * q.x) < 1e-9)"
                        + " && document.querySelector('[data-testid=mse]').dataset.state === 'done'");
                assertVerdictStatesTheShownMses(browser);
                browser.screenshotOf(Path.of("target", "screenshots", "story.png"), ".plot-card", ".story");
            }
        }
    }

    /** The story shows {@code step} (0-based) and the class story-highlight is on {@code control} and nothing else. */
    private static void assertStep(Browser browser, int step, String control) {
        browser.waitFor("story step " + step, "return document.querySelector('[data-testid=story-text]')"
                + ".dataset.step === '" + step + "'");
        assertEquals("Step " + (step + 1) + " of 3", browser.byTestId("story-counter").getText());
        assertFalse(browser.byTestId("story-step-title").getText().isBlank());
        assertEquals(List.of(control), browser.js("return Array.from(document.querySelectorAll('.story-highlight'))"
                + ".map(e => e.dataset.testid)"), "step " + step + " highlights its control only");
    }

    /** Step 2 moves the Step slider to 0: three different curves, red on the grey meta-learned start. */
    private static void assertEachStartsOwnCurveAtStepZero(Browser browser) {
        browser.waitFor("step 0 shown", "return document.querySelector('[data-testid=mse]').dataset.step === '0'");
        assertEquals("0", browser.byTestId("step-slider").getAttribute("value"));
        double[][] red = browser.dataset("adapted");
        double[][] blue = browser.dataset("adapted-random");
        double[][] orange = browser.dataset("adapted-pretrained");
        double[][] grey = browser.dataset("meta");
        assertEquals(201, red.length);
        assertEquals(201, blue.length);
        assertEquals(201, orange.length);
        for (String curve : new String[] {"adapted", "adapted-random", "adapted-pretrained"}) {
            assertTrue(browser.visible("reptileChart", curve), curve + " drawn");
        }
        double redBlue = 0;
        double redOrange = 0;
        for (int i = 0; i < red.length; i++) {
            assertEquals(grey[i][1], red[i][1], 1e-6, "red starts on the grey curve at x = " + red[i][0]);
            redBlue = Math.max(redBlue, Math.abs(red[i][1] - blue[i][1]));
            redOrange = Math.max(redOrange, Math.abs(red[i][1] - orange[i][1]));
        }
        assertTrue(redBlue > 0.05 && redOrange > 0.05, "each start its own curve: " + redBlue + ", " + redOrange);
    }

    /** The verdict's step and MSEs are the read-outs' and the MSE chart's, and its conclusion follows from them. */
    private static void assertVerdictStatesTheShownMses(Browser browser) {
        String text = browser.byTestId("story-text").getText();
        Matcher verdict = VERDICT.matcher(text);
        assertTrue(verdict.find(), "a verdict with numbers: " + text);
        int step = Integer.parseInt(verdict.group(1));
        assertEquals(browser.byTestId("step-slider").getAttribute("value"), verdict.group(1));
        assertEquals(Integer.toString(step), browser.byTestId("mse").getAttribute("data-step"));
        double red = browser.dataset("reptileMseChart", "mse-meta")[step][1];
        double blue = browser.dataset("reptileMseChart", "mse-random")[step][1];
        assertEquals(Numbers.short3(red), verdict.group(2), "red's MSE as the MSE chart has it: " + text);
        assertEquals(Numbers.short3(blue), verdict.group(3), "blue's MSE as the MSE chart has it: " + text);
        assertTrue(browser.byTestId("mse").getText().startsWith(verdict.group(2) + " "), "as the read-out shows");
        String compare = browser.byTestId("mse-compare").getText();
        assertTrue(compare.contains("Reptile " + verdict.group(2)) && compare.contains("random " + verdict.group(3)),
                "as the line under the MSE chart shows: " + compare);
        String conclusion = red > blue ? "fits them worse"
                : red > 0.8 * blue ? "hardly better" : "still fits them better";
        assertTrue(verdict.group(4).contains(conclusion), "the verdict follows from " + red + " and " + blue + ": "
                + text);
    }
}
