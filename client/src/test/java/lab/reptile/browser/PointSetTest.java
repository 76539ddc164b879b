package lab.reptile.browser;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PointSetTest {
    private final PlotArea area = new PlotArea(40, 20, 540, 620, -5, 5, -6, 6); // 50 px per unit on both axes
    private final PointSet points = new PointSet();

    @Test
    void clickOnEmptySpaceAddsThePointUnderTheCursor() {
        assertEquals(PointSet.Edit.ADDED, points.click(340, 220, area, 9));
        assertEquals(1, points.size());
        assertEquals(1.0, points.x(0), 1e-12);
        assertEquals(2.0, points.y(0), 1e-12);
    }

    @Test
    void clickWithinTheHitRadiusOfAPointRemovesIt() {
        points.click(340, 220, area, 9);
        points.click(100, 500, area, 9);
        assertEquals(PointSet.Edit.REMOVED, points.click(345, 226, area, 9));
        assertEquals(1, points.size());
        assertEquals(-3.8, points.x(0), 1e-12);
    }

    @Test
    void clickJustOutsideTheHitRadiusAddsAnotherPoint() {
        points.click(340, 220, area, 9);
        assertEquals(PointSet.Edit.ADDED, points.click(350, 220, area, 9));
        assertEquals(2, points.size());
    }

    @Test
    void clickBetweenTwoPointsRemovesTheNearer() {
        points.add(0, 0);     // pixel (290, 320)
        points.add(0.2, 0);   // pixel (300, 320)
        assertEquals(PointSet.Edit.REMOVED, points.click(298, 320, area, 9));
        assertEquals(0.0, points.x(0), 1e-12);
    }

    @Test
    void clickOutsideThePlotAreaIsIgnored() {
        assertEquals(PointSet.Edit.IGNORED, points.click(20, 300, area, 9));
        assertEquals(PointSet.Edit.IGNORED, points.click(300, 630, area, 9));
        assertEquals(0, points.size());
    }

    @Test
    void aFullSetRefusesMorePointsButStillRemoves() {
        for (int i = 0; i < PointSet.MAX; i++) {
            points.add(-5 + 0.1 * i, 0);
        }
        assertEquals(PointSet.Edit.FULL, points.click(300, 100, area, 9));
        assertEquals(PointSet.MAX, points.size());
        assertEquals(PointSet.Edit.REMOVED, points.click(area.pixelX(points.x(50)), area.pixelY(0), area, 2));
        assertEquals(PointSet.MAX - 1, points.size());
        assertThrows(IllegalStateException.class, () -> {
            points.add(0, 1);
            points.add(0, 2);
        });
    }

    @Test
    void clearEmptiesTheSet() {
        points.add(1, 1);
        points.clear();
        assertEquals(0, points.size());
    }

    @Test
    void toPointsIsASnapshotInInsertionOrder() {
        points.add(1, 2);
        points.add(3, 4);
        var snapshot = points.toPoints();
        points.remove(0);
        assertArrayEquals(new double[] {1, 3}, snapshot.xs());
        assertArrayEquals(new double[] {2, 4}, snapshot.ys());
        assertEquals(3, points.x(0));
    }
}
