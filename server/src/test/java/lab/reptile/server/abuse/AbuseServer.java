package lab.reptile.server.abuse;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lab.reptile.server.Await;
import lab.reptile.server.cli.Main;

/**
 * The one real server process the abuse suite attacks: {@link Main} with the test classpath on port 0, -Xmx512m and
 * one OpenMP thread, as the other process tests start it (cli.ServerProcesses), its output in a file kept in target/.
 */
final class AbuseServer implements AutoCloseable {
    private static final Pattern URL = Pattern.compile("open (http://127\\.0\\.0\\.1:(\\d+)/)");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    final Process process;
    final Path log;
    final String url;
    final int port;

    private AbuseServer(Process process, Path log, String url, int port) {
        this.process = process;
        this.log = log;
        this.url = url;
        this.port = port;
    }

    /** Starts the server on {@code dataDir} with {@code flags} and waits until it prints its URL and is ready. */
    static AbuseServer start(Path dataDir, Path log, String... flags) throws Exception {
        Files.createDirectories(log.getParent());
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx512m", "-Dorg.slf4j.simpleLogger.defaultLogLevel=info", "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "--port", "0", "--data-dir",
                dataDir.toString()));
        command.addAll(List.of(flags));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("OMP_NUM_THREADS", "1");
        Process process = builder.start();
        // Should this JVM stop before close(), e.g. killed by a build timeout, the server goes with it.
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, "abuse-server-reaper"));
        try {
            String text = Await.until("the server to print its URL", Duration.ofSeconds(120),
                    () -> Files.exists(log) ? Files.readString(log) : "",
                    t -> URL.matcher(t).find() || !process.isAlive());
            Matcher m = URL.matcher(text);
            if (!m.find()) {
                throw new AssertionError("the server exited: " + text);
            }
            AbuseServer server = new AbuseServer(process, log, m.group(1), Integer.parseInt(m.group(2)));
            Await.until("/readyz to answer 200", Duration.ofSeconds(120), () -> server.status("readyz") == 200);
            return server;
        } catch (Throwable e) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            throw e;
        }
    }

    URI uri(String pathAndQuery) {
        return URI.create(url + pathAndQuery.substring(1));
    }

    /** GET {@code path} (relative to the root, no leading slash); -1 if it could not be sent. */
    int status(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** GET /metrics as text, or null if it could not be read. */
    String metrics() {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url + "metrics"))
                    .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? response.body() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** A field of /proc/pid/status in kB (VmRSS, VmHWM) or as a count (Threads); -1 once the process is gone. */
    long procStatus(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.substring(field.length() + 1).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /** Stops the process: SIGTERM, then SIGKILL if it has not exited within 15 s. Never leaves it running. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }
}
