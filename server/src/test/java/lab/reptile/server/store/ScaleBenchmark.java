package lab.reptile.server.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs per minute of one process ({@code --role all}, embedded H2) against one web replica with 1 and 2 workers over
 * PostgreSQL, the database's cost per training run (WAL bytes and rows written), and how far behind the database a
 * replica serves a run's latest weights. Real processes on this machine; prints one line per figure.
 * {@code mvn -q -B package -DskipTests -Pscale-bench} ({@code -Dbench.args="RUNS TASKS"}, default 6 runs of 6,000).
 */
public final class ScaleBenchmark {
    private static final Pattern URL = Pattern.compile("open (http://127\\.0\\.0\\.1:\\d+/)");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private ScaleBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 6;
        int tasks = args.length > 1 ? Integer.parseInt(args[1]) : 6_000;
        Path dir = Files.createTempDirectory("reptile-scale-bench");
        // PostgreSQL runs as its own user, which must reach its cluster's folder below this one
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        System.out.printf(Locale.ROOT, "%d visitor runs of %d tasks each (default preset); load before: %s%n", runs,
                tasks, Files.readString(Path.of("/proc/loadavg")).trim());
        List<Process> embedded = new ArrayList<>();
        String url = start(embedded, dir.resolve("all"), "all.log", "--role", "all");
        report("--role all, embedded H2", timeRuns(url, runs, tasks), runs);
        stop(embedded);
        for (int workers = 1; workers <= 2; workers++) {
            try (PostgresCluster postgres = PostgresCluster.start(dir.resolve("pg" + workers))) {
                List<Process> processes = new ArrayList<>();
                String[] db = {"--db", postgres.jdbcUrl(), "--db-user", postgres.user()};
                for (int w = 1; w <= workers; w++) {
                    startWorker(processes, dir.resolve("w" + workers + "-" + w), db, "w" + w);
                }
                String web = start(processes, dir.resolve("web" + workers), "web.log", join(db, "--role", "web"));
                long[] before = walAndRows(postgres);
                double seconds = timeRuns(web, runs, tasks);
                long[] after = walAndRows(postgres);
                report("web + " + workers + " worker(s), PostgreSQL", seconds, runs);
                System.out.printf(Locale.ROOT, "  database per run: %.1f MB of WAL, %d rows written; per second of"
                        + " training a run: %.0f kB of WAL, %.1f rows%n", (after[0] - before[0]) / 1e6 / runs,
                        (after[1] - before[1]) / runs, (after[0] - before[0]) / 1e3 / (seconds * workers),
                        (after[1] - before[1]) / (seconds * workers));
                if (workers == 1) {
                    followLag(postgres, web, tasks * 4);
                }
                stop(processes);
            }
        }
    }

    /** Starts {@code runs} visitor runs at once and returns the seconds until the last one has finished. */
    private static double timeRuns(String url, int runs, int tasks) throws Exception {
        awaitState(url, "default", "finished", 300);
        long start = System.nanoTime();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            ids.add(post(url + "api/runs", "{\"seed\": " + (100 + i) + ", \"tasks\": " + tasks + "}")
                    .path("id").asText());
        }
        for (String id : ids) {
            awaitState(url, id, "finished", 600);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /**
     * For a run of {@code tasks} on the web replica at {@code url}: when each meta-iteration first appears in the
     * database and when the replica first serves it; prints the median and the largest gap.
     */
    private static void followLag(PostgresCluster postgres, String url, int tasks) throws Exception {
        String id = post(url + "api/runs", "{\"seed\": 7, \"tasks\": " + tasks + "}").path("id").asText();
        Map<Long, Long> inDatabase = new HashMap<>();
        Map<Long, Long> served = new HashMap<>();
        try (Connection db = DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), "")) {
            while (true) {
                try (ResultSet r = db.createStatement().executeQuery("SELECT meta_iteration, state FROM runs WHERE"
                        + " id = '" + id + "'")) {
                    r.next();
                    inDatabase.putIfAbsent(r.getLong(1), System.nanoTime());
                    if (r.getString(2).equals("finished")) {
                        break;
                    }
                }
                // tasksDone is the meta-iteration at the default preset's meta-batch of 1
                served.putIfAbsent(get(url + "api/runs/" + id).path("tasksDone").asLong(), System.nanoTime());
                Thread.sleep(10);
            }
        }
        List<Double> lags = new ArrayList<>();
        served.forEach((iteration, at) -> {
            Long first = inDatabase.get(iteration);
            if (first != null && iteration > 0) {
                lags.add(Math.max(0, at - first) / 1e6);
            }
        });
        lags.sort(Double::compare);
        System.out.printf(Locale.ROOT, "  a replica serves a new version %.0f ms (median) and at most %.0f ms after"
                + " the worker committed it, over %d versions; workers publish every 500 ms%n",
                lags.get(lags.size() / 2), lags.get(lags.size() - 1), lags.size());
    }

    private static long[] walAndRows(PostgresCluster postgres) throws Exception {
        try (Connection db = DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), "");
             ResultSet r = db.createStatement().executeQuery("SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0'),"
                     + " (SELECT SUM(n_tup_ins + n_tup_upd + n_tup_del) FROM pg_stat_user_tables)")) {
            r.next();
            return new long[] {r.getLong(1), r.getLong(2)};
        }
    }

    private static void report(String setup, double seconds, int runs) {
        System.out.printf(Locale.ROOT, "%-36s %d runs in %.1f s: %.1f runs per minute; load now %s%n", setup, runs,
                seconds, runs * 60 / seconds, loadAverage());
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException e) {
            return "?";
        }
    }

    private static String start(List<Process> processes, Path dataDir, String log, String... flags) throws Exception {
        Path logFile = Files.createDirectories(dataDir).resolve(log);
        processes.add(launch(dataDir, logFile, flags));
        long deadline = System.nanoTime() + 180_000_000_000L;
        while (System.nanoTime() < deadline) {
            Matcher m = URL.matcher(Files.exists(logFile) ? Files.readString(logFile) : "");
            if (m.find()) {
                return m.group(1);
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("no URL in " + logFile);
    }

    private static void startWorker(List<Process> processes, Path dataDir, String[] db, String name)
            throws Exception {
        Path logFile = Files.createDirectories(dataDir).resolve("worker.log");
        processes.add(launch(dataDir, logFile, join(db, "--role", "worker", "--worker-name", name)));
    }

    private static Process launch(Path dataDir, Path log, String... flags) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx512m", "-Dorg.slf4j.simpleLogger.defaultLogLevel=info", // the test classpath says warn
                "-cp", System.getProperty("java.class.path"),
                "lab.reptile.server.cli.Main", "--port", "0", "--data-dir", dataDir.toString(), "--tasks", "2000",
                "--lab-runs-per-hour", "1000", "--lab-queue", "100", "--lab-disk-mb", "4096"));
        command.addAll(List.of(flags));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("OMP_NUM_THREADS", "1");
        return builder.start();
    }

    private static String[] join(String[] first, String... rest) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(List.of(rest));
        return all.toArray(String[]::new);
    }

    private static void stop(List<Process> processes) throws InterruptedException {
        for (Process process : processes) {
            process.destroy();
        }
        for (Process process : processes) {
            process.waitFor();
        }
    }

    private static void awaitState(String url, String id, String state, int seconds) throws Exception {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (!get(url + "api/runs/" + id).path("state").asText().equals(state)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("run " + id + " is not " + state + " after " + seconds + " s");
            }
            Thread.sleep(100);
        }
    }

    private static JsonNode get(String url) throws Exception {
        return JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    private static JsonNode post(String url, String body) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 202) {
            throw new IllegalStateException("POST /api/runs: " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }
}
