package lab.reptile.browser;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Random;

import lab.reptile.model.Params;
import lab.reptile.model.WeightsFile;
import org.junit.jupiter.api.Test;

/** The guided story on a {@link LabPage}: its steps, the control each highlights, and the verdict on a steep line. */
class StoryPanelTest {
    private final PageHarness h = new PageHarness();

    private StoryPanel story() {
        return h.page.story();
    }

    @Test
    void nextAndBackWalkTheThreeStepsEachHighlightingItsControlAndStopAtTheEnds() {
        h.loaded();
        assertEquals(0, story().step());
        assertEquals("timeline", story().highlighted());
        assertEquals("Step 1 of 3", story().counter());
        assertFalse(story().canBack());
        assertTrue(story().text().contains("grey curve is the meta-learned start"), story().text());

        h.page.storyBack();
        assertEquals(0, story().step(), "Back on the first step stays");
        assertEquals(EnumSet.noneOf(Changes.Part.class), h.redrawn);

        h.page.storyNext();
        assertEquals(1, story().step());
        assertEquals("step-slider", story().highlighted());
        assertEquals("Step 2 of 3", story().counter());
        assertTrue(story().canBack());
        assertTrue(story().canNext());
        assertTrue(h.redrawn.contains(Changes.Part.STORY));

        h.page.storyNext();
        assertEquals(2, story().step());
        assertEquals("steep-line", story().highlighted());
        assertFalse(story().canNext());
        h.page.storyNext();
        assertEquals(2, story().step(), "Next on the last step stays");

        h.page.storyBack();
        h.page.storyBack();
        assertEquals(0, story().step());
        assertEquals("timeline", story().highlighted());
    }

    @Test
    void theSecondStepShowsStepZeroWhereEachStartDrawsItsOwnCurve() {
        h.loaded();
        h.baselineReady().fresh(PageHarness.weights(9, 0));
        h.page.steepLine();
        h.clock.advance(10_000);
        assertEquals(AdaptPanel.State.DONE, h.page.adaptation().state());
        assertEquals(8, h.page.adaptation().adaptation().shownStep());

        h.page.storyNext();
        Adaptation shown = h.page.adaptation().adaptation();
        assertEquals(0, shown.shownStep());
        assertEquals(AdaptPanel.State.PAUSED, h.page.adaptation().state());
        assertArrayEquals(shown.metaCurve(), shown.shownCurve(Start.META), 1e-12,
                "at step 0 red lies on the grey curve");
        for (Start start : Start.values()) {
            assertEquals(Adaptation.GRID_SIZE, shown.shownCurve(start).length, start + " is drawn at step 0");
        }
        assertFalse(shown.shownCurve(Start.PRETRAINED)[0] == shown.shownCurve(Start.META)[0]);
    }

    @Test
    void theSteepLineIsTenPointsOnTwoXInsideThePlot() {
        h.loaded().page.steepLine();
        PointSet points = h.page.points().points();
        assertEquals(10, points.size());
        assertEquals(-3, points.x(0), 1e-12);
        assertEquals(6, points.y(9), 1e-12);
        for (int i = 0; i < points.size(); i++) {
            assertEquals(2 * points.x(i), points.y(i), 1e-12);
        }
        assertEquals(6, h.page.points().truth()[Adaptation.GRID_SIZE - 1], 1e-12, "the line is clipped to the plot");
    }

    @Test
    void aMetaStartFarOffTheLineFitsItWorseAndTheTextSaysSoWithTheNumbers() {
        useMetaWeights(randomStart().times(30));
        String text = lineVerdict();
        double[] red = h.page.adaptation().adaptation().mseByStep(Start.META);
        double[] blue = h.page.adaptation().adaptation().mseByStep(Start.RANDOM);
        assertTrue(!(red[8] <= blue[8]), red[8] + " vs " + blue[8]);
        assertTrue(text.contains("After step 8"), text);
        assertTrue(text.contains(Numbers.short3(red[8]) + ", from the random start (blue) " + Numbers.short3(blue[8])),
                text);
        assertTrue(text.contains("fits them worse, so here its prior hurts"), text);
    }

    @Test
    void theRandomStartItselfAsMetaWeightsFitsHardlyBetter() {
        useMetaWeights(randomStart());
        String text = lineVerdict();
        assertTrue(text.contains("fits them hardly better, so here its prior does not help"), text);
    }

    @Test
    void aMetaStartAlreadyOnTheLineFitsItBetterAndTheTextDoesNotClaimThePriorHurts() {
        double[] values = new double[PageHarness.SMALL.paramCount()];
        for (int unit = 0; unit < 8; unit++) { // 8 hidden units tanh(0.05 x) ≈ 0.05 x on [-3, 3], summed · 5 = 2x
            values[PageHarness.SMALL.weightOffset(0) + unit] = 0.05;
            values[PageHarness.SMALL.weightOffset(1) + unit] = 5;
        }
        useMetaWeights(Params.of(PageHarness.SMALL, values));
        h.lr = "0.001"; // small steps, so the start on the line stays there
        String text = lineVerdict();
        assertTrue(text.contains("still fits them better; its prior did not hurt"), text);
        assertFalse(text.contains("hurts"), text);
    }

    @Test
    void theVerdictFollowsTheShownStepAndSaysWhenNothingIsAdapted() {
        h.loaded().page.storyNext();
        h.page.storyNext();
        assertTrue(story().text().endsWith("No adaptation on screen yet."), story().text());
        h.page.steepLine();
        assertTrue(story().text().contains("After step 0 "), "the animation starts at step 0: " + story().text());
        h.page.showStep(3);
        double[] red = h.page.adaptation().adaptation().mseByStep(Start.META);
        assertTrue(story().text().contains("After step 3 on these points the MSE from the meta-learned start (red) is "
                + Numbers.short3(red[3])), story().text());
        h.page.clear();
        assertTrue(story().text().endsWith("No adaptation on screen yet."), "no verdict outlives its points");
    }

    private static Params randomStart() {
        return Params.initial(PageHarness.SMALL, new Random(Adaptation.RANDOM_SEED));
    }

    private void useMetaWeights(Params meta) {
        h.server.weights().fresh(WeightsFile.of(meta, 1, 100));
    }

    /** Goes to the story's last step, puts the steep line and lets the 8 steps play out; returns the story's text. */
    private String lineVerdict() {
        h.page.storyNext();
        h.page.storyNext();
        h.page.steepLine();
        h.clock.advance(10_000);
        assertEquals(8, h.page.adaptation().adaptation().shownStep());
        return story().text();
    }
}
