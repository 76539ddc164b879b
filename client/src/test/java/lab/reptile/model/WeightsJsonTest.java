package lab.reptile.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Reading and writing the golden {@code reptile-mlp-v1} file. */
class WeightsJsonTest {
    @Test
    void goldenFileReadsToTheValuesItSpells() {
        WeightsFile file = WeightsJson.read(GoldenWeights.text());
        assertEquals("tanh", file.activation());
        assertArrayEquals(new int[] {1, 3, 2, 1}, file.sizes());
        assertArrayEquals(new double[] {0.5}, file.weights()[0][0], 0.0);
        assertArrayEquals(new double[] {-1.25}, file.weights()[0][1], 0.0);
        assertArrayEquals(new double[] {1.0E-5}, file.weights()[0][2], 0.0);
        assertArrayEquals(new double[] {0.0, -0.001, 2.5}, file.biases()[0], 0.0);
        assertArrayEquals(new double[] {1234.5678, -3.0E-7, 0.1}, file.weights()[1][0], 0.0);
        assertArrayEquals(new double[] {-0.75, 6.02E23, -42.0}, file.weights()[1][1], 0.0);
        assertArrayEquals(new double[] {1.0E-5, -1.0E10}, file.biases()[1], 0.0);
        assertArrayEquals(new double[] {1.0 / 3, -2.0}, file.weights()[2][0], 0.0);
        assertArrayEquals(new double[] {-7.5E-4}, file.biases()[2], 0.0);
        assertEquals(42, file.version());
        assertEquals(12000, file.metaIteration());
    }

    @Test
    void goldenFileRoundTripsToTheSameText() {
        String golden = GoldenWeights.text();
        assertEquals(golden, WeightsJson.write(WeightsJson.read(golden)));
    }

    @Test
    void writingTheGoldenValuesGivesTheGoldenText() {
        WeightsFile file = new WeightsFile("tanh", new int[] {1, 3, 2, 1},
                new double[][][] {
                    {{0.5}, {-1.25}, {1.0E-5}},
                    {{1234.5678, -3.0E-7, 0.1}, {-0.75, 6.02E23, -42.0}},
                    {{1.0 / 3, -2.0}}},
                new double[][] {{0.0, -0.001, 2.5}, {1.0E-5, -1.0E10}, {-7.5E-4}}, 42, 12000);
        assertEquals(GoldenWeights.text(), WeightsJson.write(file));
    }

    @Test
    void whitespaceAndExtraKeysAreAcceptedAndNotWrittenBack() {
        String spaced = GoldenWeights.with("{\"format\"",
                        " {\n  \"trainer\": {\"name\": \"dl4j\", \"threads\": [1, 2], \"ok\": true, \"note\": null},\n"
                                + "  \"format\"")
                .replace(",", ",\n    ")
                .replace("\"bias\"", "\"comment\": \"row per output unit\", \"bias\"")
                + "\n";
        assertEquals(GoldenWeights.text(), WeightsJson.write(WeightsJson.read(spaced)));
    }

    @Test
    void randomWeightsSurviveWriteThenReadBitForBit() {
        Params params = Params.initial(NetShape.STANDARD, new Random(8));
        WeightsFile read = WeightsJson.read(WeightsJson.write(WeightsFile.of(params, 7, 900)));
        assertEquals(params, read.toParams());
        assertEquals(7, read.version());
        assertEquals(900, read.metaIteration());
    }

    @Test
    void finiteDoublesFromEveryExponentSurviveWriteThenReadBitForBit() {
        Random rng = new Random(4);
        double[] values = new double[NetShape.STANDARD.paramCount()];
        for (int p = 0; p < values.length; p++) {
            do {
                values[p] = Double.longBitsToDouble(rng.nextLong());
            } while (!Double.isFinite(values[p]));
        }
        values[0] = Double.MIN_VALUE;
        values[1] = -Double.MAX_VALUE;
        values[2] = Double.MIN_NORMAL;
        values[3] = -0.0;
        Params params = Params.of(NetShape.STANDARD, values);
        assertEquals(params, WeightsJson.read(WeightsJson.write(WeightsFile.of(params, 0, 0))).toParams());
    }
}
