package lab.reptile.model;

import static lab.reptile.model.JsonFields.array;
import static lab.reptile.model.JsonFields.integral;
import static lab.reptile.model.JsonFields.member;
import static lab.reptile.model.JsonFields.number;
import static lab.reptile.model.JsonFields.string;
import static lab.reptile.model.JsonFields.whole;
import static lab.reptile.model.JsonFields.wholeText;

/**
 * Reads and writes {@code reptile-mlp-v1}: the one reader of the format, over any parser's {@link JsonTree}, and the
 * one writer. Writing is canonical (compact, keys in the documented order, Java's shortest round-trip decimal for
 * each double), so reading then writing a canonical file gives it back.
 */
public final class WeightsJson {
    private static final String TOP = "the file";

    private WeightsJson() {
    }

    /** Serialises a weights file; extra keys are not written. */
    public static String write(WeightsFile file) {
        Params weights = file.weights();
        NetShape shape = weights.shape();
        StringBuilder out = new StringBuilder(shape.paramCount() * 22 + 200);
        out.append("{\"format\":\"").append(WeightsFile.FORMAT)
                .append("\",\"activation\":\"").append(file.activation())
                .append("\",\"sizes\":[");
        int[] sizes = shape.sizes();
        for (int i = 0; i < sizes.length; i++) {
            out.append(i == 0 ? "" : ",").append(sizes[i]);
        }
        out.append("],\"layers\":[");
        for (int l = 0; l < shape.layerCount(); l++) {
            out.append(l == 0 ? "" : ",").append("{\"weights\":[");
            for (int o = 0; o < shape.outputs(l); o++) {
                out.append(o == 0 ? "[" : ",[");
                for (int i = 0; i < shape.inputs(l); i++) {
                    out.append(i == 0 ? "" : ",").append(weights.weight(l, o, i));
                }
                out.append(']');
            }
            out.append("],\"bias\":[");
            for (int o = 0; o < shape.outputs(l); o++) {
                out.append(o == 0 ? "" : ",").append(weights.bias(l, o));
            }
            out.append("]}");
        }
        out.append("],\"version\":").append(file.version())
                .append(",\"metaIteration\":").append(file.metaIteration()).append('}');
        return out.toString();
    }

    /** Checks and converts a parsed file; every problem is an IllegalArgumentException naming the key or layer. */
    public static WeightsFile read(JsonTree root) {
        String format = string(member(root, "format", TOP), "format");
        if (!WeightsFile.FORMAT.equals(format)) {
            throw new IllegalArgumentException("format must be \"" + WeightsFile.FORMAT + "\", got \"" + format + "\"");
        }
        String activation = string(member(root, "activation", TOP), "activation");
        NetShape shape = shape(array(member(root, "sizes", TOP), "sizes"));
        JsonTree layers = array(member(root, "layers", TOP), "layers");
        if (layers.length() != shape.layerCount()) {
            throw new IllegalArgumentException("layers has " + layers.length() + " entries but sizes "
                    + shape + " needs " + shape.layerCount());
        }
        double[] flat = new double[shape.paramCount()];
        for (int l = 0; l < shape.layerCount(); l++) {
            readLayer(layers.at(l), l, shape, flat);
        }
        long version = whole(member(root, "version", TOP), "version");
        long metaIteration = whole(member(root, "metaIteration", TOP), "metaIteration");
        return new WeightsFile(activation, Params.of(shape, flat), version, metaIteration);
    }

    private static NetShape shape(JsonTree list) {
        int[] sizes = new int[list.length()];
        for (int i = 0; i < sizes.length; i++) {
            String name = "sizes[" + i + "]";
            double size = integral(list.at(i), name);
            if (size != (int) size) { // 2^32 + 3 would wrap to 3 in a plain cast
                throw new IllegalArgumentException(name + " is out of range for a layer width, got " + wholeText(size));
            }
            sizes[i] = (int) size;
        }
        try {
            return new NetShape(sizes);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad sizes: " + e.getMessage(), e);
        }
    }

    /** Copies layer l's rows (out × in) and bias into {@code flat}, whose layout is the same (see NetShape). */
    private static void readLayer(JsonTree layer, int l, NetShape shape, double[] flat) {
        String name = "layers[" + l + "]";
        int in = shape.inputs(l);
        int out = shape.outputs(l);
        JsonTree rows = array(member(layer, "weights", name), name + ".weights");
        if (rows.length() != out) {
            throw new IllegalArgumentException(name + ".weights has " + rows.length() + " rows but sizes needs "
                    + out + " (one per output unit)");
        }
        for (int o = 0; o < out; o++) {
            String row = name + ".weights[" + o + "]";
            JsonTree values = array(rows.at(o), row);
            if (values.length() != in) {
                throw new IllegalArgumentException(row + " has " + values.length() + " values but sizes needs "
                        + in + " (one per input)");
            }
            for (int i = 0; i < in; i++) {
                flat[shape.weightOffset(l) + o * in + i] = number(values.at(i), row + "[" + i + "]");
            }
        }
        JsonTree bias = array(member(layer, "bias", name), name + ".bias");
        if (bias.length() != out) {
            throw new IllegalArgumentException(name + ".bias has " + bias.length() + " values but " + name
                    + ".weights has " + out + " rows");
        }
        for (int o = 0; o < out; o++) {
            flat[shape.biasOffset(l) + o] = number(bias.at(o), name + ".bias[" + o + "]");
        }
    }
}
