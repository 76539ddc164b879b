package lab.reptile.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The Reptile update of {@link ReptileTrainer} against an independent computation: each task's adapted weights are
 * redone as one {@link FullBatchSgd} step per minibatch copied out of the task's shuffled points.
 */
class ReptileTrainerTest {
    private static final NetShape SHAPE = new NetShape(1, 16, 16, 1);
    /** A few ulps of the weights' magnitude (|w| < 2): θ + (φ − θ) · 1 need not round back to φ exactly. */
    private static final double ROUNDING = 1e-15;

    @Test
    void epsilonOneReplacesMetaWeightsWithTheAdaptedOnes() {
        ReptileConfig config = config(1, 1, 10, 1, 1.0, 1.0);
        TrainerStart start = TrainerStart.fromSeed(config, SHAPE);
        Params adapted = adapt(start.initialWeights(), start.tasks().next(), config);

        ReptileTrainer trainer = new ReptileTrainer(config, SHAPE);
        trainer.metaStep();
        assertTrue(adapted.maxAbsDiff(trainer.metaWeights()) <= ROUNDING,
                "differs by " + adapted.maxAbsDiff(trainer.metaWeights()));
        assertTrue(adapted.maxAbsDiff(start.initialWeights()) > 1e-3, "the inner loop moved the weights");
    }

    @Test
    void theSmallestOuterStepBarelyMovesTheMetaWeights() {
        // ReptileConfig refuses an outer step of 0 (a run that cannot learn) and the schedule never reaches its end
        // value, so the trainer's closest approach to "ε = 0 leaves θ unchanged" is its smallest ε, 1e-6.
        ReptileConfig config = config(1, 1, 10, 1, 1e-6, 0.0);
        TrainerStart start = TrainerStart.fromSeed(config, SHAPE);
        double[] theta = start.initialWeights().toArray();
        double[] adapted = adapt(start.initialWeights(), start.tasks().next(), config).toArray();
        double[] expected = new double[theta.length];
        for (int p = 0; p < theta.length; p++) {
            expected[p] = theta[p] + 1e-6 * (adapted[p] - theta[p]);
        }

        ReptileTrainer trainer = new ReptileTrainer(config, SHAPE);
        trainer.metaStep();
        Params moved = trainer.metaWeights();
        assertTrue(Params.of(SHAPE, expected).maxAbsDiff(moved) <= ROUNDING,
                "differs by " + Params.of(SHAPE, expected).maxAbsDiff(moved));
        double innerMove = Params.of(SHAPE, adapted).maxAbsDiff(start.initialWeights());
        double outerMove = moved.maxAbsDiff(start.initialWeights());
        assertTrue(outerMove > 0, "θ moved at all");
        assertTrue(outerMove <= 1.01e-6 * innerMove, "θ moved " + outerMove + " of the inner loop's " + innerMove);
    }

    @Test
    void metaBatchWithEpsilonOneGivesTheAverageOfTheAdaptedWeights() {
        ReptileConfig config = config(4, 4, 10, 1, 1.0, 1.0);
        TrainerStart start = TrainerStart.fromSeed(config, SHAPE);
        Params theta = start.initialWeights();
        double[] average = new double[SHAPE.paramCount()];
        for (int task = 0; task < 4; task++) {
            double[] adapted = adapt(theta, start.tasks().next(), config).toArray();
            for (int p = 0; p < average.length; p++) {
                average[p] += adapted[p] / 4;
            }
        }
        ReptileTrainer trainer = new ReptileTrainer(config, SHAPE);
        trainer.metaStep();
        assertEquals(1, trainer.metaIteration());
        assertEquals(4, trainer.tasksDone());
        assertTrue(Params.of(SHAPE, average).maxAbsDiff(trainer.metaWeights()) <= ROUNDING);
    }

    @Test
    void fractionalEpsilonMovesThatFractionOfTheWayInEachMetaIteration() {
        ReptileConfig config = config(3, 1, 10, 1, 0.3, 0.3);
        TrainerStart start = TrainerStart.fromSeed(config, SHAPE);
        double[] theta = start.initialWeights().toArray();
        for (int it = 0; it < 3; it++) {
            double[] adapted = adapt(Params.of(SHAPE, theta), start.tasks().next(), config).toArray();
            for (int p = 0; p < theta.length; p++) {
                theta[p] += 0.3 * (adapted[p] - theta[p]);
            }
        }
        ReptileTrainer trainer = new ReptileTrainer(config, SHAPE);
        for (int it = 0; it < 3; it++) {
            trainer.metaStep();
        }
        assertTrue(Params.of(SHAPE, theta).maxAbsDiff(trainer.metaWeights()) <= 1e-14);
        assertTrue(trainer.finished());
    }

