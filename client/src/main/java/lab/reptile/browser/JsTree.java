package lab.reptile.browser;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;

/** A {@link Tree} over a value that the browser's {@code JSON.parse} returned. */
final class JsTree implements Tree {
    private final JSObject value;

    private JsTree(JSObject value) {
        this.value = value;
    }

    /** Parses JSON text with the browser's parser; a syntax error becomes an IllegalArgumentException. */
    static Tree parse(String text) {
        JSObject result = tryParse(text);
        if (hasKey(result, "error")) {
            throw new IllegalArgumentException("invalid JSON: " + stringOf(member(result, "error")));
        }
        return new JsTree(member(result, "value"));
    }

    @Override
    public boolean isObject() {
        return "object".equals(kindOf(value));
    }

    @Override
    public boolean isArray() {
        return "array".equals(kindOf(value));
    }

    @Override
    public boolean isNumber() {
        return "number".equals(kindOf(value));
    }

    @Override
    public boolean isString() {
        return "string".equals(kindOf(value));
    }

    @Override
    public Tree get(String key) {
        return isObject() && hasKey(value, key) ? new JsTree(member(value, key)) : null;
    }

    @Override
    public int length() {
        return lengthOf(value);
    }

    @Override
    public Tree at(int index) {
        return new JsTree(element(value, index));
    }

    @Override
    public double number() {
        return numberOf(value);
    }

    @Override
    public String string() {
        return stringOf(value);
    }

    @Override
    public String kind() {
        String kind = kindOf(value);
        return kind.equals("null") ? kind : (kind.equals("array") || kind.equals("object") ? "an " : "a ") + kind;
    }

    // The result is {value: ...} or {error: "message"}, so a parsed JSON null stays distinguishable from a failure.
    @JSBody(params = "text", script = "try { return {value: JSON.parse(text)}; }"
            + " catch (e) { return {error: String(e && e.message)}; }")
    private static native JSObject tryParse(String text);

    /** "null", "array", "object", "number", "string" or "boolean". */
    @JSBody(params = "v", script = "return v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v;")
    private static native String kindOf(JSObject v);

    @JSBody(params = {"v", "key"}, script = "return Object.prototype.hasOwnProperty.call(v, key);")
    private static native boolean hasKey(JSObject v, String key);

    @JSBody(params = {"v", "key"}, script = "return v[key];")
    private static native JSObject member(JSObject v, String key);

    @JSBody(params = {"v", "index"}, script = "return v[index];")
    private static native JSObject element(JSObject v, int index);

    @JSBody(params = "v", script = "return v.length;")
    private static native int lengthOf(JSObject v);

    @JSBody(params = "v", script = "return v;")
    private static native double numberOf(JSObject v);

    @JSBody(params = "v", script = "return v;")
    private static native String stringOf(JSObject v);
}
