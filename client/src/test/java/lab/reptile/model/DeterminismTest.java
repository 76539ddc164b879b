package lab.reptile.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A seed fixes a whole training run to the bit; Params.equals compares bits. */
class DeterminismTest {
    @ParameterizedTest(name = "meta-batch {0}")
    @ValueSource(ints = {1, 5})
    void sameSeedGivesBitIdenticalMetaWeights(int metaBatch) {
        ReptileConfig config = config(77, metaBatch);
        assertEquals(train(config), train(config));
    }

    @ParameterizedTest(name = "meta-batch {0}")
    @ValueSource(ints = {1, 5})
    void differentSeedsGiveDifferentMetaWeights(int metaBatch) {
        Params one = train(config(77, metaBatch));
        Params other = train(config(78, metaBatch));
        assertNotEquals(one, other);
        assertTrue(one.maxAbsDiff(other) > 1e-3, "differ by only " + one.maxAbsDiff(other));
    }

    private static ReptileConfig config(long seed, int metaBatch) {
        return ReptileConfig.builder().seed(seed).tasks(200).metaBatchSize(metaBatch).build();
    }

    private static Params train(ReptileConfig config) {
        ReptileTrainer trainer = new ReptileTrainer(config, NetShape.STANDARD);
        while (!trainer.finished()) {
            trainer.metaStep();
        }
        assertEquals(config.metaIterations(), trainer.metaIteration());
        assertTrue(trainer.metaWeights().isFinite());
        return trainer.metaWeights();
    }
}
