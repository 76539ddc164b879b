package lab.reptile.browser;

import lab.reptile.model.PlainNumbers;

/** The visitor's choice of inner-loop steps and learning rate, validated against the page's safe ranges. */
public record AdaptSettings(int steps, double lr) {
    public static final int MIN_STEPS = 1;
    public static final int MAX_STEPS = 32;
    public static final int DEFAULT_STEPS = 8;
    /** Below 0.001 nothing visibly moves in 32 steps; above 0.1 full-batch SGD on this net can diverge. */
    public static final double MIN_LR = 0.001;
    public static final double MAX_LR = 0.1;
    public static final double DEFAULT_LR = 0.02;

    public AdaptSettings {
        if (steps < MIN_STEPS || steps > MAX_STEPS) {
            throw new IllegalArgumentException("steps must be from " + MIN_STEPS + " to " + MAX_STEPS + ", got " + steps);
        }
        if (!(lr >= MIN_LR && lr <= MAX_LR)) {
            throw new IllegalArgumentException("learning rate must be from " + MIN_LR + " to " + MAX_LR + ", got "
                    + PlainNumbers.of(lr));
        }
    }

    /** Parses the two input fields' text; a bad field gets a message that quotes it. */
    public static AdaptSettings parse(String stepsText, String lrText) {
        return new AdaptSettings(parseSteps(stepsText), parseLr(lrText));
    }

    /** The steps field's whole number, not yet checked against the range. */
    static int parseSteps(String text) {
        String trimmed = text == null ? "" : text.trim();
        if (!isDigits(trimmed)) {
            throw new IllegalArgumentException("steps must be a whole number from " + MIN_STEPS + " to " + MAX_STEPS
                    + ", got \"" + text + "\"");
        }
        return Integer.parseInt(trimmed);
    }

    /** One to four ASCII digits; checked by hand because regex would add tens of KB to the JS. */
    private static boolean isDigits(String text) {
        if (text.isEmpty() || text.length() > 4) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static double parseLr(String text) {
        String trimmed = text == null ? "" : text.trim();
        double lr;
        try {
            lr = Double.parseDouble(trimmed);
        } catch (NumberFormatException e) {
            lr = Double.NaN;
        }
        if (trimmed.isEmpty() || Double.isNaN(lr)) {
            throw new IllegalArgumentException("learning rate must be a number from " + MIN_LR + " to " + MAX_LR
                    + ", got \"" + text + "\"");
        }
        return lr;
    }
}
