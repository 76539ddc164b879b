package lab.reptile.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The adaptation's animation on a fake clock: one step per frame, the step slider, the curve toggles. */
class AnimationTest {
    private final PageHarness h = new PageHarness().loaded();
    private final AdaptPanel panel = h.page.adaptation();

    AnimationTest() {
        h.click(-2, 1);
        h.click(2, -1);
    }

    @Test
    void eachFrameOf90msShowsTheNextStepUntilTheLastIsDone() {
        assertEquals(0, panel.adaptation().shownStep());
        assertEquals("0 / 8", panel.stepLabel());
        h.clock.advance(89);
        assertEquals(0, panel.adaptation().shownStep());
        h.clock.advance(1);
        assertEquals(1, panel.adaptation().shownStep());
        assertEquals(AdaptPanel.State.ANIMATING, panel.state());
        h.clock.advance(7 * 90);
        assertEquals(8, panel.adaptation().shownStep());
        assertEquals(AdaptPanel.State.DONE, panel.state());
        assertEquals("done", panel.state().word());
        assertEquals("8 / 8", panel.stepLabel());
        assertEquals(Set.of(), h.clock.pending());
    }

    @Test
    void theReadoutShowsReptilesMseAfterTheShownStepAndAtStepZero() {
        h.clock.advance(8 * 90);
        double[] mse = panel.adaptation().mseByStep(Start.META);
        assertEquals(9, panel.mseValues().split(",").length);
        assertEquals(Double.toString(mse[8]), panel.mseValues().split(",")[8]);
        assertEquals(Numbers.short3(mse[8]) + " (step 0: " + Numbers.short3(mse[0]) + ")", panel.mseLabel());
        assertTrue(mse[8] < mse[0], "8 steps of SGD lower the error on the points");
        double[] random = panel.adaptation().mseByStep(Start.RANDOM);
        assertEquals("After step 8: Reptile " + Numbers.short3(mse[8]) + " · random " + Numbers.short3(random[8]),
                panel.compareLine());
    }

    @Test
    void theStepSliderStopsTheAnimationAtItsStep() {
        h.clock.advance(2 * 90);
        h.page.showStep(5);
        assertEquals(5, panel.adaptation().shownStep());
        assertEquals(AdaptPanel.State.PAUSED, panel.state());
        assertEquals(Set.of(), h.clock.pending());
        h.clock.advance(1000);
        assertEquals(5, panel.adaptation().shownStep());
        h.page.showStep(99);
        assertEquals(8, panel.adaptation().shownStep());
        assertEquals(AdaptPanel.State.DONE, panel.state());
    }

    @Test
    void adaptingAgainRestartsFromStepZero() {
        h.clock.advance(8 * 90);
        h.steps = "4";
        h.page.adapt();
        assertEquals(0, panel.adaptation().shownStep());
        assertEquals(4, panel.adaptation().steps());
        assertEquals(AdaptPanel.State.ANIMATING, panel.state());
        h.clock.advance(4 * 90);
        assertEquals(AdaptPanel.State.DONE, panel.state());
    }

    @Test
    void aToggleRedrawsTheCurvesWithoutRestartingTheAnimation() {
        h.clock.advance(2 * 90);
        h.forget();
        h.page.toggle(Start.RANDOM, false);
        assertFalse(panel.visible(Start.RANDOM));
        assertTrue(panel.visible(Start.META));
        assertEquals(EnumSet.of(Changes.Part.ADAPTATION), h.redrawn);
        assertEquals(2, panel.adaptation().shownStep());
        assertEquals(AdaptPanel.State.ANIMATING, panel.state());
        assertEquals(Set.of(Timer.FRAME), h.clock.pending());
        h.clock.advance(90);
        assertEquals(3, panel.adaptation().shownStep());
    }

    @Test
    void everyFrameRedrawsOnlyTheAdaptation() {
        h.forget();
        h.clock.advance(90);
        assertEquals(EnumSet.of(Changes.Part.ADAPTATION), h.redrawn);
    }
}
