package lab.reptile.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class NumbersTest {
    @Test
    void fixedRoundsToTheGivenDecimals() {
        assertEquals("0.046", Numbers.fixed(0.0456, 3));
        assertEquals("2.00", Numbers.fixed(1.999, 2));
        assertEquals("-1.3", Numbers.fixed(-1.25, 1));
        assertEquals("3", Numbers.fixed(2.5, 0));
        assertEquals("0.05", Numbers.fixed(0.05, 2));
    }

    @Test
    void fixedNeverPrintsMinusZero() {
        assertEquals("0.00", Numbers.fixed(-0.001, 2));
    }

    @Test
    void nonFiniteValuesAreWordsForPeople() {
        assertEquals("not a number", Numbers.fixed(Double.NaN, 2));
        assertEquals("∞", Numbers.fixed(Double.POSITIVE_INFINITY, 2));
        assertEquals("−∞", Numbers.short3(Double.NEGATIVE_INFINITY));
    }

    @Test
    void hugeAndTinyValuesArePowersOfTenNeverJavaNotation() {
        assertEquals("1.49 × 10⁴¹", Numbers.short3(1.488734884502687E41));
        assertEquals("-2.50 × 10¹²", Numbers.fixed(-2.5e12, 2));
        assertEquals("1.00 × 10⁶", Numbers.short3(999_999.9));
        assertEquals("3.00 × 10⁻⁷", Numbers.short3(3e-7));
        assertEquals("1.23 × 10⁵", Numbers.short3(123_456));
    }

    @Test
    void short3KeepsAboutThreeSignificantDigits() {
        assertEquals("2.31", Numbers.short3(2.3079));
        assertEquals("0.0457", Numbers.short3(0.04567));
        assertEquals("0.000123", Numbers.short3(0.0001234));
        assertEquals("12.3", Numbers.short3(12.34));
        assertEquals("457", Numbers.short3(456.7));
        assertEquals("0", Numbers.short3(0));
    }

    @Test
    void groupedInsertsThousandsSeparators() {
        assertEquals("0", Numbers.grouped(0));
        assertEquals("999", Numbers.grouped(999));
        assertEquals("30,000", Numbers.grouped(30000));
        assertEquals("1,234,567", Numbers.grouped(1234567));
        assertEquals("-1,000", Numbers.grouped(-1000));
    }

    @Test
    void inTimeSaysWhenInPlainWordsNeverSoonerThanItIs() {
        assertEquals("now", Numbers.inTime(0));
        assertEquals("in 1 second", Numbers.inTime(1));
        assertEquals("in 59 seconds", Numbers.inTime(59));
        assertEquals("in 1 minute", Numbers.inTime(60));
        assertEquals("in 2 minutes", Numbers.inTime(61));
        assertEquals("in 58 minutes", Numbers.inTime(58 * 60));
        assertEquals("in 59 minutes", Numbers.inTime(3505));
        assertEquals("in 1 hour", Numbers.inTime(3600));
        assertEquals("in 2 hours", Numbers.inTime(3601));
    }
}
