package lab.reptile.model;

/**
 * A read-only view of one parsed JSON value, so the model's readers run on whatever parsed the text: the browser's
 * {@code JSON.parse} on the page, Jackson on the JVM. A view's parser refuses duplicate keys and NaN or Infinity
 * tokens, so every view of the same text holds the same values.
 */
public interface JsonTree {
    /** What a value is; booleans carry their value so that a message can quote it. */
    enum Kind { OBJECT, ARRAY, STRING, NUMBER, TRUE, FALSE, NULL }

    Kind kind();

    /** The member {@code key} of an object, or null if it has none or this is not an object. */
    JsonTree get(String key);

    /** Length of an array. */
    int length();

    /** Element {@code index} of an array. */
    JsonTree at(int index);

    /** The value of a number (a JSON number too large for a double is an infinity). */
    double number();

    String string();

    /** The one wording both views use for a key that an object repeats. */
    static IllegalArgumentException duplicateKey(String key) {
        return new IllegalArgumentException("invalid JSON: duplicate key \"" + key + "\"");
    }
}
