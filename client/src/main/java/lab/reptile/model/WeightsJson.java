package lab.reptile.model;

import java.util.List;
import java.util.Map;

/**
 * Reads and writes {@code reptile-mlp-v1} JSON text. Writing is canonical (compact, keys in the documented order,
 * Java's shortest round-trip decimal for each double), so reading then writing a canonical file gives it back.
 */
public final class WeightsJson {
    private WeightsJson() {
    }

    /** Serialises a weights file; extra keys are not written. */
    public static String write(WeightsFile file) {
        StringBuilder out = new StringBuilder(file.shape().paramCount() * 22 + 200);
        out.append("{\"format\":\"").append(WeightsFile.FORMAT)
                .append("\",\"activation\":\"").append(file.activation())
                .append("\",\"sizes\":[");
        int[] sizes = file.sizes();
        for (int i = 0; i < sizes.length; i++) {
            out.append(i == 0 ? "" : ",").append(sizes[i]);
        }
        out.append("],\"layers\":[");
        for (int l = 0; l < file.weights().length; l++) {
            out.append(l == 0 ? "" : ",").append("{\"weights\":[");
            double[][] rows = file.weights()[l];
            for (int o = 0; o < rows.length; o++) {
                out.append(o == 0 ? "" : ",");
                appendNumbers(out, rows[o]);
            }
            out.append("],\"bias\":");
            appendNumbers(out, file.biases()[l]);
            out.append('}');
        }
        out.append("],\"version\":").append(file.version())
                .append(",\"metaIteration\":").append(file.metaIteration()).append('}');
        return out.toString();
    }

    /** Parses and validates; every problem is an IllegalArgumentException naming the key or layer. */
    public static WeightsFile read(String text) {
        Object root = Json.parse(text);
        Map<?, ?> top = object(root, "the file");
        String format = string(require(top, "format", ""), "format");
        if (!WeightsFile.FORMAT.equals(format)) {
            throw new IllegalArgumentException("format must be \"" + WeightsFile.FORMAT + "\", got \"" + format + "\"");
        }
        String activation = string(require(top, "activation", ""), "activation");
        List<?> sizeList = list(require(top, "sizes", ""), "sizes");
        int[] sizes = new int[sizeList.size()];
        for (int i = 0; i < sizes.length; i++) {
            long size = wholeNumber(sizeList.get(i), "sizes[" + i + "]");
            if (size != (int) size) {
                throw new IllegalArgumentException("sizes[" + i + "] is out of range for a layer width, got " + size);
            }
            sizes[i] = (int) size;
        }
        List<?> layers = list(require(top, "layers", ""), "layers");
        double[][][] weights = new double[layers.size()][][];
        double[][] biases = new double[layers.size()][];
        for (int l = 0; l < layers.size(); l++) {
            String name = "layers[" + l + "]";
            Map<?, ?> layer = object(layers.get(l), name);
            List<?> rows = list(require(layer, "weights", name), name + ".weights");
            weights[l] = new double[rows.size()][];
            for (int o = 0; o < rows.size(); o++) {
                weights[l][o] = numbers(rows.get(o), name + ".weights[" + o + "]");
            }
            biases[l] = numbers(require(layer, "bias", name), name + ".bias");
        }
        long version = wholeNumber(require(top, "version", ""), "version");
        long metaIteration = wholeNumber(require(top, "metaIteration", ""), "metaIteration");
        return new WeightsFile(activation, sizes, weights, biases, version, metaIteration);
    }

    private static void appendNumbers(StringBuilder out, double[] values) {
        out.append('[');
        for (int i = 0; i < values.length; i++) {
            out.append(i == 0 ? "" : ",").append(values[i]);
        }
        out.append(']');
    }

    private static Object require(Map<?, ?> map, String key, String where) {
        if (!map.containsKey(key)) {
            throw new IllegalArgumentException("missing key \"" + key + "\"" + (where.isEmpty() ? "" : " in " + where));
        }
        return map.get(key);
    }

    private static Map<?, ?> object(Object value, String where) {
        if (!(value instanceof Map)) {
            throw new IllegalArgumentException(where + " must be a JSON object, got " + kind(value));
        }
        return (Map<?, ?>) value;
    }

    private static List<?> list(Object value, String where) {
        if (!(value instanceof List)) {
            throw new IllegalArgumentException(where + " must be an array, got " + kind(value));
        }
        return (List<?>) value;
    }

    private static String string(Object value, String where) {
        if (!(value instanceof String)) {
            throw new IllegalArgumentException(where + " must be a string, got " + kind(value));
        }
        return (String) value;
    }

    private static double[] numbers(Object value, String where) {
        List<?> list = list(value, where);
        double[] out = new double[list.size()];
        for (int i = 0; i < out.length; i++) {
            Object item = list.get(i);
            if (!(item instanceof Double)) {
                throw new IllegalArgumentException(where + "[" + i + "] must be a number, got " + kind(item));
            }
            out[i] = (Double) item;
        }
        return out;
    }

    private static long wholeNumber(Object value, String where) {
        if (!(value instanceof Double) || (Double) value != Math.rint((Double) value)
                || Math.abs((Double) value) > 1e15) {
            throw new IllegalArgumentException(where + " must be a whole number, got " + kind(value));
        }
        return (long) (double) (Double) value;
    }

    private static String kind(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Map) {
            return "an object";
        }
        if (value instanceof List) {
            return "an array";
        }
        return value instanceof String ? "a string \"" + value + "\"" : value.toString();
    }
}
