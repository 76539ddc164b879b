package lab.reptile.server.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import lab.reptile.bench.EvaluationReport;
import lab.reptile.model.Evaluation;
import lab.reptile.model.EvaluationProtocol;
import lab.reptile.model.MetaLearner;
import lab.reptile.model.PublishedResults;
import lab.reptile.model.ReptileConfig;
import lab.reptile.model.TrainerStart;
import lab.reptile.server.training.Learners;
import lab.reptile.server.training.Presets;
import lab.reptile.server.training.TrainingDefaults;

/**
 * Quality per CPU-second: trains every preset (the server's default run first) from scratch with the DL4J trainer,
 * one after the other in one process, printing validation MSE every 2 s of training, then each protocol's final
 * tables (the demo protocol, and the MAML paper's at K = 5, 10, 20 beside its published numbers) and a summary.
 *
 * <p>Usage: {@code QualityBenchmark [tasksScale=1.0]}: a scale below 1 shortens every run (CI uses 0.1).
 */
public final class QualityBenchmark {
    private static final double REPORT_EVERY_SECONDS = 2;
    private static final int PROGRESS_TASKS = 100;
    private static final int[] MAML_K_SHOTS = {5, 10, 20};

    private QualityBenchmark() {
    }

    /** What one training run gave: its speed, and the learner holding its final weights. */
    private record Result(String name, double seconds, double tasksPerSecond, double secondsToMse01,
                          MetaLearner learner) {
    }

    public static void main(String[] args) {
        double scale = args.length > 0 ? Double.parseDouble(args[0]) : 1.0;
        long startNanos = System.nanoTime();
        List<Result> results = new ArrayList<>();
        for (String name : Presets.names()) {
            results.add(train(name, scaled(Presets.named(name), scale),
                    results.isEmpty() ? startNanos : System.nanoTime()));
        }
        Map<String, Evaluation.Table> demo = tables(results, EvaluationProtocol.DEMO);
        System.out.println();
        EvaluationReport.print(System.out, demo, EvaluationProtocol.DEMO);
        Map<Integer, Map<String, Evaluation.Table>> maml = new LinkedHashMap<>();
        for (int k : MAML_K_SHOTS) {
            EvaluationProtocol protocol = EvaluationProtocol.MAML.withSupportPoints(k);
            maml.put(k, tables(results, protocol));
            System.out.println();
            EvaluationReport.print(System.out, maml.get(k), protocol,
                    PublishedResults.columns(protocol.steps(), k));
        }
        System.out.println("Published numbers: " + PublishedResults.CITATION + " (K = 5 only).");
        System.out.println();
        System.out.printf(Locale.ROOT, "%-15s %8s %8s %8s | %9s %9s %9s | %7s %8s %14s%n", "run", "demo@1", "demo@2",
                "demo@8", "maml5@1", "maml5@5", "maml5@10", "wall s", "tasks/s", "s to demo@8<0.1");
        for (Result r : results) {
            Evaluation.Table d = demo.get(r.name());
            Evaluation.Table m = maml.get(5).get(r.name());
            System.out.printf(Locale.ROOT, "%-15s %8.4f %8.4f %8.4f | %9.4f %9.4f %9.4f | %7.1f %8.0f %14s%n",
                    r.name(), d.meanAt(1), d.meanAt(2), d.meanAt(8), m.meanAt(1), m.meanAt(5), m.meanAt(10),
                    r.seconds(), r.tasksPerSecond(), Double.isNaN(r.secondsToMse01()) ? "never"
                            : String.format(Locale.ROOT, "%.1f", r.secondsToMse01()));
        }
        System.out.printf(Locale.ROOT, "%-15s %8s %8s %8s | %9.2f %9.2f %9.2f |%n", "MAML (paper)", "", "", "",
                PublishedResults.MAML[0], PublishedResults.MAML[1], PublishedResults.MAML[2]);
        System.out.printf(Locale.ROOT, "%-15s %8s %8s %8s | %9.2f %9.2f %9.2f |%n", "pretrained (p.)", "", "", "",
                PublishedResults.PRETRAINED[0], PublishedResults.PRETRAINED[1], PublishedResults.PRETRAINED[2]);
    }

    /** Every run's final table under {@code protocol}, then a random init's. */
    private static Map<String, Evaluation.Table> tables(List<Result> results, EvaluationProtocol protocol) {
        Map<String, Evaluation.Table> columns = new LinkedHashMap<>();
        for (Result r : results) {
            columns.put(r.name(), Evaluation.evaluate(r.learner().metaWeights(), protocol));
        }
        columns.put("random init", Evaluation.evaluate(Evaluation.randomInit(TrainingDefaults.SHAPE, 1), protocol));
        return columns;
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
        EvaluationProtocol demo = EvaluationProtocol.DEMO.withSeed(Evaluation.DEFAULT_SEED + 1)
                .withTasks(PROGRESS_TASKS).withSteps(8);
        EvaluationProtocol maml = EvaluationProtocol.MAML.withSeed(Evaluation.DEFAULT_SEED + 1)
                .withTasks(PROGRESS_TASKS).withSteps(1);
        while (!learner.finished()) {
            long before = System.nanoTime();
            learner.metaStep();
            trainingNanos += System.nanoTime() - before;
            double seconds = trainingNanos / 1e9;
            if (seconds >= nextReport || learner.finished()) {
                double demo8 = Evaluation.evaluate(learner.metaWeights(), demo).meanAt(8);
                double maml1 = Evaluation.evaluate(learner.metaWeights(), maml).meanAt(1);
                if (Double.isNaN(secondsToTarget) && demo8 <= 0.1) {
                    secondsToTarget = seconds;
                }
                System.out.printf(Locale.ROOT, "  %6.1f s  %7d tasks  validation demo MSE@8 %.4f  maml MSE@1 %.4f%n",
                        seconds, learner.tasksDone(), demo8, maml1);
                nextReport += REPORT_EVERY_SECONDS;
            }
        }
        double seconds = trainingNanos / 1e9;
        return new Result(name, seconds, learner.tasksDone() / seconds, secondsToTarget, learner);
    }

    private static ReptileConfig scaled(ReptileConfig config, double scale) {
        int tasks = (int) Math.max(config.metaBatchSize(), Math.round(config.tasks() * scale));
        return config.withTasks(tasks - tasks % config.metaBatchSize());
    }
}
