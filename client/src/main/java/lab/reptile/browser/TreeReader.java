package lab.reptile.browser;

/** Typed access to members of a {@link Tree} that fails with a message naming the key and what it found instead. */
final class TreeReader {
    private TreeReader() {
    }

    static Tree member(Tree object, String key, String where) {
        if (!object.isObject()) {
            throw new IllegalArgumentException(where + " must be a JSON object, got " + object.kind());
        }
        Tree value = object.get(key);
        if (value == null) {
            throw new IllegalArgumentException("missing key \"" + key + "\" in " + where);
        }
        return value;
    }

    static String string(Tree value, String name) {
        if (!value.isString()) {
            throw new IllegalArgumentException(name + " must be a string, got " + value.kind());
        }
        return value.string();
    }

    static double number(Tree value, String name) {
        if (!value.isNumber()) {
            throw new IllegalArgumentException(name + " must be a number, got " + value.kind());
        }
        return value.number();
    }

    /** A non-negative whole number below 2^53 (exact in a double). */
    static long count(Tree value, String name) {
        double number = number(value, name);
        if (number < 0 || number != Math.floor(number) || number > 9.007199254740992E15) {
            throw new IllegalArgumentException(name + " must be a whole number >= 0, got " + number);
        }
        return (long) number;
    }

    static Tree array(Tree value, String name) {
        if (!value.isArray()) {
            throw new IllegalArgumentException(name + " must be an array, got " + value.kind());
        }
        return value;
    }

    static double[] numbers(Tree value, String name) {
        array(value, name);
        double[] out = new double[value.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = number(value.at(i), name + "[" + i + "]");
        }
        return out;
    }
}
