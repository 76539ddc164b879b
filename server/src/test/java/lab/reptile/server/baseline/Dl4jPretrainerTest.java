package lab.reptile.server.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lab.reptile.model.Evaluation;
import lab.reptile.model.Mlp;
import lab.reptile.model.NetShape;
import lab.reptile.model.Params;
import lab.reptile.model.SineFamily;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class Dl4jPretrainerTest {
    private static final int[] STEPS = {0, 1};
    private static Dl4jPretrainer.Result result;

    @BeforeAll
    static void train() {
        PretrainConfig defaults = PretrainConfig.defaults();
        // no time bound here, so the result is the same on a busy machine
        PretrainConfig unbounded = new PretrainConfig(defaults.seed(), defaults.tasks(), defaults.pointsPerTask(),
                defaults.batchSize(), defaults.steps(), defaults.lrStart(), defaults.lrEnd(), 600);
        result = Dl4jPretrainer.train(unbounded, NetShape.STANDARD);
    }

    @Test
    void takesEveryConfiguredStep() {
        assertEquals(PretrainConfig.defaults().steps(), result.steps());
    }

    @Test
    void learnsTheFamilysMeanCurveWhichIsZero() {
        double[] grid = SineFamily.linspace(100);
        double[] out = new double[grid.length];
        new Mlp(NetShape.STANDARD).predict(result.weights().toArray(), grid, grid.length, out);
        double meanSquare = 0;
        for (double y : out) {
            meanSquare += y * y / grid.length;
        }
        assertTrue(meanSquare < 0.01, "mean square of the prediction: " + meanSquare);
    }

    @Test
    void beatsRandomInitOnTheEvaluationProtocolAfterOneStep() {
        Params random = Evaluation.randomInit(NetShape.STANDARD, Evaluation.DEFAULT_SEED + 1);
        Evaluation.Table pretrained = Evaluation.evaluate(result.weights(), Evaluation.DEFAULT_SEED, 500,
                Evaluation.DEFAULT_LR, STEPS);
        Evaluation.Table baseline = Evaluation.evaluate(random, Evaluation.DEFAULT_SEED, 500, Evaluation.DEFAULT_LR,
                STEPS);
        assertTrue(pretrained.meanAt(1) < baseline.meanAt(1),
                "k=1: pretrained " + pretrained.meanAt(1) + ", random " + baseline.meanAt(1));
    }

    @Test
    void sameSeedGivesTheSameWeights() {
        PretrainConfig few = PretrainConfig.defaults().withSteps(5);
        assertEquals(Dl4jPretrainer.train(few, NetShape.STANDARD).weights(),
                Dl4jPretrainer.train(few, NetShape.STANDARD).weights());
    }
}
