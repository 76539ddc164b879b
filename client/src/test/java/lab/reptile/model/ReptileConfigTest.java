package lab.reptile.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The builder's defaults, the outer-step schedule, the field list and validation messages that name the field. */
class ReptileConfigTest {
    @Test
    void builderDefaultsAreSchulmansSineDemo() {
        assertEquals(new ReptileConfig(0, 30_000, 1, 0.02, 10, 1, 50, 0.1, 0.0, 2 * Math.PI, 0, 0, 0, 0.02), ReptileConfig.builder().build());
        assertEquals(ReptileConfig.builder().build(), ReptileConfig.reference());
        assertEquals(30_000, ReptileConfig.reference().metaIterations());
    }

    @Test
    void builderSetsEachFieldByName() {
        ReptileConfig config = ReptileConfig.builder().seed(-3).tasks(400).metaBatchSize(4).innerLr(0.01)
                .innerBatchSize(5).innerEpochs(2).pointsPerTask(20).outerStepStart(1.0).outerStepEnd(0.5).maxPhase(Math.PI)
                .randomPoints(1).build();
        assertEquals(new ReptileConfig(-3, 400, 4, 0.01, 5, 2, 20, 1.0, 0.5, Math.PI, 1, 0, 0, 0.02), config);
        assertTrue(config.uniformX());
        assertFalse(ReptileConfig.reference().uniformX());
    }

    @Test
    void toBuilderStartsFromTheConfigsOwnValues() {
        ReptileConfig config = ReptileConfig.builder().seed(5).tasks(60).metaBatchSize(3).outerStepStart(0.7).build();
        assertEquals(config, config.toBuilder().build());
        ReptileConfig maml = config.toBuilder().maxPhase(1.5).randomPoints(1).build();
        assertEquals(maml, maml.toBuilder().build());
        assertEquals(new ReptileConfig(5, 60, 3, 0.02, 10, 1, 50, 0.7, 0.2, 2 * Math.PI, 0, 0, 0, 0.02), config.toBuilder().outerStepEnd(0.2).build());
    }

    @Test
    void withSeedAndWithTasksChangeOnlyThatField() {
        ReptileConfig reference = ReptileConfig.reference();
        assertEquals(new ReptileConfig(9, 30_000, 1, 0.02, 10, 1, 50, 0.1, 0.0, 2 * Math.PI, 0, 0, 0, 0.02), reference.withSeed(9));
        assertEquals(new ReptileConfig(0, 3_000, 1, 0.02, 10, 1, 50, 0.1, 0.0, 2 * Math.PI, 0, 0, 0, 0.02), reference.withTasks(3_000));
    }

    @Test
    void fieldsListEveryComponentInOrderWithItsKindAndValue() {
        // a component added without its FIELDS entry would be missing from JSON: this catches it
        ReptileConfig config = new ReptileConfig(-3, 400, 4, 0.01, 5, 2, 20, 1.0, 0.5, 1.5, 1, 7, 3, 0.03);
        List<String> names = ReptileConfig.FIELDS.stream().map(ConfigField::name).toList();
        List<String> components = Arrays.stream(ReptileConfig.class.getRecordComponents())
                .map(RecordComponent::getName).toList();
        assertEquals(components, names);
        List<Object> values = ReptileConfig.FIELDS.stream().map(field -> (Object) field.get(config)).toList();
        assertEquals(List.of(-3L, 400, 4, 0.01, 5, 2, 20, 1.0, 0.5, 1.5, 1, 7, 3, 0.03), values);
        List<ConfigField.Kind> kinds = ReptileConfig.FIELDS.stream().map(ConfigField::kind).toList();
        assertEquals(List.of(ConfigField.Kind.LONG, ConfigField.Kind.INT, ConfigField.Kind.INT,
                ConfigField.Kind.DOUBLE, ConfigField.Kind.INT, ConfigField.Kind.INT, ConfigField.Kind.INT,
                ConfigField.Kind.DOUBLE, ConfigField.Kind.DOUBLE, ConfigField.Kind.DOUBLE, ConfigField.Kind.INT,
                ConfigField.Kind.INT, ConfigField.Kind.INT, ConfigField.Kind.DOUBLE), kinds);
        assertEquals(List.of("maxPhase", "randomPoints", "supportPoints", "supportSteps", "supportLr"), ReptileConfig.FIELDS.stream().filter(ConfigField::isOptional)
                .map(ConfigField::name).toList(), "only the fields added later may be missing from a stored config");
    }

