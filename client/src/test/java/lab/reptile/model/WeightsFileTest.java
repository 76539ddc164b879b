package lab.reptile.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The file's content: flat params in the rows' layout (out x in), validated, immutable, compared by value. */
class WeightsFileTest {
    @Test
    void paramsRoundTripThroughTheFileBitForBit() {
        Params params = Params.initial(NetShape.STANDARD, new Random(21));
        WeightsFile file = WeightsFile.of(params, 3, 4000);
        assertEquals(params, file.weights());
        assertEquals(3, file.version());
        assertEquals(4000, file.metaIteration());
    }

    @Test
    void goldenFileGivesFlatParamsInTheDocumentedLayout() {
        Params params = GoldenWeights.read(GoldenWeights.text()).weights();
        NetShape shape = params.shape();
        assertEquals(6.02E23, params.get(shape.weightOffset(1) + 1 * 3 + 1), 0.0);
        assertEquals(-3.0E-7, params.get(shape.weightOffset(1) + 0 * 3 + 1), 0.0);
        assertEquals(-1.0E10, params.get(shape.biasOffset(1) + 1), 0.0);
        assertEquals(-2.0, params.weight(2, 0, 1), 0.0);
        assertEquals(-7.5E-4, params.bias(2, 0), 0.0);
    }

    @Test
    void constructorRejectsWhatTheReaderWouldReject() {
        Params tiny = Params.of(new NetShape(1, 1, 1), new double[] {0.5, 0.0, 1.0, 0.0});
        assertRejected("activation must be \"tanh\", got \"relu\"", () -> new WeightsFile("relu", tiny, 0, 0));
        assertRejected("version and metaIteration must be non-negative, got -1 and 0",
                () -> new WeightsFile("tanh", tiny, -1, 0));
        assertRejected("layers[1].weights[0][0] is NaN; every number must be finite", () -> WeightsFile.of(
                Params.of(tiny.shape(), new double[] {0.5, 0.0, Double.NaN, 0.0}), 0, 0));
        assertRejected("layers[0].bias[0] is -Infinity; every number must be finite", () -> WeightsFile.of(
                Params.of(tiny.shape(), new double[] {0.5, Double.NEGATIVE_INFINITY, 1.0, 0.0}), 0, 0));
    }

    @Test
    void changingWhatWentInOrCameOutLeavesTheFileAsItWas() {
        double[] values = {0.5, 0.0, 1.0, 0.0};
        WeightsFile file = WeightsFile.of(Params.of(new NetShape(1, 1, 1), values), 3, 4);
        values[0] = 99;
        file.weights().toArray()[0] = 99;
        file.weights().shape().sizes()[1] = 9;
        assertEquals(0.5, file.weights().weight(0, 0, 0), 0.0);
        assertEquals(new NetShape(1, 1, 1), file.weights().shape());
    }

    @Test
    void twoReadsOfTheSameTextAreEqual() {
        WeightsFile first = GoldenWeights.read(GoldenWeights.text());
        WeightsFile second = GoldenWeights.read(GoldenWeights.text());
        assertEquals(first, second);
        assertEquals(first.hashCode(), second.hashCode());
        assertNotEquals(first, GoldenWeights.read(GoldenWeights.with("\"version\":42", "\"version\":43")));
        assertNotEquals(first, GoldenWeights.read(GoldenWeights.with("-42.0", "-42.00000000000001")));
    }

    private static void assertRejected(String message, Executable construction) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, construction);
        assertTrue(e.getMessage().startsWith(message), e.getMessage());
    }
}
