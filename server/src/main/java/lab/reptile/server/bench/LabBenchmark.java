package lab.reptile.server.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The lab as a visitor meets it, on the real jar in a child process: the time from {@code POST /api/runs} on an idle
 * server to the first and to the final snapshot of a 20,000-task run; the page and the default weights served while
 * idle and while a visitor run trains (does the lab slow the demo down?); then, while a longer run trains, h2load on
 * the finished run's snapshot URLs (gzip, keep-alive), at a fixed rate and as fast as it goes, with the training rate
 * before and during the load.
 *
 * <p>Usage, after {@code mvn -q -B package -DskipTests}: {@code java -cp "server/target/reptile-server.jar:server/
 * target/lib/*" lab.reptile.server.bench.LabBenchmark [seconds=20] [connections=64] [rate=5000]}. Needs Debian's
 * h2load ({@code apt-get install nghttp2-client}).
 */
public final class LabBenchmark {
    private static final Path JAR = Path.of("server/target/reptile-server.jar");
    private static final int RUN_TASKS = 20_000;
    /** The run that trains under the load: long enough to outlast it. */
    private static final int LONG_RUN_TASKS = 2_000_000;
    private static final int RATE_WINDOW_SECONDS = 5;

    private LabBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int connections = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        double rate = args.length > 2 ? Double.parseDouble(args[2]) : 5_000;
        H2load.requireInstalled();
        Path dir = Files.createTempDirectory("lab-bench");
        Path log = dir.resolve("server.log");
        List<String> flags = List.of("--data-dir", dir.resolve("data").toString(), "--fresh",
                "--lab-max-tasks", Integer.toString(LONG_RUN_TASKS), "--lab-runs-per-hour", "100");
        System.out.printf(Locale.ROOT, "%d cores, load average %s; server log %s%n",
                Runtime.getRuntime().availableProcessors(), ServerProcess.loadAverage(), log);
        try (ServerProcess server = ServerProcess.start(JAR, log, flags)) {
            awaitDefaultRunFinished(server);
            System.out.printf(Locale.ROOT, "idle server (default run finished), load average %s%n", ServerProcess.loadAverage());

            long posted = System.nanoTime();
            String id = server.post("/api/runs", "{\"tasks\": " + RUN_TASKS + "}", 202).path("id").asText();
            double first = Double.NaN;
            double last = Double.NaN;
            JsonNode run;
            while (true) {
                run = server.get("/api/runs/" + id);
                double elapsed = (System.nanoTime() - posted) / 1e9;
                JsonNode timeline = run.path("timeline");
                if (Double.isNaN(first) && timeline.size() > 0) {
                    first = elapsed;
                }
                if (Double.isNaN(last) && timeline.size() > 0
                        && timeline.get(timeline.size() - 1).path("tasksDone").asInt() == RUN_TASKS) {
                    last = elapsed;
                }
                if (!run.path("report").isNull() || run.path("state").asText().matches("diverged|failed")) {
                    break;
                }
                Thread.sleep(10);
            }
            double report = (System.nanoTime() - posted) / 1e9;
            System.out.printf(Locale.ROOT, "run of %,d tasks: POST -> first snapshot %.2f s, -> final snapshot %.2f s, "
                    + "-> report %.2f s (%d snapshots, state %s)%n", RUN_TASKS, first, last, report,
                    run.path("timeline").size(), run.path("state").asText());

            List<String> urls = new ArrayList<>();
            for (JsonNode entry : run.path("timeline")) {
                urls.add(server.url(entry.path("url").asText()));
            }
            List<String> demo = List.of(server.url("/"), server.url("/api/weights"));
            H2load.Result idle = H2load.run(demo, connections, seconds, rate, List.of("Accept-Encoding: gzip"));
            String longRun = server.post("/api/runs", "{\"tasks\": " + LONG_RUN_TASKS + "}", 202).path("id").asText();
            awaitRunning(server, longRun);
            H2load.Result busy = H2load.run(demo, connections, seconds, rate, List.of("Accept-Encoding: gzip"));
            for (H2load.Result result : List.of(idle, busy)) {
                System.out.printf(Locale.ROOT, "page + default weights at %.0f/s, %-22s %7.0f req/s  mean %6.2f ms  "
                        + "slowest %7.2f ms  errors %d%n", rate, result == idle ? "no run training:"
                        : "a visitor run training:", result.requestsPerSecond(), result.meanMillis(),
                        result.maxMillis(), result.errors());
            }
            double before = server.trainingRate(longRun, RATE_WINDOW_SECONDS);
            System.out.printf(Locale.ROOT, "training before the load: %.0f tasks/s%n", before);
            for (double offered : new double[] {rate, 0}) {
                long tasksAtStart = server.tasksDone(longRun);
                long start = System.nanoTime();
                H2load.Result result = H2load.run(urls, connections, seconds, offered,
                        List.of("Accept-Encoding: gzip"));
                double during = (server.tasksDone(longRun) - tasksAtStart) / ((System.nanoTime() - start) / 1e9);
                System.out.printf(Locale.ROOT, "%-12s gzip  %7.0f req/s  mean %6.2f ms  slowest %7.2f ms  "
                                + "2xx %d  errors %d  training %.0f tasks/s (%+.0f%%)%n",
                        offered > 0 ? String.format(Locale.ROOT, "at %.0f/s", offered) : "as fast", result
                                .requestsPerSecond(), result.meanMillis(), result.maxMillis(), result.status2xx(),
                        result.errors(), during, 100 * (during / before - 1));
            }
            System.out.printf(Locale.ROOT, "load average after: %s%n", ServerProcess.loadAverage());
        }
    }

    private static void awaitDefaultRunFinished(ServerProcess server) throws Exception {
        while (!server.get("/api/training").path("state").asText().equals("finished")) {
            Thread.sleep(100);
        }
        while (server.get("/api/runs/default").path("report").isNull()) {
            Thread.sleep(100);
        }
    }

    private static void awaitRunning(ServerProcess server, String id) throws Exception {
        while (server.tasksDone(id) == 0) {
            Thread.sleep(50);
        }
    }

}
