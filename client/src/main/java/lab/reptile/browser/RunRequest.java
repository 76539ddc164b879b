package lab.reptile.browser;

/**
 * The start-a-run form's fields, as the JSON object {@code POST /api/runs} takes: each field's text must be a number
 * (the server checks the ranges and names a bad field itself); an empty field takes the server's default.
 */
public final class RunRequest {
    /** The form's fields: data-testid suffix after "run-", and the hyperparameter's JSON name, in form order. */
    public static final String[][] FIELDS = {{"seed", "seed"}, {"tasks", "tasks"}, {"outer-step", "outerStepStart"},
        {"inner-lr", "innerLr"}, {"inner-batch", "innerBatchSize"}, {"inner-epochs", "innerEpochs"},
        {"meta-batch", "metaBatchSize"}};

    private RunRequest() {
    }

    /** @param texts each field's text, in {@link #FIELDS} order */
    public static String json(String[] texts) {
        if (texts.length != FIELDS.length) {
            throw new IllegalArgumentException("expected " + FIELDS.length + " fields, got " + texts.length);
        }
        StringBuilder json = new StringBuilder("{");
        for (int i = 0; i < FIELDS.length; i++) {
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
}
