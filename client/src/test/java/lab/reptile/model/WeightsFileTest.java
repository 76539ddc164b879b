package lab.reptile.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Conversion between the flat parameter vector and the file's per-layer rows (out x in). */
class WeightsFileTest {
    @Test
    void paramsRoundTripThroughTheFileBitForBit() {
        Params params = Params.initial(NetShape.STANDARD, new Random(21));
        WeightsFile file = WeightsFile.of(params, 3, 4000);
        assertEquals(params, file.toParams());
        assertEquals(NetShape.STANDARD, file.shape());
        assertEquals(3, file.version());
        assertEquals(4000, file.metaIteration());
    }

    @Test
    void fileRowsHoldOneOutputUnitEachAndReadTheFlatLayout() {
        NetShape shape = new NetShape(1, 3, 2, 1);
        double[] values = new double[shape.paramCount()];
        for (int p = 0; p < values.length; p++) {
            values[p] = 100 + p;
        }
        WeightsFile file = WeightsFile.of(Params.of(shape, values), 0, 0);
        for (int l = 0; l < shape.layerCount(); l++) {
            assertEquals(shape.outputs(l), file.weights()[l].length, "rows of layer " + l);
            for (int o = 0; o < shape.outputs(l); o++) {
                for (int i = 0; i < shape.inputs(l); i++) {
                    assertEquals(values[shape.weightOffset(l) + o * shape.inputs(l) + i], file.weights()[l][o][i], 0.0);
                }
                assertEquals(values[shape.biasOffset(l) + o], file.biases()[l][o], 0.0);
            }
        }
        // Layer 1 is W 2x3 at flat 6..11: row 1 is flat 9, 10, 11.
        assertArrayEquals(new double[] {109, 110, 111}, file.weights()[1][1], 0.0);
    }

    @Test
    void goldenFileGivesFlatParamsInTheDocumentedLayout() {
        Params params = WeightsJson.read(GoldenWeights.text()).toParams();
        NetShape shape = params.shape();
        assertEquals(6.02E23, params.get(shape.weightOffset(1) + 1 * 3 + 1), 0.0);
        assertEquals(-3.0E-7, params.get(shape.weightOffset(1) + 0 * 3 + 1), 0.0);
        assertEquals(-1.0E10, params.get(shape.biasOffset(1) + 1), 0.0);
        assertEquals(-2.0, params.weight(2, 0, 1), 0.0);
        assertEquals(-7.5E-4, params.bias(2, 0), 0.0);
    }

    @Test
    void constructorRejectsWhatTheReaderWouldReject() {
        double[][][] weights = {{{0.5}}, {{1.0}}};
        double[][] biases = {{0.0}, {0.0}};
        assertRejected("activation must be \"tanh\", got \"relu\"",
                () -> new WeightsFile("relu", new int[] {1, 1, 1}, weights, biases, 0, 0));
        assertRejected("version and metaIteration must be non-negative, got -1 and 0",
                () -> new WeightsFile("tanh", new int[] {1, 1, 1}, weights, biases, -1, 0));
        assertRejected("layers[1].weights[0][0] is NaN",
                () -> new WeightsFile("tanh", new int[] {1, 1, 1}, new double[][][] {{{0.5}}, {{Double.NaN}}}, biases,
                        0, 0));
    }

    private static void assertRejected(String message, Executable construction) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, construction);
        assertTrue(e.getMessage().startsWith(message), e.getMessage());
    }
}
