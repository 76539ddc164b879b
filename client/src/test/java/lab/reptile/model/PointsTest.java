package lab.reptile.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

/** Points cannot change once checked, and compare by value. */
class PointsTest {
    @Test
    void changingTheArraysGivenOrTakenLeavesThePointsAsTheyWere() {
        double[] xs = {1, 2};
        double[] ys = {3, 4};
        Points points = new Points(xs, ys);
        xs[0] = Double.NaN; // would have failed the finiteness check
        ys[1] = 99;
        points.xs()[1] = 99;
        points.ys()[0] = 99;
        assertArrayEquals(new double[] {1, 2}, points.xs());
        assertArrayEquals(new double[] {3, 4}, points.ys());
    }

    @Test
    void equalValuesAreEqualPoints() {
        Points a = new Points(new double[] {1, 2}, new double[] {3, 4});
        Points b = new Points(new double[] {1, 2}, new double[] {3, 4});
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertEquals("Points[xs=[1.0, 2.0], ys=[3.0, 4.0]]", a.toString());
        assertNotEquals(a, new Points(new double[] {1, 2}, new double[] {3, 5}));
        assertNotEquals(new Points(new double[] {0.0}, new double[] {1}), new Points(new double[] {-0.0},
                new double[] {1}));
    }
}
