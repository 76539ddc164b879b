package lab.reptile.browser;

import lab.reptile.model.WeightsFile;

import static lab.reptile.browser.TreeReader.array;
import static lab.reptile.browser.TreeReader.count;
import static lab.reptile.browser.TreeReader.member;
import static lab.reptile.browser.TreeReader.numbers;
import static lab.reptile.browser.TreeReader.string;

/**
 * Converts parsed {@code reptile-mlp-v1} JSON into a {@link WeightsFile}; the JSON's structure is checked here and
 * its shapes and finiteness by WeightsFile's constructor, so every problem is an IllegalArgumentException.
 */
public final class WeightsReader {
    private WeightsReader() {
    }

    public static WeightsFile read(Tree root) {
        String format = string(member(root, "format", "the weights"), "format");
        if (!WeightsFile.FORMAT.equals(format)) {
            throw new IllegalArgumentException("format must be \"" + WeightsFile.FORMAT + "\", got \"" + format + "\"");
        }
        String activation = string(member(root, "activation", "the weights"), "activation");
        Tree sizeList = array(member(root, "sizes", "the weights"), "sizes");
        int[] sizes = new int[sizeList.length()];
        for (int i = 0; i < sizes.length; i++) {
            // clamped so a huge size reaches NetShape's range check instead of overflowing the int
            sizes[i] = (int) Math.min(count(sizeList.at(i), "sizes[" + i + "]"), Integer.MAX_VALUE);
        }
        Tree layers = array(member(root, "layers", "the weights"), "layers");
        double[][][] weights = new double[layers.length()][][];
        double[][] biases = new double[layers.length()][];
        for (int l = 0; l < layers.length(); l++) {
            String name = "layers[" + l + "]";
            Tree rows = array(member(layers.at(l), "weights", name), name + ".weights");
            weights[l] = new double[rows.length()][];
            for (int o = 0; o < rows.length(); o++) {
                weights[l][o] = numbers(rows.at(o), name + ".weights[" + o + "]");
            }
            biases[l] = numbers(member(layers.at(l), "bias", name), name + ".bias");
        }
        long version = count(member(root, "version", "the weights"), "version");
        long metaIteration = count(member(root, "metaIteration", "the weights"), "metaIteration");
        return new WeightsFile(activation, sizes, weights, biases, version, metaIteration);
    }
}
