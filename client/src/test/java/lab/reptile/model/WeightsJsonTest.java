package lab.reptile.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Reading and writing the golden {@code reptile-mlp-v1} file through the one reader and the one writer. */
class WeightsJsonTest {
    /** The golden file's values, spelled out: layers[l].weights[o][i] and layers[l].bias[o]. */
    private static final WeightsFile GOLDEN = WeightsFile.of(Params.of(new NetShape(1, 3, 2, 1), new double[] {
        0.5, -1.25, 1.0E-5, /* bias */ 0.0, -0.001, 2.5,
        1234.5678, -3.0E-7, 0.1, -0.75, 6.02E23, -42.0, /* bias */ 1.0E-5, -1.0E10,
        1.0 / 3, -2.0, /* bias */ -7.5E-4}), 42, 12000);

    @Test
    void goldenFileReadsToTheValuesItSpells() {
        WeightsFile file = GoldenWeights.read(GoldenWeights.text());
        assertEquals(GOLDEN, file);
        assertEquals("tanh", file.activation());
        assertEquals(new NetShape(1, 3, 2, 1), file.weights().shape());
        assertEquals(-1.25, file.weights().weight(0, 1, 0), 0.0);
        assertEquals(6.02E23, file.weights().weight(1, 1, 1), 0.0);
        assertEquals(-1.0E10, file.weights().bias(1, 1), 0.0);
        assertEquals(1.0 / 3, file.weights().weight(2, 0, 0), 0.0);
        assertEquals(42, file.version());
        assertEquals(12000, file.metaIteration());
    }

    @Test
    void goldenFileRoundTripsToTheSameText() {
        String golden = GoldenWeights.text();
        assertEquals(golden, WeightsJson.write(GoldenWeights.read(golden)));
    }

    @Test
    void writingTheGoldenValuesGivesTheGoldenText() {
        assertEquals(GoldenWeights.text(), WeightsJson.write(GOLDEN));
    }

    @Test
    void whitespaceAndExtraKeysAreAcceptedAndNotWrittenBack() {
        String spaced = GoldenWeights.with("{\"format\"",
                        " {\n  \"trainer\": {\"name\": \"dl4j\", \"threads\": [1, 2], \"ok\": true, \"note\": null},\n"
                                + "  \"format\"")
                .replace(",", ",\n    ")
                .replace("\"bias\"", "\"comment\": \"row per output unit\", \"bias\"")
                + "\n";
        assertEquals(GoldenWeights.text(), WeightsJson.write(GoldenWeights.read(spaced)));
    }

    @Test
    void randomWeightsSurviveWriteThenReadBitForBit() {
        WeightsFile file = WeightsFile.of(Params.initial(NetShape.STANDARD, new Random(8)), 7, 900);
        assertEquals(file, GoldenWeights.read(WeightsJson.write(file)));
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
        WeightsFile file = WeightsFile.of(Params.of(NetShape.STANDARD, values), 0, 0);
        assertEquals(file, GoldenWeights.read(WeightsJson.write(file)));
    }
}
