package lab.reptile.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every broken variant of the golden file is refused with a message that names where it broke and how. */
class WeightsJsonRejectionTest {
    @Test
    void wrongFormatNameIsRejected() {
        assertRejected(GoldenWeights.with("reptile-mlp-v1", "reptile-mlp-v2"),
                "format must be \"reptile-mlp-v1\", got \"reptile-mlp-v2\"");
    }

    @Test
    void otherActivationIsRejected() {
        assertRejected(GoldenWeights.with("\"tanh\"", "\"relu\""), "activation must be \"tanh\", got \"relu\"");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        "[2,3,2,1]; sizes must chain 1 -> ... -> 1, got [2, 3, 2, 1]",
        "[1,3,2,2]; sizes must chain 1 -> ... -> 1, got [1, 3, 2, 2]",
        "[1,3,0,1]; every layer size must be in 1..4096, got [1, 3, 0, 1]",
        "[1,3,3,1]; layers[1].weights has 2 rows but sizes needs 3 (one per output unit)",
        "[1,3,1]; layers has 3 entries but sizes [1, 3, 1] needs 2",
        "[1,3,2,2,1]; layers has 3 entries but sizes [1, 3, 2, 2, 1] needs 4",
    })
    void sizesThatDoNotChainOrMatchTheLayersAreRejected(String sizes, String message) {
        assertRejected(GoldenWeights.with("[1,3,2,1]", sizes), message);
    }

    @Test
    void sizesBeyondTheIntRangeAreRejectedRatherThanWrapped() {
        // 2^32 + 3 would wrap to 3 in an int cast and pass as the golden file's own sizes.
        assertRejected(GoldenWeights.with("[1,3,2,1]", "[1,4294967299,2,1]"),
                "sizes[1] is out of range for a layer width, got 4294967299");
    }

    @Test
    void weightsRowOfTheWrongLengthIsRejected() {
        assertRejected(GoldenWeights.with("[1234.5678,-3.0E-7,0.1]", "[1234.5678,-3.0E-7]"),
                "layers[1].weights[0] has 2 values but sizes needs 3 (one per input)");
        assertRejected(GoldenWeights.with("[[0.5],", "[[0.5,0.5],"),
                "layers[0].weights[0] has 2 values but sizes needs 1 (one per input)");
    }

    @Test
    void biasOfTheWrongLengthIsRejected() {
        assertRejected(GoldenWeights.with("[-7.5E-4]", "[-7.5E-4,1.0]"),
                "layers[2].bias has 2 values but layers[2].weights has 1 rows");
        assertRejected(GoldenWeights.with("[0.0,-0.001,2.5]", "[0.0,-0.001]"),
                "layers[0].bias has 2 values but layers[0].weights has 3 rows");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = ';', value = {
        "6.02E23; NaN; layers[1].weights[1][1] is NaN",
        "-1.0E10; Infinity; layers[1].bias[1] is Infinity",
        "[-1.25]; [-Infinity]; layers[0].weights[1][0] is -Infinity",
        "-7.5E-4; NaN; layers[2].bias[0] is NaN",
        "1234.5678; 1e999; layers[1].weights[0][0] is Infinity",
    })
    void nonFiniteNumbersAreRejectedWithTheirPosition(String from, String to, String message) {
        assertRejected(GoldenWeights.with(from, to), message, "every number must be finite");
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = ';', value = {
        "\"format\":\"reptile-mlp-v1\",; missing key \"format\"",
        "\"activation\":\"tanh\",; missing key \"activation\"",
        "\"sizes\":[1,3,2,1],; missing key \"sizes\"",
        ",\"version\":42; missing key \"version\"",
        ",\"metaIteration\":12000; missing key \"metaIteration\"",
        "\"weights\":[[0.5],[-1.25],[1.0E-5]],; missing key \"weights\" in layers[0]",
        ",\"bias\":[1.0E-5,-1.0E10]; missing key \"bias\" in layers[1]",
    })
    void missingKeysAreRejectedNamingKeyAndLayer(String removed, String message) {
        assertRejected(GoldenWeights.with(removed, ""), message);
    }

    @Test
    void missingLayersKeyIsRejected() {
        String text = GoldenWeights.text();
        String withoutLayers = text.substring(0, text.indexOf(",\"layers\""))
                + text.substring(text.indexOf(",\"version\""));
        assertRejected(withoutLayers, "missing key \"layers\"");
    }

    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = ';', value = {
        "\"sizes\":[1,3,2,1]; \"sizes\":\"1,3,2,1\"; sizes must be an array, got a string \"1,3,2,1\"",
        "[1,3,2,1]; [1,3,\"2\",1]; sizes[2] must be a whole number, got a string \"2\"",
        "[1,3,2,1]; [1,3.5,2,1]; sizes[1] must be a whole number, got 3.5",
        "\"reptile-mlp-v1\"; 1; format must be a string, got 1.0",
        "{\"weights\":[[0.3333333333333333,-2.0]],\"bias\":[-7.5E-4]}; [0.5]; "
            + "layers[2] must be a JSON object, got an array",
        "[-1.25]; -1.25; layers[0].weights[1] must be an array, got -1.25",
        "0.1]; \"0.1\"]; layers[1].weights[0][2] must be a number, got a string \"0.1\"",
        "[0.0,; [null,; layers[0].bias[0] must be a number, got null",
        "[-7.5E-4]; true; layers[2].bias must be an array, got true",
        ":42,; :\"42\",; version must be a whole number, got a string \"42\"",
        "12000; -1; version and metaIteration must be non-negative, got 42 and -1",
    })
    void valuesOfTheWrongTypeAreRejectedNamingWhereAndWhat(String from, String to, String message) {
        assertRejected(GoldenWeights.with(from, to), message);
    }

    @Test
    void layersThatAreNotAnArrayAreRejected() {
        String text = GoldenWeights.text();
        String layersObject = text.substring(0, text.indexOf("\"layers\":")) + "\"layers\":{}"
                + text.substring(text.indexOf(",\"version\""));
        assertRejected(layersObject, "layers must be an array, got an object");
    }

    @Test
    void topLevelThatIsNotAnObjectIsRejected() {
        assertRejected("[" + GoldenWeights.text() + "]", "the file must be a JSON object, got an array");
    }

    @Test
    void everyTruncationOfTheFileIsRejectedAsTruncated() {
        String golden = GoldenWeights.text();
        for (int end = 0; end < golden.length(); end++) {
            assertRejected(golden.substring(0, end), "truncated JSON");
        }
    }

    @Test
    void textAfterTheObjectIsRejected() {
        assertRejected(GoldenWeights.text() + "}", "unexpected text after the JSON value");
    }

    /**
     * Files on which the page's reader and the JVM's once disagreed (an error or a value each): one reader now gives
     * one message, and InvalidWeightsEndToEndTest shows the page's banner giving the same.
     */
    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = ';', value = {
        ":42,; :-1,; version and metaIteration must be non-negative, got -1 and 12000",
        "[1,3,2,1]; [1,4294967298,2,1]; sizes[1] is out of range for a layer width, got 4294967298",
        "[1,3,2,1]; [1,1e16,2,1]; sizes[1] is out of range for a layer width, got 10000000000000000",
        ":42,; :1e16,; version must be below 2^53 in magnitude (exact in a double), got 10000000000000000",
        ":42,; :9007199254740993,; version must be below 2^53 in magnitude (exact in a double), got 9007199254740992",
        "\"tanh\",; \"tanh\",\"activation\":\"tanh\",; invalid JSON: duplicate key \"activation\"",
        "[-7.5E-4]; [-7.5E-4],\"bias\":[-7.5E-4]; invalid JSON: duplicate key \"bias\"",
    })
    void casesTheTwoReadersDisagreedOnGetOneExactMessage(String from, String to, String message) {
        assertEquals(message, assertThrows(IllegalArgumentException.class,
                () -> GoldenWeights.read(GoldenWeights.with(from, to))).getMessage());
    }

    private static void assertRejected(String text, String... fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GoldenWeights.read(text));
        for (String fragment : fragments) {
            assertTrue(e.getMessage().contains(fragment),
                    "message \"" + e.getMessage() + "\" lacks \"" + fragment + "\"");
        }
    }
}
