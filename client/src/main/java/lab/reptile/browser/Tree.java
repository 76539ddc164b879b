package lab.reptile.browser;

/**
 * A read-only view of a parsed JSON value, so the code that checks and converts the server's JSON runs both on a
 * browser's {@code JSON.parse} result and, in JVM tests, on the model's own parser.
 */
public interface Tree {
    boolean isObject();

    boolean isArray();

    boolean isNumber();

    boolean isString();

    /** The member {@code key} of an object, or null if it has none. */
    Tree get(String key);

    /** Length of an array. */
    int length();

    /** Element {@code index} of an array. */
    Tree at(int index);

    double number();

    String string();

    /** What the value is, for error messages: "an object", "an array", "a string", "a number", "null", ... */
    String kind();
}
