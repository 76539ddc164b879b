package lab.reptile.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import lab.reptile.model.Evaluation;
import lab.reptile.model.NetShape;
import lab.reptile.model.Params;
import lab.reptile.model.ReptileConfig;
import lab.reptile.model.ReptileTrainer;

/**
 * Times the plain-Java Reptile trainer at the reference settings (median of 3 runs) and prints the evaluation table
 * of its meta-weights beside a random init's; usage: {@code PlainTrainerBenchmark [trainingSeed]}.
 *
 * <p>Its figures are in the README ("Plain-Java trainer at the reference settings").
 */
public final class PlainTrainerBenchmark {
    private static final int RUNS = 3;
    private static final int EVAL_TASKS = 500;
    private static final long EVAL_SEED = Evaluation.DEFAULT_SEED;

    private PlainTrainerBenchmark() {
    }

    public static void main(String[] args) {
        long seed = args.length > 0 ? Long.parseLong(args[0]) : 0L;
        if (seed == EVAL_SEED) {
            throw new IllegalArgumentException("training seed must differ from the evaluation seed " + EVAL_SEED);
        }
        ReptileConfig config = ReptileConfig.reference().withSeed(seed);
        NetShape shape = NetShape.STANDARD;
        System.out.printf("plain-Java Reptile, reference settings: %s, net %s%n", config, shape);

        double[] rates = new double[RUNS];
        Params trained = null;
        for (int run = 0; run < RUNS; run++) {
            ReptileTrainer trainer = new ReptileTrainer(config, shape);
            long start = System.nanoTime();
            while (!trainer.finished()) {
                trainer.metaStep();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            rates[run] = trainer.metaIteration() / seconds;
            System.out.printf("run %d: %d meta-iterations in %.2f s = %.0f meta-it/s%n",
                    run + 1, trainer.metaIteration(), seconds, rates[run]);
            if (trained != null && !trained.equals(trainer.metaWeights())) {
                throw new IllegalStateException("run " + (run + 1) + " gave different weights from the same seed");
            }
            trained = trainer.metaWeights();
        }
        double[] sorted = rates.clone();
        Arrays.sort(sorted);
        System.out.printf("median: %.0f meta-it/s%n%n", sorted[RUNS / 2]);

        Map<String, Evaluation.Table> columns = new LinkedHashMap<>();
        columns.put("meta-trained", Evaluation.evaluate(trained, EVAL_SEED, EVAL_TASKS, Evaluation.DEFAULT_LR));
        columns.put("random init", Evaluation.evaluate(
                Evaluation.randomInit(shape, seed), EVAL_SEED, EVAL_TASKS, Evaluation.DEFAULT_LR));
        EvaluationReport.print(System.out, columns, EVAL_SEED, Evaluation.DEFAULT_LR);
    }
}
