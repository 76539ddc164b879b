package lab.reptile.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The plot by keyboard, as key sequences on a page with meta-weights: the cursor, adding, selecting, moving, removing. */
class PlotKeysTest {
    private final PageHarness h = new PageHarness().loaded();

    /** Presses the keys in order, each without Shift; true if the plot took every one. */
    private boolean keys(String... keys) {
        boolean taken = true;
        for (String key : keys) {
            taken &= h.page.keyPlot(key, false, PageHarness.AREA);
        }
        return taken;
    }

    private String said() {
        return h.page.points().announcement();
    }

    @Test
    void arrowsMoveTheCursorWithinThePlotAndEnterAddsAPointThere() {
        assertTrue(keys("ArrowRight", "ArrowRight", "ArrowUp"));
        assertEquals("Cursor at x 0.40, y 0.24; 0 points", said());
        assertTrue(h.page.keyPlot("ArrowDown", true, PageHarness.AREA)); // Shift: 1/10 of the range
        assertEquals("Cursor at x 0.40, y \u22120.96; 0 points", said());
        for (int i = 0; i < 10; i++) {
            h.page.keyPlot("ArrowLeft", true, PageHarness.AREA);
        }
        assertEquals("Cursor at x \u22125.00, y \u22120.96; 0 points", said()); // clamped to the plot's x range

        h.forget();
        assertTrue(keys("Enter"));
        assertEquals(1, h.page.points().points().size());
        assertEquals(-5, h.page.points().points().x(0), 1e-12);
        assertEquals("Point 1 of 1 at x \u22125.00, y \u22120.96", said());
        assertTrue(h.redrawn.contains(Changes.Part.POINTS));
        assertEquals(AdaptPanel.State.ANIMATING, h.page.adaptation().state()); // the fits follow as for a click
        assertEquals("Point added.", h.page.messages().status());
    }

    @Test
    void bracketsSelectByXOrderAndArrowsMoveTheSelectedPointAtOnce() {
        h.click(2, 1);
        h.click(-3, 0.5);
        h.click(0, -2);
        assertTrue(keys("]")); // from the cursor at x 0: the first point at or right of it
        assertEquals("Point 2 of 3 at x 0.00, y \u22122.00", said());
        assertTrue(keys("]"));
        assertEquals("Point 3 of 3 at x 2.00, y 1.00", said());
        assertFalse(keys("]")); // already the last point
        assertTrue(keys("[", "["));
        assertEquals("Point 1 of 3 at x \u22123.00, y 0.50", said());

        assertTrue(keys("ArrowUp"));
        assertEquals(0.74, h.page.points().points().y(1), 1e-12); // the second clicked point, the first by x
        assertEquals("Point 1 of 3 at x \u22123.00, y 0.74", said());
        assertEquals(AdaptPanel.State.DONE, h.page.adaptation().state()); // a move re-runs at once, as a drag does
    }

    @Test
    void deleteRemovesTheSelectedPointAndEscapeGivesTheArrowsBackToTheCursor() {
        h.click(1, 1);
        h.click(3, 3);
        assertFalse(keys("Delete")); // nothing selected: nothing removed
        assertEquals(2, h.page.points().points().size());
        keys("]", "Backspace");
        assertEquals(1, h.page.points().points().size());
        assertEquals(3, h.page.points().points().x(0), 1e-12);
        assertEquals("Point removed.", h.page.messages().status());
        assertEquals("Cursor at x 1.00, y 1.00; 1 point", said());

        keys("]", "Escape", "ArrowRight");
        assertEquals(3, h.page.points().points().x(0), 1e-12); // the point stayed, the cursor moved
        assertEquals("Cursor at x 3.20, y 3.00; 1 point", said());
    }

    @Test
    void tabAndOtherKeysAreLeftToTheBrowser() {
        assertFalse(keys("Tab"));
        assertFalse(keys("a"));
        assertFalse(keys("Escape")); // nothing to deselect
    }

    @Test
    void aClickDropsTheSelectionSoNoKeyActsOnAStalePoint() {
        h.click(1, 1);
        h.click(2, 2);
        keys("]");
        h.click(1, 1); // removes the selected point by mouse
        assertFalse(keys("Delete"));
        assertEquals(1, h.page.points().points().size());
    }

    @Test
    void theTextAlternativesFollowThePointsAndTheShownStep() {
        AdaptPanel adapt = h.page.adaptation();
        assertEquals("Sine plot: 0 points; no fit yet", adapt.plotSummary(h.page.points().countLabel()));
        assertEquals("no adaptation yet", adapt.stepValueText());
        h.click(1, 1);
        h.click(-2, 0);
        h.page.showStep(3);
        double mse = adapt.adaptation().mseByStep(Start.META)[3];
        assertEquals("Sine plot: 2 points; Reptile's fit MSE " + Numbers.short3(mse) + " after 3 steps",
                adapt.plotSummary(h.page.points().countLabel()));
        assertEquals("step 3 of 8", adapt.stepValueText());
        assertTrue(adapt.mseChartSummary().startsWith("Error on your points by step. After step 3: Reptile "),
                adapt.mseChartSummary());
        h.page.clear();
        assertEquals("Sine plot: 0 points; no fit yet", adapt.plotSummary(h.page.points().countLabel()));
        assertEquals("Error on your points by step: no adaptation yet", adapt.mseChartSummary());
    }
}
