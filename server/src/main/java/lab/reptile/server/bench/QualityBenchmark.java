package lab.reptile.server.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import lab.reptile.bench.EvaluationReport;
import lab.reptile.model.Evaluation;
import lab.reptile.model.MetaLearner;
import lab.reptile.model.ReptileConfig;
import lab.reptile.model.TrainerStart;
import lab.reptile.server.training.Learners;
import lab.reptile.server.training.TrainingDefaults;

/**
 * Quality per CPU-second: trains the server's default run and the reference run (Schulman's settings) from scratch
 * with the DL4J trainer, one after the other in one process, printing validation MSE at k = 8 every 2 s of training,
 * then both final tables (500 held-out tasks) and a side-by-side summary.
 *
 * <p>Usage: {@code QualityBenchmark [tasksScale=1.0]}: a scale below 1 shortens both runs (CI uses 0.1).
 */
public final class QualityBenchmark {
    private static final double REPORT_EVERY_SECONDS = 2;
    private static final int PROGRESS_TASKS = 100;
    private static final int FINAL_TASKS = 500;

    private QualityBenchmark() {
    }

    /** What one training run gave. */
    private record Result(String name, ReptileConfig config, double seconds, double tasksPerSecond,
                          double secondsToMse01, Evaluation.Table table) {
    }

    public static void main(String[] args) {
        double scale = args.length > 0 ? Double.parseDouble(args[0]) : 1.0;
        long startNanos = System.nanoTime();
        List<Result> results = new ArrayList<>();
        results.add(train("defaults", scaled(TrainingDefaults.config(), scale), startNanos));
        results.add(train("reference", scaled(ReptileConfig.reference().withSeed(1), scale), System.nanoTime()));
        Map<String, Evaluation.Table> columns = new LinkedHashMap<>();
        for (Result r : results) {
            columns.put(r.name(), r.table());
        }
        columns.put("random init", Evaluation.evaluate(Evaluation.randomInit(TrainingDefaults.SHAPE, 1),
                Evaluation.DEFAULT_SEED, FINAL_TASKS, Evaluation.DEFAULT_LR));
        System.out.println();
        EvaluationReport.print(System.out, columns, Evaluation.DEFAULT_SEED, Evaluation.DEFAULT_LR);
        System.out.println();
        System.out.printf(Locale.ROOT, "%-10s %8s %8s %8s %8s %9s %9s %14s%n", "run", "MSE@1", "MSE@2", "MSE@8",
                "MSE@32", "wall s", "tasks/s", "s to MSE@8<0.1");
        for (Result r : results) {
            System.out.printf(Locale.ROOT, "%-10s %8.4f %8.4f %8.4f %8.4f %9.1f %9.0f %14s%n", r.name(),
                    r.table().meanAt(1), r.table().meanAt(2), r.table().meanAt(8), r.table().meanAt(32), r.seconds(),
                    r.tasksPerSecond(), Double.isNaN(r.secondsToMse01()) ? "never"
                            : String.format(Locale.ROOT, "%.1f", r.secondsToMse01()));
        }
    }

    /**
     * Trains one run; the clock starts at {@code startNanos} (process start for the first run, so DL4J's start-up
     * counts as it does for a server) and stops while progress is evaluated.
     */
    private static Result train(String name, ReptileConfig config, long startNanos) {
        System.out.printf(Locale.ROOT, "%n%s: %s%n", name, config);
        MetaLearner learner = Learners.dl4j().create(config, TrainerStart.fromSeed(config, TrainingDefaults.SHAPE));
        long trainingNanos = System.nanoTime() - startNanos;
        double nextReport = REPORT_EVERY_SECONDS;
        double secondsToTarget = Double.NaN;
        while (!learner.finished()) {
            long before = System.nanoTime();
            learner.metaStep();
            trainingNanos += System.nanoTime() - before;
            double seconds = trainingNanos / 1e9;
            if (seconds >= nextReport || learner.finished()) {
                double mse8 = Evaluation.evaluate(learner.metaWeights(), Evaluation.DEFAULT_SEED + 1, PROGRESS_TASKS,
                        Evaluation.DEFAULT_LR, new int[] {8}).meanAt(8);
                if (Double.isNaN(secondsToTarget) && mse8 <= 0.1) {
                    secondsToTarget = seconds;
                }
                System.out.printf(Locale.ROOT, "  %6.1f s  %7d tasks  validation MSE@8 %.4f%n", seconds,
                        learner.tasksDone(), mse8);
                nextReport += REPORT_EVERY_SECONDS;
            }
        }
        double seconds = trainingNanos / 1e9;
        Evaluation.Table table = Evaluation.evaluate(learner.metaWeights(), Evaluation.DEFAULT_SEED, FINAL_TASKS,
                Evaluation.DEFAULT_LR);
        return new Result(name, config, seconds, learner.tasksDone() / seconds, secondsToTarget, table);
    }

    private static ReptileConfig scaled(ReptileConfig config, double scale) {
        int tasks = (int) Math.max(config.metaBatchSize(), Math.round(config.tasks() * scale));
        return config.withTasks(tasks - tasks % config.metaBatchSize());
    }
}
