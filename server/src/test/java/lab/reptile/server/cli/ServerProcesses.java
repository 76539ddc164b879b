package lab.reptile.server.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lab.reptile.server.Await;

/** Real server processes for the process tests: started on port 0 with the test classpath, logging to a file. */
final class ServerProcesses {
    private static final Pattern URL = Pattern.compile("open (http://127\\.0\\.0\\.1:\\d+/)");
    /** A worker serves only /healthz, /readyz and /metrics, and says so with its name. */
    private static final Pattern WORKER_URL =
            Pattern.compile("worker \\S+ is up: health at (http://127\\.0\\.0\\.1:\\d+/)healthz");

    private ServerProcesses() {
    }

    /**
     * Starts {@link Main} on {@code dataDir} with {@code flags}, its output in {@code log}.
     *
     * @param jvmOptions options for the child JVM, e.g. {@code -Xmx512m}
     * @param ompThreads OMP_NUM_THREADS for the child, or null to leave it unset (the server must tune itself)
     */
    static Process start(Path dataDir, Path log, List<String> jvmOptions, String ompThreads, String... flags)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-Dorg.slf4j.simpleLogger.defaultLogLevel=info", "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "--port", "0", "--data-dir",
                dataDir.toString()));
        command.addAll(List.of(flags));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        if (ompThreads == null) {
            builder.environment().remove("OMP_NUM_THREADS");
        } else {
            builder.environment().put("OMP_NUM_THREADS", ompThreads);
        }
        return builder.start();
    }

    /** Waits until the process's log names its URL, e.g. {@code http://127.0.0.1:40123/}. */
    static String awaitUrl(Process process, Path log) throws Exception {
        return awaitLine(process, log, URL, "the server to print its URL");
    }

    /** Waits until a worker's log names its health URL, e.g. {@code http://127.0.0.1:40123/}. */
    static String awaitWorkerUrl(Process process, Path log) throws Exception {
        return awaitLine(process, log, WORKER_URL, "the worker to print its health URL");
    }

    private static String awaitLine(Process process, Path log, Pattern line, String what) throws Exception {
        String text = Await.until(what, Duration.ofSeconds(120), () -> Files.exists(log) ? Files.readString(log) : "",
                t -> line.matcher(t).find() || !process.isAlive());
        Matcher m = line.matcher(text);
        assertTrue(m.find(), "the server exited: " + text);
        return m.group(1);
    }
}
