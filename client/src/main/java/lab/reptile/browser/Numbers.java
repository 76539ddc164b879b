package lab.reptile.browser;

/** Small number formatting for labels, written out by hand because String.format would add ~150 KB to the JS. */
public final class Numbers {
    private static final long[] POWERS = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000};

    private Numbers() {
    }

    /** {@code value} rounded half-up to {@code digits} (0..6) decimals, e.g. fixed(0.0456, 3) = "0.046". */
    public static String fixed(double value, int digits) {
        if (digits < 0 || digits >= POWERS.length) {
            throw new IllegalArgumentException("digits must be in 0.." + (POWERS.length - 1) + ", got " + digits);
        }
        if (!Double.isFinite(value) || Math.abs(value) >= 1e12) {
            return scientific(value);
        }
        long scaled = Math.round(Math.abs(value) * POWERS[digits]);
        String sign = value < 0 && scaled != 0 ? "-" : "";
        String whole = Long.toString(scaled / POWERS[digits]);
        if (digits == 0) {
            return sign + whole;
        }
        String fraction = Long.toString(scaled % POWERS[digits] + POWERS[digits]).substring(1);
        return sign + whole + "." + fraction;
    }

    /**
     * Three significant digits as a power of ten for people, e.g. "1.49 × 10⁴¹"; "not a number" for NaN, "∞" or
     * "−∞" for infinities.
     */
    public static String scientific(double value) {
        if (Double.isNaN(value)) {
            return "not a number";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "∞" : "−∞";
        }
        if (value == 0) {
            return "0";
        }
        int exponent = (int) Math.floor(Math.log10(Math.abs(value)));
        double mantissa = value / Math.pow(10, exponent);
        if (Math.abs(Math.round(mantissa * 100) / 100.0) >= 10) { // 9.996 rounds up to the next power
            exponent++;
            mantissa /= 10;
        }
        return fixed(mantissa, 2) + " × 10" + superscript(exponent);
    }

    private static String superscript(int exponent) {
        String digits = Integer.toString(Math.abs(exponent));
        StringBuilder out = new StringBuilder(exponent < 0 ? "⁻" : "");
        for (int i = 0; i < digits.length(); i++) {
            out.append("⁰¹²³⁴⁵⁶⁷⁸⁹".charAt(digits.charAt(i) - '0'));
        }
        return out.toString();
    }

    /** About three significant digits for values like an MSE, e.g. 2.31, 0.0457, 0.000123, 1.49 × 10⁴¹. */
    public static String short3(double value) {
        double magnitude = Math.abs(value);
        if (!Double.isFinite(value) || magnitude >= 1e5 || magnitude != 0 && magnitude < 1e-5) {
            return scientific(value);
        }
        if (magnitude >= 100 || magnitude == 0) {
            return fixed(value, 0);
        }
        if (magnitude >= 10) {
            return fixed(value, 1);
        }
        int digits = 2;
        while (magnitude < 1 && digits < POWERS.length - 1) {
            magnitude *= 10;
            digits++;
        }
        return fixed(value, digits);
    }

    /** A whole number with thousands separators, e.g. 30000 gives "30,000". */
    public static String grouped(long value) {
        String digits = Long.toString(Math.abs(value));
        StringBuilder out = new StringBuilder(value < 0 ? "-" : "");
        for (int i = 0; i < digits.length(); i++) {
            if (i > 0 && (digits.length() - i) % 3 == 0) {
                out.append(',');
            }
            out.append(digits.charAt(i));
        }
        return out.toString();
    }

    /**
     * When something {@code seconds} from now happens, in plain words: "in 45 seconds", "in 58 minutes", "in 2 hours"
     * (rounded up, so it is never sooner than said); "now" for 0 or less.
     */
    public static String inTime(long seconds) {
        if (seconds <= 0) {
            return "now";
        }
        if (seconds < 60) {
            return "in " + seconds + (seconds == 1 ? " second" : " seconds");
        }
        long minutes = (seconds + 59) / 60;
        if (minutes < 60) {
            return "in " + minutes + (minutes == 1 ? " minute" : " minutes");
        }
        long hours = (minutes + 59) / 60;
        return "in " + grouped(hours) + (hours == 1 ? " hour" : " hours");
    }
}
