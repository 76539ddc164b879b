package lab.reptile.server.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import lab.reptile.jackson.JacksonTree;
import lab.reptile.model.Evaluation;
import lab.reptile.model.EvaluationProtocol;
import lab.reptile.model.WeightsFile;
import lab.reptile.model.WeightsJson;
import lab.reptile.server.training.TrainingDefaults;

/**
 * The default run as a visitor meets it, from the start of a plain {@code java -jar} on a fresh data dir: the demo
 * MSE@8 (its 500 held-out tasks) of the weights served 5 s after the process started (issue 14: at most 0.1), and
 * the seconds until all its tasks are done (at most 30). Runs one server at a time.
 *
 * <p>Usage, after {@code mvn -q -B package -DskipTests}: {@code java -cp "server/target/reptile-server.jar:server/
 * target/lib/*" lab.reptile.server.bench.StartupBenchmark [runs=3]}.
 */
public final class StartupBenchmark {
    private static final Path JAR = Path.of("server/target/reptile-server.jar");
    private static final long WEIGHTS_AT_NANOS = 5_000_000_000L;

    private StartupBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        Path dir = Files.createTempDirectory("startup-bench");
        long tasks = TrainingDefaults.config().tasks();
        System.out.printf(Locale.ROOT, "default run of %d tasks; load average %s; logs in %s%n", tasks,
                ServerProcess.loadAverage(), dir);
        for (int run = 1; run <= runs; run++) {
            long start = System.nanoTime();
            List<String> flags = List.of("--data-dir", dir.resolve("run" + run).toString(), "--fresh");
            try (ServerProcess server = ServerProcess.start(JAR, dir.resolve("run" + run + ".log"), flags)) {
                Thread.sleep(Math.max(0, (start + WEIGHTS_AT_NANOS - System.nanoTime()) / 1_000_000));
                double atSeconds = (System.nanoTime() - start) / 1e9;
                WeightsFile served = WeightsJson.read(new JacksonTree(server.get("/api/weights")));
                while (server.tasksDone("default") < tasks) {
                    Thread.sleep(100);
                }
                double doneSeconds = (System.nanoTime() - start) / 1e9;
                double mse8 = Evaluation.evaluate(served.weights(), EvaluationProtocol.DEMO.withSteps(8)).meanAt(8);
                System.out.printf(Locale.ROOT, "run %d: weights at %.2f s (meta-iteration %d): demo MSE@8 %.4f; "
                        + "all tasks done at %.1f s%n", run, atSeconds, served.metaIteration(), mse8, doneSeconds);
            }
        }
        System.out.printf(Locale.ROOT, "load average at the end %s%n", ServerProcess.loadAverage());
    }
}
