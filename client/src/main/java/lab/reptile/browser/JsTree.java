package lab.reptile.browser;

import lab.reptile.model.JsonTree;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;

/**
 * The page's {@link JsonTree}, over what the browser's {@code JSON.parse} returned. {@code JSON.parse} refuses NaN
 * and Infinity tokens itself; it keeps the last of two equal keys, which is harmless here: the page reads only what
 * the server writes, and the JVM's reader ({@code JacksonTree}), which reads files, refuses repeated keys.
 */
final class JsTree implements JsonTree {
    private final JSObject value;

    private JsTree(JSObject value) {
        this.value = value;
    }

    /** Parses JSON text with the browser's parser; a syntax error is an IllegalArgumentException. */
    static JsonTree parse(String text) {
        JSObject result = tryParse(text);
        if (hasKey(result, "error")) {
            throw new IllegalArgumentException("invalid JSON: " + stringOf(member(result, "error")));
        }
        return new JsTree(member(result, "value"));
    }

    @Override
    public Kind kind() {
        return switch (kindOf(value)) {
            case "object" -> Kind.OBJECT;
            case "array" -> Kind.ARRAY;
            case "string" -> Kind.STRING;
            case "number" -> Kind.NUMBER;
            case "true" -> Kind.TRUE;
            case "false" -> Kind.FALSE;
            default -> Kind.NULL;
        };
    }

    @Override
    public JsonTree get(String key) {
        return kind() == Kind.OBJECT && hasKey(value, key) ? new JsTree(member(value, key)) : null;
    }

    @Override
    public int length() {
        return lengthOf(value);
    }

    @Override
    public JsonTree at(int index) {
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

    // The result is {value: ...} or {error: "message"}, so a parsed JSON null stays distinguishable from a failure.
    @JSBody(params = "text", script = "try { return {value: JSON.parse(text)}; }"
            + " catch (e) { return {error: String(e && e.message)}; }")
    private static native JSObject tryParse(String text);

    /** "null", "array", "object", "number", "string", "true" or "false". */
    @JSBody(params = "v", script = "return v === null ? 'null' : Array.isArray(v) ? 'array'"
            + " : typeof v === 'boolean' ? String(v) : typeof v;")
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
