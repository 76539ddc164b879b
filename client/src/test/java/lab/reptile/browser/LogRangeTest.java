package lab.reptile.browser;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class LogRangeTest {
    @Test
    void spansTheDecadesAroundEverySeries() {
        assertArrayEquals(new double[] {0.01, 10}, LogRange.decades(new double[] {3.2, 0.05}, new double[] {0.9}),
                1e-12);
    }

    @Test
    void keepsAtLeastOneDecadeAndExactPowersOfTenAsEnds() {
        assertArrayEquals(new double[] {0.1, 1}, LogRange.decades(new double[] {0.2, 0.3}), 1e-12);
        assertArrayEquals(new double[] {1, 10}, LogRange.decades(new double[] {1}), 1e-12);
        assertArrayEquals(new double[] {0.01, 0.1}, LogRange.decades(new double[] {0.01, 0.1}), 1e-12);
    }

    @Test
    void ignoresNonFiniteAndFloorsZero() {
        assertArrayEquals(new double[] {LogRange.FLOOR, 10}, LogRange.decades(new double[] {0, Double.NaN,
            Double.POSITIVE_INFINITY, 4}), 1e-15);
    }

    @Test
    void withoutValuesGivesADefaultRange() {
        assertArrayEquals(new double[] {0.01, 10}, LogRange.decades(new double[0], new double[] {Double.NaN}));
    }
}
