package lab.reptile.server.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import lab.reptile.model.ReptileConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Hyperparameters in JSON: the keys, a lossless round trip, merging over a base and strict reading. */
class ConfigJsonTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ReptileConfig CONFIG = new ReptileConfig(-3, 400, 4, 0.015, 5, 2, 20, 0.7, 0.25, Math.PI, 1, 5,
            2, 0.01);

    @Test
    void writesOneKeyPerFieldWithWholeNumbersAsIntegers() {
        assertEquals("{\"seed\":-3,\"tasks\":400,\"metaBatchSize\":4,\"innerLr\":0.015,\"innerBatchSize\":5,"
                + "\"innerEpochs\":2,\"pointsPerTask\":20,\"outerStepStart\":0.7,\"outerStepEnd\":0.25,"
                + "\"maxPhase\":3.141592653589793,\"randomPoints\":1,\"supportPoints\":5,\"supportSteps\":2,"
                + "\"supportLr\":0.01}",
                ConfigJson.write(MAPPER, CONFIG).toString());
    }

    @Test
    void readGivesBackWhatWriteWrote() {
        ReptileConfig extreme = ReptileConfig.builder().seed(Long.MIN_VALUE).innerLr(Math.PI / 100).build();
        assertEquals(CONFIG, ConfigJson.read(ConfigJson.write(MAPPER, CONFIG)));
        assertEquals(extreme, ConfigJson.read(ConfigJson.write(MAPPER, extreme)));
    }

    @Test
    void mergeReplacesOnlyTheGivenFields() {
        assertEquals(CONFIG.toBuilder().seed(9).innerLr(0.5).build(),
                ConfigJson.merge(MAPPER, CONFIG, "{\"seed\": 9, \"innerLr\": 0.5}"));
        assertEquals(CONFIG.toBuilder().tasks(8).build(), ConfigJson.merge(MAPPER, CONFIG, "{\"tasks\": 8.0}"));
        assertSame(CONFIG, ConfigJson.merge(MAPPER, CONFIG, " "));
    }

    @Test
    void aPresetReplacesTheBaseAndTheOtherFieldsChangeIt() {
        ReptileConfig maml = Presets.named("maml-protocol");
        assertEquals(maml, ConfigJson.merge(MAPPER, CONFIG, "{\"preset\": \"maml-protocol\"}"));
        assertEquals(maml.withSeed(12), ConfigJson.merge(MAPPER, CONFIG, "{\"seed\": 12, \"preset\": \"maml-protocol\"}"));
        assertEquals(TrainingDefaults.config(), ConfigJson.merge(MAPPER, CONFIG, "{\"preset\": \"default\"}"));
    }

    @Test
    void aConfigWrittenBeforeTheTaskFamilyPointAndSupportFieldsReadsWithTheOldBehaviour() {
        var node = ConfigJson.write(MAPPER, CONFIG);
        for (String field : new String[] {"maxPhase", "randomPoints", "supportPoints", "supportSteps", "supportLr"}) {
            node.remove(field);
        }
        ReptileConfig old = ConfigJson.read(node);
        assertEquals(2 * Math.PI, old.maxPhase());
        assertEquals(0, old.randomPoints());
        assertEquals(0, old.supportPoints());
        assertEquals(0, old.supportSteps());
        assertEquals(CONFIG.toBuilder().maxPhase(2 * Math.PI).randomPoints(0).supportPoints(0).supportSteps(0)
                .supportLr(0.02).build(),
                old);
    }

    @Test
    void readRefusesAConfigWithAFieldMissing() {
        var node = ConfigJson.write(MAPPER, CONFIG);
        node.remove("outerStepEnd");
        assertRefused("config is missing field \"outerStepEnd\"", () -> ConfigJson.read(node));
    }

    @Test
    void refusalsNameTheField() {
        assertMerge("unknown field \"lr\"; known fields: seed, tasks, metaBatchSize, innerLr, innerBatchSize, "
                + "innerEpochs, pointsPerTask, outerStepStart, outerStepEnd, maxPhase, randomPoints, supportPoints, "
                + "supportSteps, supportLr (and preset)", "{\"lr\": 1}");
        assertMerge("supportPoints and supportSteps are both 0 or both positive, got 5 and 0",
                "{\"supportSteps\": 0}");
        assertMerge("randomPoints must be from 0 to 1, got 2", "{\"randomPoints\": 2}");
        assertMerge("maxPhase must be from 0.000001 to 6.283185307179586, got 7", "{\"maxPhase\": 7}");
        assertMerge("unknown preset \"maml\"; known presets: default, reference, maml-protocol",
                "{\"preset\": \"maml\"}");
        assertMerge("preset must be a string, got number", "{\"preset\": 1}");
        assertMerge("innerLr must be a number, got string", "{\"innerLr\": \"0.1\"}");
        assertMerge("seed must be a number, got null", "{\"seed\": null}");
        assertMerge("tasks must be a whole number, got 2.5", "{\"tasks\": 2.5}");
        assertMerge("tasks is out of range, got 2147483648", "{\"tasks\": 2147483648}");
        assertMerge("seed is out of range, got 9223372036854775808", "{\"seed\": 9223372036854775808}");
        assertMerge("tasks must be from 1 to 100,000,000, got 0", "{\"tasks\": 0}");
        assertMerge("innerBatchSize must be from 1 to 20, got 21", "{\"innerBatchSize\": 21}");
        assertMerge("outerStepEnd must be from 0 to 0.7, got 0.8", "{\"outerStepEnd\": 0.8}");
        assertMerge("hyperparameters must be a JSON object", "[1]");
        String notJson = assertThrows(IllegalArgumentException.class, () -> ConfigJson.merge(MAPPER, CONFIG, "{"))
                .getMessage();
        assertTrue(notJson.startsWith("body is not valid JSON: Unexpected end-of-input"), notJson);
    }

    private static void assertMerge(String message, String body) {
        assertRefused(message, () -> ConfigJson.merge(MAPPER, CONFIG, body));
    }

    private static void assertRefused(String message, Executable read) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, read).getMessage());
    }
}
