package lab.reptile.model;

/** Typed access to a {@link JsonTree} that fails with a message naming the key and what it found instead. */
final class JsonFields {
    /** 2^53: whole numbers below it in magnitude are exact in a double, as the browser holds every number. */
    private static final double EXACT_LIMIT = 9007199254740992.0;

    private JsonFields() {
    }

    static JsonTree member(JsonTree object, String key, String where) {
        if (object.kind() != JsonTree.Kind.OBJECT) {
            throw new IllegalArgumentException(where + " must be a JSON object, got " + describe(object));
        }
        JsonTree value = object.get(key);
        if (value == null) {
            throw new IllegalArgumentException("missing key \"" + key + "\" in " + where);
        }
        return value;
    }

    static String string(JsonTree value, String name) {
        if (value.kind() != JsonTree.Kind.STRING) {
            throw new IllegalArgumentException(name + " must be a string, got " + describe(value));
        }
        return value.string();
    }

    static double number(JsonTree value, String name) {
        if (value.kind() != JsonTree.Kind.NUMBER) {
            throw new IllegalArgumentException(name + " must be a number, got " + describe(value));
        }
        return value.number();
    }

    /** A whole number, as a double (which may be beyond any int or long range). */
    static double integral(JsonTree value, String name) {
        if (value.kind() != JsonTree.Kind.NUMBER || value.number() != Math.rint(value.number())) {
            throw new IllegalArgumentException(name + " must be a whole number, got " + describe(value));
        }
        return value.number();
    }

    /** A whole number below 2^53 in magnitude, so that the browser and the JVM read the same value. */
    static long whole(JsonTree value, String name) {
        double number = integral(value, name);
        if (Math.abs(number) >= EXACT_LIMIT) {
            throw new IllegalArgumentException(name + " must be below 2^53 in magnitude (exact in a double), got "
                    + wholeText(number));
        }
        return (long) number;
    }

    static JsonTree array(JsonTree value, String name) {
        if (value.kind() != JsonTree.Kind.ARRAY) {
            throw new IllegalArgumentException(name + " must be an array, got " + describe(value));
        }
        return value;
    }

    /** A whole number's digits (10000000000000000, not 1.0E16), the same on the JVM and in TeaVM's JS. */
    static String wholeText(double number) {
        return Math.abs(number) < 9.2e18 ? Long.toString((long) number) : Double.toString(number);
    }

    /** What a value is, for messages: a number or string is quoted, since the bad value is the useful part. */
    static String describe(JsonTree value) {
        return switch (value.kind()) {
            case OBJECT -> "an object";
            case ARRAY -> "an array";
            case STRING -> "a string \"" + shorten(value.string()) + "\"";
            case NUMBER -> Double.toString(value.number());
            case TRUE -> "true";
            case FALSE -> "false";
            case NULL -> "null";
        };
    }

    private static String shorten(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}
