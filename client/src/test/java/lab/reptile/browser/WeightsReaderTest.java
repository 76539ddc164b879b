package lab.reptile.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import lab.reptile.model.NetShape;
import lab.reptile.model.Params;
import lab.reptile.model.WeightsFile;
import lab.reptile.model.WeightsJson;
import org.junit.jupiter.api.Test;

class WeightsReaderTest {
    private static final String TINY = "{\"format\":\"reptile-mlp-v1\",\"activation\":\"tanh\",\"sizes\":[1,2,1],"
            + "\"layers\":[{\"weights\":[[0.5],[-1.5]],\"bias\":[0.25,0]},{\"weights\":[[2,3]],\"bias\":[-1]}],"
            + "\"version\":7,\"metaIteration\":1200,\"extra\":\"ignored\"}";

    @Test
    void readsEveryFieldOfAValidFile() {
        WeightsFile file = WeightsReader.read(MapTree.parse(TINY));
        assertEquals(new NetShape(1, 2, 1), file.shape());
        assertEquals(-1.5, file.weights()[0][1][0]);
        assertEquals(3.0, file.weights()[1][0][1]);
        assertEquals(0.25, file.biases()[0][0]);
        assertEquals(7, file.version());
        assertEquals(1200, file.metaIteration());
    }

    @Test
    void givesTheSameParamsAsTheModelsOwnReader() {
        Params params = Params.initial(NetShape.STANDARD, new Random(3));
        String json = WeightsJson.write(WeightsFile.of(params, 42, 12000));
        WeightsFile file = WeightsReader.read(MapTree.parse(json));
        assertEquals(params, file.toParams());
        assertEquals(42, file.version());
    }

    @Test
    void rejectsAnotherFormat() {
        assertTrue(message(TINY.replace("reptile-mlp-v1", "reptile-mlp-v2")).contains("reptile-mlp-v2"));
    }

    @Test
    void namesAMissingKey() {
        assertTrue(message(TINY.replace("\"version\":7,", "")).contains("missing key \"version\""));
        assertTrue(message(TINY.replace("\"bias\":[-1]", "\"b\":[-1]")).contains("\"bias\" in layers[1]"));
    }

    @Test
    void namesAValueOfTheWrongType() {
        assertEquals("layers[0].weights[1][0] must be a number, got a string",
                message(TINY.replace("[-1.5]", "[\"-1.5\"]")));
        assertEquals("sizes must be an array, got an object", message(TINY.replace("[1,2,1]", "{}")));
        assertEquals("the weights must be a JSON object, got an array", message("[1]"));
        assertEquals("the weights must be a JSON object, got null", message("null"));
    }

    @Test
    void rejectsFractionalOrNegativeCounts() {
        assertTrue(message(TINY.replace("\"version\":7", "\"version\":7.5")).contains("version"));
        assertTrue(message(TINY.replace("[1,2,1]", "[1,-2,1]")).contains("sizes[1]"));
    }

    @Test
    void passesOnWeightsFilesShapeChecksWithTheLayerNamed() {
        assertTrue(message(TINY.replace("\"bias\":[0.25,0]", "\"bias\":[0.25]")).contains("layers[0].bias"));
        assertTrue(message(TINY.replace("[[2,3]]", "[[2]]")).contains("layers[1].weights[0]"));
        assertTrue(message(TINY.replace("[1,2,1]", "[1,2,2]")).contains("sizes"));
    }

    private static String message(String json) {
        return assertThrows(IllegalArgumentException.class, () -> WeightsReader.read(MapTree.parse(json)))
                .getMessage();
    }
}
