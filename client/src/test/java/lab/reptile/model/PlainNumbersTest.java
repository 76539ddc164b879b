package lab.reptile.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PlainNumbersTest {
    @Test
    void wholeNumbersGetThousandsSeparators() {
        assertEquals("0", PlainNumbers.of(0L));
        assertEquals("999", PlainNumbers.of(999L));
        assertEquals("5,000,000", PlainNumbers.of(5_000_000L));
        assertEquals("-1,234", PlainNumbers.of(-1234L));
        assertEquals("-9,223,372,036,854,775,808", PlainNumbers.of(Long.MIN_VALUE));
        assertEquals("100,000", PlainNumbers.of(100_000.0));
    }

    @Test
    void realNumbersNeverShowENotation() {
        assertEquals("0.0001", PlainNumbers.of(1e-4));
        assertEquals("0.000001", PlainNumbers.of(1e-6));
        assertEquals("0.00000125", PlainNumbers.of(1.25e-6));
        assertEquals("-0.0075", PlainNumbers.of(-7.5e-3));
        assertEquals("0.017", PlainNumbers.of(0.017));
        assertEquals("6.283185307179586", PlainNumbers.of(2 * Math.PI));
        assertEquals("10,000,000,000,000,000", PlainNumbers.of(1e16));
        assertEquals("NaN", PlainNumbers.of(Double.NaN));
        assertEquals("-Infinity", PlainNumbers.of(Double.NEGATIVE_INFINITY));
    }
}
