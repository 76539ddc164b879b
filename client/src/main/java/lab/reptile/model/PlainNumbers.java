package lab.reptile.model;

/**
 * Numbers in messages a visitor reads: thousands separators, never E notation ("got 0.0001", not "got 1.0E-4";
 * "5,000,000", not "5000000"). Plain Java string work, as String.format would weigh ~150 KB in the page's JS.
 */
public final class PlainNumbers {
    private PlainNumbers() {
    }

    /** A whole number with thousands separators, e.g. 5000000 gives "5,000,000". */
    public static String of(long value) {
        String digits = Long.toString(value);
        boolean negative = value < 0;
        StringBuilder out = new StringBuilder(negative ? "-" : "");
        int start = negative ? 1 : 0;
        for (int i = start; i < digits.length(); i++) {
            if (i > start && (digits.length() - i) % 3 == 0) {
                out.append(',');
            }
            out.append(digits.charAt(i));
        }
        return out.toString();
    }

    /**
     * A real number as Java's shortest round-trip digits written out without E: whole values grouped ("100,000"),
     * others plain ("0.0001", "0.017"); NaN and infinities as "NaN", "Infinity", "-Infinity".
     */
    public static String of(double value) {
        if (!Double.isFinite(value)) {
            return Double.toString(value);
        }
        if (value == Math.rint(value) && Math.abs(value) < 9e18) {
            return of((long) value);
        }
        String text = Double.toString(value);
        int e = text.indexOf('E');
        if (e < 0) {
            return text;
        }
        boolean negative = text.startsWith("-");
        String mantissa = text.substring(negative ? 1 : 0, e);
        int exponent = Integer.parseInt(text.substring(e + 1));
        int point = mantissa.indexOf('.');
        String digits = mantissa.substring(0, point) + mantissa.substring(point + 1);
        int pointAt = point + exponent; // digits before the decimal point
        while (digits.length() > 1 && digits.endsWith("0") && digits.length() > pointAt) {
            digits = digits.substring(0, digits.length() - 1);
        }
        String plain;
        if (pointAt <= 0) {
            plain = "0." + "0".repeat(-pointAt) + digits;
        } else if (pointAt >= digits.length()) {
            plain = digits + "0".repeat(pointAt - digits.length());
        } else {
            plain = digits.substring(0, pointAt) + "." + digits.substring(pointAt);
        }
        return (negative ? "-" : "") + plain;
    }
}
