package lab.reptile.browser;

import java.util.List;
import java.util.Map;

import lab.reptile.model.Json;

/** A {@link Tree} over the model's JSON parser output (Map, List, Double, String, Boolean, null), for JVM tests. */
final class MapTree implements Tree {
    private final Object value;

    private MapTree(Object value) {
        this.value = value;
    }

    static Tree parse(String json) {
        return new MapTree(Json.parse(json));
    }

    @Override
    public boolean isObject() {
        return value instanceof Map;
    }

    @Override
    public boolean isArray() {
        return value instanceof List;
    }

    @Override
    public boolean isNumber() {
        return value instanceof Double;
    }

    @Override
    public boolean isString() {
        return value instanceof String;
    }

    @Override
    public Tree get(String key) {
        return isObject() && ((Map<?, ?>) value).containsKey(key) ? new MapTree(((Map<?, ?>) value).get(key)) : null;
    }

    @Override
    public int length() {
        return ((List<?>) value).size();
    }

    @Override
    public Tree at(int index) {
        return new MapTree(((List<?>) value).get(index));
    }

    @Override
    public double number() {
        return (Double) value;
    }

    @Override
    public String string() {
        return (String) value;
    }

    @Override
    public String kind() {
        if (value == null) {
            return "null";
        }
        return isObject() ? "an object" : isArray() ? "an array" : isString() ? "a string"
                : isNumber() ? "a number" : "a boolean";
    }
}
