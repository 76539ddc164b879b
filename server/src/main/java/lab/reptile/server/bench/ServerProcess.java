package lab.reptile.server.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The server's jar started as a child process on a free loopback port, and a small JSON client for its API. */
final class ServerProcess implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final Process process;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final int port;
    /** Linux's USER_HZ: /proc counts CPU time in these ticks. */
    private static final int CLOCK_TICKS = 100;

    private ServerProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts {@code jar} with {@code flags} (besides --port), logging to {@code log}; returns once it answers. */
    static ServerProcess start(Path jar, Path log, List<String> flags) throws IOException, InterruptedException {
        return start(jar, log, List.of(), Map.of(), flags);
    }

    /** As {@link #start(Path, Path, List)}, with JVM options before -jar and extra environment variables. */
    static ServerProcess start(Path jar, Path log, List<String> jvmOptions, Map<String, String> environment,
                               List<String> flags) throws IOException, InterruptedException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString(), "--port", Integer.toString(port)));
        command.addAll(flags);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().remove("OMP_NUM_THREADS");
        builder.environment().putAll(environment);
        ServerProcess server = new ServerProcess(builder.start(), port);
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (true) {
            try {
                server.get("/api/training");
                return server;
            } catch (IOException e) {
                if (!server.process.isAlive() || System.nanoTime() > deadline) {
                    server.close();
                    throw new IOException("the server did not start; see " + log, e);
                }
                Thread.sleep(100);
            }
        }
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    JsonNode get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url(path))).GET(), 200);
    }

    /** The body of {@code path} as text (e.g. /metrics); expects 200. */
    String text(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url(path)))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(response.request().uri() + " answered " + response.statusCode());
        }
        return response.body();
    }

    /** POSTs a JSON body and expects {@code status}. */
    JsonNode post(String path, String json, int status) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url(path))).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)), status);
    }

    private JsonNode send(HttpRequest.Builder request, int status) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != status) {
            throw new IOException(response.request().uri() + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return MAPPER.readTree(response.body());
    }

    /** Tasks the run {@code id} has trained, from {@code GET /api/runs/{id}}. */
    long tasksDone(String id) throws IOException, InterruptedException {
        return get("/api/runs/" + id).path("tasksDone").asLong();
    }

    /** The run's training rate over the next {@code seconds}, in tasks per second of wall time. */
    double trainingRate(String id, int seconds) throws IOException, InterruptedException {
        long tasks = tasksDone(id);
        long start = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        return (tasksDone(id) - tasks) / ((System.nanoTime() - start) / 1e9);
    }

    /** The server's CPU time so far (user + system, all threads), in seconds, from /proc/PID/stat. */
    double cpuSeconds() throws IOException {
        String stat = java.nio.file.Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" "); // fields from the 3rd, state
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / (double) CLOCK_TICKS;
    }

    /** The server's resident memory in bytes, VmRSS in /proc/PID/status. */
    long residentBytes() throws IOException {
        for (String line : java.nio.file.Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new IOException("no VmRSS in /proc/" + process.pid() + "/status");
    }

    /** Waits until the run {@code id} has finished. */
    void awaitFinished(String id) throws IOException, InterruptedException {
        while (!get("/api/runs/" + id).path("state").asText().equals("finished")) {
            if (!process.isAlive()) {
                throw new IOException("the server exited");
            }
            Thread.sleep(200);
        }
    }

    /**
     * Waits up to 5 minutes until {@code path} answers 200, as {@code /api/weights?init=pretrained} does once its
     * training ends (503 until then).
     */
    void awaitOk(String path) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + 300_000_000_000L;
        while (true) {
            try {
                get(path);
                return;
            } catch (IOException e) {
                boolean stillTraining = String.valueOf(e.getMessage()).contains(" 503: ");
                if (!process.isAlive() || System.nanoTime() > deadline || !stillTraining) {
                    throw new IOException(path + " did not answer 200", e);
                }
                Thread.sleep(200);
            }
        }
    }

    /** The machine's 1-minute load average, as /proc/loadavg has it. */
    static String loadAverage() throws IOException {
        return java.nio.file.Files.readString(Path.of("/proc/loadavg")).split(" ", 4)[0];
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(15, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