    @Test
    void everyInnerEpochRepeatsTheSameShuffledOrderIncludingAPartialLastBatch() {
        ReptileConfig config = config(1, 1, 7, 2, 1.0, 1.0); // 50 points = 7 batches of 7 and one of 1, twice
        TrainerStart start = TrainerStart.fromSeed(config, SHAPE);
        Params adapted = adapt(start.initialWeights(), start.tasks().next(), config);
        ReptileTrainer trainer = new ReptileTrainer(config, SHAPE);
        trainer.metaStep();
        assertTrue(adapted.maxAbsDiff(trainer.metaWeights()) <= ROUNDING);
    }

    @Test
    void metaStepAfterTheLastMetaIterationIsRefusedRatherThanStepping() {
        // Past the end the linear schedule would give a negative outer step and push θ away from the tasks.
        ReptileConfig config = config(2, 1, 10, 1, 0.5, 0.0);
        ReptileTrainer trainer = new ReptileTrainer(config, SHAPE);
        trainer.metaStep();
        trainer.metaStep();
        Params done = trainer.metaWeights();
        IllegalStateException e = assertThrows(IllegalStateException.class, trainer::metaStep);
        assertEquals("all 2 meta-iterations of this run are done", e.getMessage());
        assertEquals(done, trainer.metaWeights());
        assertEquals(2, trainer.metaIteration());
    }

    @Test
    void supportStepsAreFullBatchStepsOnTheFirstKPointsBeforeTheMinibatchesOfTheRest() {
        ReptileConfig config = config(1, 1, 10, 2, 1.0, 1.0).toBuilder().supportPoints(5).supportSteps(3)
                .supportLr(0.013).build();
        TrainerStart start = TrainerStart.fromSeed(config, SHAPE);
        Points task = start.tasks().next();
        Points support = new Points(Arrays.copyOfRange(task.xs(), 0, 5), Arrays.copyOfRange(task.ys(), 0, 5));
        Points rest = new Points(Arrays.copyOfRange(task.xs(), 5, 55), Arrays.copyOfRange(task.ys(), 5, 55));
        Params afterSupport = new FullBatchSgd(SHAPE).adapt(start.initialWeights(), support, 3, 0.013);
        Params adapted = adapt(afterSupport, rest, config);

        ReptileTrainer trainer = new ReptileTrainer(config, SHAPE);
        trainer.metaStep();
        assertTrue(adapted.maxAbsDiff(trainer.metaWeights()) <= ROUNDING,
                "differs by " + adapted.maxAbsDiff(trainer.metaWeights()));
        ReptileTrainer withoutSupport = new ReptileTrainer(config(1, 1, 10, 2, 1.0, 1.0), SHAPE);
        withoutSupport.metaStep();
        assertTrue(withoutSupport.metaWeights().maxAbsDiff(trainer.metaWeights()) > 1e-3, "the support steps count");
    }

    @Test
    void trainingStartsFromTheSeedsFirstDrawsAsInitialWeights() {
        ReptileConfig config = config(1, 1, 10, 1, 1.0, 1.0);
        assertEquals(Params.initial(SHAPE, new Random(config.seed())), new ReptileTrainer(config, SHAPE).metaWeights());
    }

    private static ReptileConfig config(int tasks, int metaBatch, int innerBatch, int epochs, double start,
                                        double end) {
        return ReptileConfig.builder().seed(2024).tasks(tasks).metaBatchSize(metaBatch).innerBatchSize(innerBatch)
                .innerEpochs(epochs).outerStepStart(start).outerStepEnd(end).build();
    }

    /** innerEpochs passes of one plain SGD step per consecutive minibatch of the points, in their given order. */
    private static Params adapt(Params theta, Points task, ReptileConfig config) {
        FullBatchSgd loop = new FullBatchSgd(theta.shape());
        Params phi = theta;
        int m = task.size();
        for (int epoch = 0; epoch < config.innerEpochs(); epoch++) {
            for (int from = 0; from < m; from += config.innerBatchSize()) {
                int to = Math.min(m, from + config.innerBatchSize());
                Points batch = new Points(
                        Arrays.copyOfRange(task.xs(), from, to), Arrays.copyOfRange(task.ys(), from, to));
                phi = loop.adapt(phi, batch, 1, config.innerLr());
            }
        }
        return phi;
    }
}
