package lab.reptile.server.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Load on {@code GET /api/weights}, on the real jar in child processes, with h2load (a real load generator) over
 * keep-alive connections. First, a finished run: the server's CPU time per gzip and per plain request, in alternating
 * rounds of 20,000 requests over 16 connections. Then, while the default run trains and once start-up's pretrained
 * baseline is done: a warm-up run at the fixed rate (printed, as what a cold server gives), then the fixed rate with
 * and without {@code Accept-Encoding: gzip}, printing requests/s, mean and slowest request time, errors, and the
 * training rate without load and during each run.
 *
 * <p>Usage, after {@code mvn -q -B package -DskipTests}: {@code java -cp "server/target/reptile-server.jar:server/
 * target/lib/*" lab.reptile.server.bench.LoadBenchmark [seconds=20] [connections=64] [rate=5000]}. Needs Debian's
 * h2load ({@code apt-get install nghttp2-client}).
 */
public final class LoadBenchmark {
    private static final Path JAR = Path.of("server/target/reptile-server.jar");
    private static final int BASELINE_SECONDS = 10;
    private static final int CPU_REQUESTS = 20_000;
    private static final int CPU_CONNECTIONS = 16;
    private static final int CPU_ROUNDS = 3;

    private LoadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int connections = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        double rate = args.length > 2 ? Double.parseDouble(args[2]) : 5_000;
        H2load.requireInstalled();
        Path dir = Files.createTempDirectory("load-bench");
        System.out.printf(Locale.ROOT, "%d cores, load average %s; logs in %s%n",
                Runtime.getRuntime().availableProcessors(), ServerProcess.loadAverage(), dir);
        cpuPerRequest(dir);
        underTraining(dir, seconds, connections, rate);
        System.out.printf(Locale.ROOT, "load average at the end %s%n", ServerProcess.loadAverage());
    }

    private static void cpuPerRequest(Path dir) throws Exception {
        List<String> flags = List.of("--data-dir", dir.resolve("finished").toString(), "--fresh", "--tasks", "2000");
        try (ServerProcess server = ServerProcess.start(JAR, dir.resolve("finished.log"), flags)) {
            server.awaitFinished("default");
            CpuPerRequest.Result cpu = CpuPerRequest.measure(server, CPU_REQUESTS, CPU_CONNECTIONS, CPU_ROUNDS);
            System.out.printf(Locale.ROOT, "server CPU per request, finished run, %d requests over %d connections, "
                            + "median of %d rounds: gzip %.0f us, plain %.0f us (gzip/plain %.2f)%n", CPU_REQUESTS,
                    CPU_CONNECTIONS, CPU_ROUNDS, cpu.gzipMicros(), cpu.plainMicros(), cpu.ratio());
        }
    }

    private static void underTraining(Path dir, int seconds, int connections, double rate) throws Exception {
        // Enough tasks that the default run trains throughout.
        List<String> flags = List.of("--data-dir", dir.resolve("training").toString(), "--fresh", "--tasks",
                "100000000");
        try (ServerProcess server = ServerProcess.start(JAR, dir.resolve("training.log"), flags)) {
            long started = System.nanoTime();
            server.awaitOk("/api/weights?init=pretrained"); // start-up's other work: the pretrained baseline
            System.out.printf(Locale.ROOT, "GET /api/weights while training, %d connections, %d s per run; the "
                    + "pretrained baseline was ready %.1f s after start%n", connections, seconds,
                    (System.nanoTime() - started) / 1e9);
            System.out.println("warm-up, the first load on this server (the JIT compiles the request path):");
            fixedRate(server, connections, seconds, rate, true, Double.NaN);
            double before = server.trainingRate("default", BASELINE_SECONDS);
            System.out.printf(Locale.ROOT, "training without load: %.0f tasks/s%n", before);
            for (boolean gzip : new boolean[] {true, false}) {
                fixedRate(server, connections, seconds, rate, gzip, before);
            }
            System.out.printf(Locale.ROOT, "training after the load: %.0f tasks/s%n",
                    server.trainingRate("default", BASELINE_SECONDS));
        }
    }

    /** One fixed-rate h2load run; prints its figures, with the training rate against {@code before} if known. */
    private static void fixedRate(ServerProcess server, int connections, int seconds, double rate, boolean gzip,
                                  double before) throws Exception {
        long tasks = server.tasksDone("default");
        long start = System.nanoTime();
        H2load.Result result = H2load.run(List.of(server.url("/api/weights")), connections, seconds, rate,
                gzip ? List.of("Accept-Encoding: gzip") : List.of());
        double during = (server.tasksDone("default") - tasks) / ((System.nanoTime() - start) / 1e9);
        String slowdown = Double.isNaN(before) ? ""
                : String.format(Locale.ROOT, " (%+.0f%%)", 100 * (during / before - 1));
        System.out.printf(Locale.ROOT, "at %.0f/s %-5s %5.0f req/s  mean %5.2f ms  p99 %5.2f ms  p99.9 %6.2f ms  "
                        + "slowest %6.2f ms  2xx %d  errors %d  training %.0f tasks/s%s%n", rate,
                gzip ? "gzip" : "plain", result.requestsPerSecond(), result.meanMillis(), result.p99Millis(),
                result.p999Millis(), result.maxMillis(), result.status2xx(), result.errors(), during, slowdown);
    }
}
