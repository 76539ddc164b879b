package lab.reptile.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PlotAreaTest {
    // 500 px wide for x in [-5, 5] (50 px per unit), 600 px high for y in [-6, 6] (50 px per unit)
    private final PlotArea area = new PlotArea(40, 20, 540, 620, -5, 5, -6, 6);

    @Test
    void mapsCornersAndCentreToTheDataRange() {
        assertEquals(-5, area.dataX(40), 1e-12);
        assertEquals(5, area.dataX(540), 1e-12);
        assertEquals(6, area.dataY(20), 1e-12);
        assertEquals(-6, area.dataY(620), 1e-12);
        assertEquals(0, area.dataX(290), 1e-12);
        assertEquals(0, area.dataY(320), 1e-12);
    }

    @Test
    void pixelAndDataMappingsAreInverse() {
        assertEquals(123.4, area.pixelX(area.dataX(123.4)), 1e-9);
        assertEquals(77.7, area.pixelY(area.dataY(77.7)), 1e-9);
        assertEquals(1.5, area.dataY(area.pixelY(1.5)), 1e-12);
    }

    @Test
    void containsItsEdgesButNotTheMarginsAround() {
        assertTrue(area.contains(40, 20));
        assertTrue(area.contains(540, 620));
        assertFalse(area.contains(39.9, 300));
        assertFalse(area.contains(300, 620.1));
    }

    @Test
    void rejectsAnEmptyRectangle() {
        assertThrows(IllegalArgumentException.class, () -> new PlotArea(10, 10, 10, 50, -5, 5, -6, 6));
    }
}
