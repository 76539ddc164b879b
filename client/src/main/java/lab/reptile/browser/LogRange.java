package lab.reptile.browser;

/** A fixed range for a logarithmic axis: whole decades around some values, so the axis does not move as they do. */
public final class LogRange {
    /** Values at or below this are treated as this (a log axis cannot show 0). */
    public static final double FLOOR = 1e-5;

    private LogRange() {
    }

    /**
     * {lower, upper}: the powers of ten just below the smallest and just above the largest finite positive value of
     * every series, at least one decade apart; {0.01, 10} when there is none.
     */
    public static double[] decades(double[]... series) {
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (double[] values : series) {
            for (double v : values) {
                if (v >= 0 && v < Double.POSITIVE_INFINITY) {
                    min = Math.min(min, Math.max(v, FLOOR));
                    max = Math.max(max, Math.max(v, FLOOR));
                }
            }
        }
        if (max == 0) {
            return new double[] {0.01, 10};
        }
        double lower = Math.pow(10, Math.floor(Math.log10(min) + 1e-9));
        double upper = Math.pow(10, Math.ceil(Math.log10(max) - 1e-9));
        return new double[] {lower, Math.max(upper, lower * 10)};
    }
}
