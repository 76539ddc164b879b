package lab.reptile.server.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import lab.reptile.model.MetaLearner;
import lab.reptile.model.NetShape;
import lab.reptile.model.Params;
import lab.reptile.model.ReptileConfig;
import lab.reptile.model.ReptileTrainer;
import lab.reptile.model.TrainerStart;
import org.junit.jupiter.api.Test;

class Dl4jReptileTrainerTest {
    private static final int META_ITERATIONS = 100;
    private static final double TOLERANCE = 1e-9;

    private static ReptileConfig config(int metaBatchSize, int innerBatchSize, int innerEpochs, int points) {
        return ReptileConfig.builder().seed(7).tasks(10 * META_ITERATIONS * metaBatchSize)
                .metaBatchSize(metaBatchSize).innerBatchSize(innerBatchSize).innerEpochs(innerEpochs)
                .pointsPerTask(points).outerStepStart(0.5).build();
    }

    @Test
    void matchesPlainJavaTrainerWithReferenceSettings() {
        assertAgreesWithOracle(config(1, 10, 1, 50));
    }

    @Test
    void matchesPlainJavaTrainerWithMetaBatchOfFive() {
        assertAgreesWithOracle(config(5, 10, 1, 50));
    }

    @Test
    void matchesPlainJavaTrainerWhenPointsAreNotAMultipleOfTheBatchSize() {
        assertAgreesWithOracle(config(3, 5, 2, 23));
    }

    @Test
    void matchesPlainJavaTrainerWithOnePointPerStep() {
        assertAgreesWithOracle(config(2, 1, 1, 3));
    }

    @Test
    void matchesPlainJavaTrainerWithFullBatchStepsOnRandomPointsOfTheMamlFamily() {
        ReptileConfig protocolLike = config(4, 5, 5, 5).toBuilder().randomPoints(1).maxPhase(Math.PI)
                .innerLr(0.01).build();
        assertAgreesWithOracle(protocolLike);
        assertAgreesWithOracle(Presets.named("maml-protocol").withTasks(10 * META_ITERATIONS
                * Presets.named("maml-protocol").metaBatchSize()));
    }

    @Test
    void matchesPlainJavaTrainerWithSupportStepsBeforeTheMinibatches() {
        assertAgreesWithOracle(config(1, 10, 2, 50).toBuilder().supportPoints(5).supportSteps(2).supportLr(0.01)
                .build());
        assertAgreesWithOracle(config(3, 4, 1, 14).toBuilder().supportPoints(7).supportSteps(1).randomPoints(1)
                .build());
    }

    @Test
    void matchesPlainJavaTrainerForOtherLayerSizes() {
        for (NetShape shape : new NetShape[] {new NetShape(1, 1), new NetShape(1, 9, 1), new NetShape(1, 7, 5, 3, 1)}) {
            assertAgreesWithOracle(config(1, 10, 1, 50), shape);
            assertAgreesWithOracle(config(3, 4, 1, 14), shape);
        }
    }

    @Test
    void stepsFromAnotherThread() throws Exception {
        ReptileConfig config = config(4, 10, 1, 50);
        Dl4jReptileTrainer dl4j = new Dl4jReptileTrainer(config, NetShape.STANDARD);
        CompletableFuture.runAsync(() -> run(dl4j)).get();
        ReptileTrainer plain = new ReptileTrainer(config, NetShape.STANDARD);
        run(plain);
        assertClose(plain.metaWeights(), dl4j.metaWeights());
    }

    @Test
    void countsMetaIterationsAndTasks() {
        ReptileConfig config = ReptileConfig.builder().seed(1).tasks(6).metaBatchSize(3).build();
        Dl4jReptileTrainer trainer = new Dl4jReptileTrainer(config, NetShape.STANDARD);
        trainer.metaStep();
        assertEquals(1, trainer.metaIteration());
        assertEquals(3, trainer.tasksDone());
        trainer.metaStep();
        assertTrue(trainer.finished());
    }

    @Test
    void rejectsTasksWhosePointCountDiffersFromTheConfig() {
        TrainerStart start = TrainerStart.fromSeed(config(1, 10, 1, 50), NetShape.STANDARD);
        Dl4jReptileTrainer trainer = new Dl4jReptileTrainer(config(1, 10, 1, 40), start);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, trainer::metaStep);
        assertTrue(e.getMessage().contains("50 points, expected 40"), e.getMessage());
    }

    private static void assertAgreesWithOracle(ReptileConfig config) {
        assertAgreesWithOracle(config, NetShape.STANDARD);
    }

    private static void assertAgreesWithOracle(ReptileConfig config, NetShape shape) {
        ReptileTrainer plain = new ReptileTrainer(config, shape);
        Dl4jReptileTrainer dl4j = new Dl4jReptileTrainer(config, shape);
        Params start = dl4j.metaWeights();
        assertEquals(plain.metaWeights(), start, "both start from the seed's weights");
        run(plain);
        run(dl4j);
        assertTrue(dl4j.metaWeights().maxAbsDiff(start) > 0.01, "the weights must move for the test to mean anything");
        assertClose(plain.metaWeights(), dl4j.metaWeights());
    }

    private static void run(MetaLearner trainer) {
        for (int i = 0; i < META_ITERATIONS; i++) {
            trainer.metaStep();
        }
    }

    private static void assertClose(Params expected, Params actual) {
        double diff = expected.maxAbsDiff(actual);
        assertTrue(diff <= TOLERANCE, "max abs diff " + diff + " exceeds " + TOLERANCE);
    }
}
