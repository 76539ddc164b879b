package lab.reptile.model;

/**
 * The one range check of every hyperparameter and option: {@code name must be from min to max, got value}, with whole
 * numbers printed as whole numbers ("tasks must be from 1 to 100,000,000, got 0"), never as 1.0E8; see {@link PlainNumbers}.
 */
public final class RangeCheck {
    private RangeCheck() {
    }

    /** Returns {@code value} if it lies in [min, max]; otherwise an IllegalArgumentException naming {@code name}. */
    public static long require(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be from " + PlainNumbers.of(min) + " to "
                    + PlainNumbers.of(max) + ", got " + PlainNumbers.of(value));
        }
        return value;
    }

    /** As {@link #require(String, long, long, long)} for an int, which it returns as an int. */
    public static int require(String name, int value, int min, int max) {
        return (int) require(name, (long) value, min, max);
    }

    /** As {@link #require(String, long, long, long)} for a real number; NaN is never in range. */
    public static double require(String name, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException(name + " must be from " + PlainNumbers.of(min) + " to "
                    + PlainNumbers.of(max) + ", got " + PlainNumbers.of(value));
        }
        return value;
    }
}
