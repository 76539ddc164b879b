package lab.reptile.browser;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.EnumSet;
import java.util.Random;
import java.util.Set;

import lab.reptile.model.SineTask;
import org.junit.jupiter.api.Test;

/** The visitor's actions on a {@link LabPage}: points, clear, random sine, the classic setting, the form. */
class LabPageActionsTest {
    private final PageHarness h = new PageHarness();

    @Test
    void startAsksTheServerForEverythingAndDrawsEveryPart() {
        assertArrayEquals(new int[] {1, 0, 1}, h.server.waiting(), "the baseline waits for a poll to say it is ready");
        assertEquals(EnumSet.allOf(Changes.Part.class), h.redrawn);
        assertEquals(AdaptPanel.State.IDLE, h.page.adaptation().state());
        assertEquals("–", h.page.weights().iterationLabel());
        assertEquals("(loading…)", h.page.weights().pretrained().note());
        assertEquals("waiting for the server…", h.page.training().line());
        assertEquals("0 points", h.page.points().countLabel());
        assertNull(h.page.messages().banner());
        assertEquals("Add points to compare the three starts.", h.page.adaptation().compareLine());
    }

    @Test
    void aClickOnEmptySpaceAddsThePointAndAdaptsToIt() {
        h.loaded().click(1, 2);
        PointSet points = h.page.points().points();
        assertEquals(1, points.size());
        assertEquals(1.0, points.x(0), 1e-12);
        assertEquals(2.0, points.y(0), 1e-12);
        assertEquals("1 point", h.page.points().countLabel());
        assertEquals("Point added.", h.page.messages().status());
        assertEquals(AdaptPanel.State.ANIMATING, h.page.adaptation().state());
        assertEquals(Set.of(Timer.FRAME), h.clock.pending());
        assertEquals(EnumSet.of(Changes.Part.POINTS, Changes.Part.ADAPTATION, Changes.Part.MESSAGES), h.redrawn);
    }

    @Test
    void aClickOnThePointRemovesItAndTheAdaptationGoesIdle() {
        h.loaded().click(1, 2);
        h.click(1.1, 2.1); // 5 px away, within the mouse's 9 px
        assertEquals(0, h.page.points().points().size());
        assertEquals("Point removed.", h.page.messages().status());
        assertEquals(AdaptPanel.State.IDLE, h.page.adaptation().state());
        assertEquals(Set.of(), h.clock.pending());
        assertEquals("–", h.page.adaptation().mseLabel());
        assertEquals("", h.page.adaptation().mseValues());
    }

    @Test
    void pointsBeforeAnyMetaWeightsSayWhatIsMissing() {
        h.click(0, 0);
        assertEquals(1, h.page.points().points().size());
        assertEquals("Point added. The fit appears once the meta-weights arrive.", h.page.messages().status());
        assertEquals(AdaptPanel.State.IDLE, h.page.adaptation().state());
        assertEquals(Set.of(), h.clock.pending());
    }

    @Test
    void theHundredAndFirstPointIsRefusedAndNothingIsRedrawnButTheStatus() {
        h.loaded();
        for (int i = 0; i < PointSet.MAX; i++) {
            h.click(-4.5 + (i % 10) * 0.5, -4.5 + (i / 10) * 0.5); // 25 px apart: every click adds
        }
        assertEquals(100, h.page.points().points().size());
        h.forget();
        h.click(4, 4);
        assertEquals(100, h.page.points().points().size());
        assertEquals("At most 100 points: click a point to remove it.", h.page.messages().status());
        assertEquals(EnumSet.of(Changes.Part.MESSAGES), h.redrawn);
    }

    @Test
    void aClickOutsideThePlotAreaChangesNothing() {
        h.loaded().page.tapPlot(5, 5, PageHarness.AREA, Tap.POINTER_HIT_RADIUS);
        assertEquals(0, h.page.points().points().size());
        assertEquals(Set.of(), h.redrawn);
    }

    @Test
    void randomSinePlacesTenPointsOnItsTrueCurveAndDrawsTheCurve() {
        h.loaded().page.randomSine();
        PointSet expected = new PointSet();
        SineTask task = RandomSine.drawInto(expected, new Random(7)); // the harness's seed
        PointSet points = h.page.points().points();
        assertEquals(10, points.size());
        for (int i = 0; i < 10; i++) {
            assertEquals(expected.x(i), points.x(i));
            assertEquals(task.y(points.x(i)), points.y(i), 1e-12);
        }
        assertArrayEquals(RandomSine.curve(task, h.page.points().grid()), h.page.points().truth());
        assertEquals("Random sine: amplitude " + Numbers.fixed(task.amplitude(), 2) + ", phase "
                + Numbers.fixed(task.phase(), 2) + ".", h.page.messages().status());
        assertEquals(AdaptPanel.State.ANIMATING, h.page.adaptation().state());
    }

    @Test
    void clearRemovesThePointsAndTheTrueCurve() {
        h.loaded().page.randomSine();
        h.page.clear();
        assertEquals(0, h.page.points().points().size());
        assertEquals(0, h.page.points().truth().length);
        assertEquals("Cleared.", h.page.messages().status());
        assertEquals(AdaptPanel.State.IDLE, h.page.adaptation().state());
        assertEquals(Set.of(), h.clock.pending());
    }

    @Test
    void tryClassicFillsTheFormWithEightStepsAtLr002AndAdaptsOnARandomSine() {
        h.steps = "3";
        h.lr = "0.05";
        h.loaded().page.tryClassic();
        assertEquals("8", h.steps);
        assertEquals("0.02", h.lr);
        assertEquals(10, h.page.points().points().size());
        assertEquals(8, h.page.adaptation().adaptation().steps());
    }

    @Test
    void badStepsTextIsQuotedInTheStatusAndStopsTheAnimationWhereItIs() {
        h.loaded().click(1, 2);
        h.clock.advance(180);
        h.steps = "abc";
        h.page.adapt();
        assertEquals("Steps must be a whole number from 1 to 32, got \"abc\"", h.page.messages().status());
        assertEquals(AdaptPanel.State.PAUSED, h.page.adaptation().state());
        assertEquals(2, h.page.adaptation().adaptation().shownStep());
        assertEquals(Set.of(), h.clock.pending());
    }

    @Test
    void theAdaptButtonLabelCountsTheSteps() {
        assertEquals("Adapt 1 step", AdaptForm.buttonLabel(" 1"));
        assertEquals("Adapt 8 steps", AdaptForm.buttonLabel("8"));
        assertEquals("Adapt 32 steps", AdaptForm.buttonLabel("32"));
    }

    @Test
    void theAdaptButtonNeverShowsAnInvalidCount() {
        for (String text : new String[] {"2.5", "0", "33", "", " ", "abc", "-1", "1e3"}) {
            assertEquals("Adapt", AdaptForm.buttonLabel(text), text);
        }
    }
}
