package lab.reptile.browser;

/**
 * The start-a-run form's fields, as the JSON object {@code POST /api/runs} takes: each field's text must be a number
 * (the server checks the ranges and names a bad field itself); an empty field takes the server's default. With a
 * preset chosen, the run is that preset with the form's seed: the other fields do not apply (the page disables them).
 */
public final class RunRequest {
    /** The form's fields: data-testid suffix after "run-", and the hyperparameter's JSON name, in form order. */
    public static final String[][] FIELDS = {{"seed", "seed"}, {"tasks", "tasks"}, {"outer-step", "outerStepStart"},
        {"inner-lr", "innerLr"}, {"inner-batch", "innerBatchSize"}, {"inner-epochs", "innerEpochs"},
        {"meta-batch", "metaBatchSize"}};

    private RunRequest() {
    }

    /** The form field a preset's run still takes: its seed. */
    static final int PRESET_FIELDS = 1;

    /**
     * @param preset the chosen preset's name, or empty for the form's own settings
     * @param texts  each field's text, in {@link #FIELDS} order
     */
    public static String json(String preset, String[] texts) {
        if (texts.length != FIELDS.length) {
            throw new IllegalArgumentException("expected " + FIELDS.length + " fields, got " + texts.length);
        }
        String name = preset == null ? "" : preset.trim();
        if (!isPresetName(name)) {
            throw new IllegalArgumentException("no preset is called \"" + preset + "\"");
        }
        StringBuilder json = new StringBuilder("{");
        if (!name.isEmpty()) {
            json.append("\"preset\":\"").append(name).append('"');
        }
        int fields = name.isEmpty() ? FIELDS.length : PRESET_FIELDS;
        for (int i = 0; i < fields; i++) {
            String text = texts[i] == null ? "" : texts[i].trim();
            if (text.isEmpty()) {
                continue;
            }
            double value;
            try {
                value = Double.parseDouble(text);
            } catch (NumberFormatException e) {
                value = Double.NaN;
            }
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException(FIELDS[i][1] + " must be a number, got \"" + texts[i] + "\"");
            }
            json.append(json.length() == 1 ? "" : ",").append('"').append(FIELDS[i][1]).append("\":")
                    .append(value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                            : Double.toString(value));
        }
        return json.append('}').toString();
    }

    /** Lower-case letters, digits and -, at most 40, or empty; a char loop, as a regex would bring one into the JS. */
    private static boolean isPresetName(String name) {
        if (name.length() > 40) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    /** A Retry-After header's delay in seconds (the HTTP-date form is not sent by this server), or -1 without one. */
    static long retryAfterSeconds(String header) {
        String text = header == null ? "" : header.trim();
        if (text.isEmpty() || text.length() > 9) {
            return -1;
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return -1;
            }
        }
        return Long.parseLong(text);
    }
}