    @Test
    void settingEveryFieldFromAnotherConfigCopiesIt() {
        ReptileConfig source = new ReptileConfig(-3, 400, 4, 0.01, 5, 2, 20, 1.0, 0.5, 1.5, 1, 7, 3, 0.03);
        ReptileConfig.Builder builder = ReptileConfig.builder();
        for (ConfigField field : ReptileConfig.FIELDS) {
            field.set(builder, field.get(source));
        }
        assertEquals(source, builder.build());
    }

    @Test
    void anIntFieldRefusesAValueBeyondIntRange() {
        ConfigField tasks = ReptileConfig.FIELDS.get(1);
        assertThrows(ArithmeticException.class, () -> tasks.set(ReptileConfig.builder(), 1L << 31));
    }

    @Test
    void outerStepAnnealsLinearlyFromPointOneToZero() {
        ReptileConfig reference = ReptileConfig.reference();
        assertEquals(0.1, reference.outerStep(0), 0.0);
        assertEquals(0.05, reference.outerStep(15_000), 1e-17);
        assertEquals(0.1 / 30_000, reference.outerStep(29_999), 1e-17, "the last step is small but not zero");
    }

    @Test
    void outerStepAnnealsPerMetaIterationNotPerTask() {
        ReptileConfig batched = ReptileConfig.builder().tasks(400).metaBatchSize(4).outerStepStart(1.0)
                .outerStepEnd(0.5).build();
        assertEquals(100, batched.metaIterations());
        assertEquals(0.75, batched.outerStep(50), 1e-16);
    }

    @Test
    void invalidValuesAreRejectedNamingTheFieldWithWholeNumbersPrintedWhole() {
        assertRejected("tasks must be a multiple of metaBatchSize (4), got 30",
                () -> ReptileConfig.builder().tasks(30).metaBatchSize(4).build());
        assertRejected("tasks must be from 1 to 100,000,000, got 0", () -> ReptileConfig.builder().tasks(0).build());
        assertRejected("metaBatchSize must be from 1 to 1,024, got 2,048",
                () -> ReptileConfig.builder().tasks(2048).metaBatchSize(2048).build());
        assertRejected("innerLr must be from 0.000001 to 10, got NaN",
                () -> ReptileConfig.builder().innerLr(Double.NaN).build());
        assertRejected("pointsPerTask must be from 1 to 1,000, got 1,001",
                () -> ReptileConfig.builder().pointsPerTask(1001).build());
        assertRejected("innerBatchSize must be from 1 to 50, got 51",
                () -> ReptileConfig.builder().innerBatchSize(51).build());
        assertRejected("randomPoints must be from 0 to 1, got -1", () -> ReptileConfig.builder().randomPoints(-1).build());
        assertRejected("maxPhase must be from 0.000001 to 6.283185307179586, got 0",
                () -> ReptileConfig.builder().maxPhase(0).build());
        assertRejected("innerEpochs must be from 1 to 100, got 0", () -> ReptileConfig.builder().innerEpochs(0).build());
        assertRejected("outerStepStart must be from 0.000001 to 1, got 0",
                () -> ReptileConfig.builder().outerStepStart(0).build());
        assertRejected("outerStepEnd must be from 0 to 0.1, got 0.2",
                () -> ReptileConfig.builder().outerStepEnd(0.2).build());
        assertRejected("supportPoints must be from 0 to 1,000, got -1",
                () -> ReptileConfig.builder().supportPoints(-1).build());
        assertRejected("supportSteps must be from 0 to 100, got 101",
                () -> ReptileConfig.builder().supportPoints(5).supportSteps(101).build());
        assertRejected("supportPoints and supportSteps are both 0 or both positive, got 5 and 0",
                () -> ReptileConfig.builder().supportPoints(5).build());
        assertRejected("supportLr must be from 0.000001 to 10, got Infinity",
                () -> ReptileConfig.builder().supportLr(Double.POSITIVE_INFINITY).build());
        assertRejected("supportPoints and supportSteps are both 0 or both positive, got 0 and 2",
                () -> ReptileConfig.builder().supportSteps(2).build());
    }

    private static void assertRejected(String message, Executable construction) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, construction);
        assertEquals(message, e.getMessage());
    }
}
