package lab.reptile.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The demo evaluation protocol (EvaluationProtocol.DEMO), against a direct re-implementation of it and on trained weights. */
class EvaluationTest {
    private static final long EVAL_SEED = 555;
    private final Params random = Evaluation.randomInit(NetShape.STANDARD, 1);

    @Test
    void sameSeedGivesTheSameTableAndOtherSeedsAnother() {
        Evaluation.Table table = Evaluation.evaluate(random, EVAL_SEED, 30, 0.02);
        assertEquals(table, Evaluation.evaluate(random, EVAL_SEED, 30, 0.02));
        assertNotEquals(table, Evaluation.evaluate(random, EVAL_SEED + 1, 30, 0.02));
    }

    @Test
    void tableHasARowPerStepCountWithPositiveFiniteConfidenceIntervals() {
        Evaluation.Table table = Evaluation.evaluate(random, EVAL_SEED, 30, 0.02);
        assertEquals(30, table.tasks());
        assertEquals(Evaluation.STEPS.length, table.rows().size());
        for (int r = 0; r < Evaluation.STEPS.length; r++) {
            Evaluation.Row row = table.rows().get(r);
            assertEquals(Evaluation.STEPS[r], row.steps());
            assertTrue(row.ci95() > 0 && Double.isFinite(row.ci95()), "k = " + row.steps() + " CI " + row.ci95());
            assertTrue(row.mean() > 0 && Double.isFinite(row.mean()));
        }
    }

    @Test
    void meansAndIntervalsMatchTheProtocolComputedDirectly() {
        int tasks = 40;
        Evaluation.Table table = Evaluation.evaluate(random, EVAL_SEED, tasks, 0.02);
        double[][] mse = new double[Evaluation.STEPS.length][tasks];
        Random rng = new Random(EVAL_SEED);
        FullBatchSgd loop = new FullBatchSgd(NetShape.STANDARD);
        double[] queryX = SineFamily.linspace(100);
        for (int t = 0; t < tasks; t++) {
            SineTask task = new SineFamily().sample(rng);
            double[] xs = new double[10];
            double[] ys = new double[10];
            for (int i = 0; i < 10; i++) {
                xs[i] = -5 + 10 * rng.nextDouble();
                ys[i] = task.y(xs[i]);
            }
            double[] queryY = new double[100];
            for (int q = 0; q < 100; q++) {
                queryY[q] = task.y(queryX[q]);
            }
            for (int r = 0; r < Evaluation.STEPS.length; r++) {
                Params adapted = loop.adapt(random, new Points(xs, ys), Evaluation.STEPS[r], 0.02);
                mse[r][t] = loop.mse(adapted, new Points(queryX, queryY));
            }
        }
        for (int r = 0; r < Evaluation.STEPS.length; r++) {
            double mean = 0;
            for (double v : mse[r]) {
                mean += v / tasks;
            }
            double variance = 0;
            for (double v : mse[r]) {
                variance += (v - mean) * (v - mean) / (tasks - 1);
            }
            Evaluation.Row row = table.rows().get(r);
            assertEquals(mean, row.mean(), 1e-12 * mean, "mean at k = " + row.steps());
            assertEquals(1.96 * Math.sqrt(variance / tasks), row.ci95(), 1e-9 * row.ci95(), "CI at k = " + row.steps());
        }
    }

    @Test
    void shortlyTrainedNetBeatsRandomInitClearlyAtEightSteps() {
        ReptileTrainer trainer = new ReptileTrainer(ReptileConfig.reference().withSeed(3).withTasks(2_000),
                NetShape.STANDARD);
        while (!trainer.finished()) {
            trainer.metaStep();
        }
        Evaluation.Table trained = Evaluation.evaluate(trainer.metaWeights(), EVAL_SEED, 200, 0.02);
        Evaluation.Table baseline = Evaluation.evaluate(Evaluation.randomInit(NetShape.STANDARD, 3), EVAL_SEED, 200,
                0.02);
        Evaluation.Row meta = trained.rows().get(4);
        Evaluation.Row init = baseline.rows().get(4);
        assertEquals(8, meta.steps());
        assertTrue(meta.mean() + meta.ci95() < init.mean() - init.ci95(),
                "trained " + meta.mean() + " ± " + meta.ci95() + " vs random " + init.mean() + " ± " + init.ci95());
    }

    @Test
    void randomInitIsTheSeedsFirstDraw() {
        assertEquals(Params.initial(NetShape.STANDARD, new Random(42)), Evaluation.randomInit(NetShape.STANDARD, 42));
    }

    @Test
    void fewerThanTwoTasksAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Evaluation.evaluate(random, EVAL_SEED, 1, 0.02));
        assertEquals("tasks must be from 2 to 1,000,000, got 1", e.getMessage());
    }
}
