package lab.reptile.server.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One server process of a multi-process test, by name ({@code r1}, {@code w2}, ...): started with fixed flags, each
 * start logging to a file of its own, and stopped the ways a machine stops it (SIGKILL, SIGTERM).
 */
final class LabProcess {
    /** Four or five JVMs share 2 cores here: a small heap each, one OpenMP thread (see DESIGN.md). */
    private static final List<String> JVM_OPTIONS = List.of("-Xmx384m");

    private final String name;
    private final boolean worker;
    private final Path dir;
    private final String[] flags;
    private Process process;
    private Path log;
    private String url;
    private int starts;

    /** @param worker true for {@code --role worker}, which logs its health URL instead of the page's */
    LabProcess(String name, boolean worker, Path dir, String... flags) {
        this.name = name;
        this.worker = worker;
        this.dir = dir;
        this.flags = flags;
    }

    String name() {
        return name;
    }

    /** Starts the process without waiting for it: JVMs start in parallel, then {@link #awaitUp()} each. */
    void start() throws IOException {
        starts++;
        log = dir.resolve(name + "-" + starts + ".log");
        process = ServerProcesses.start(dir.resolve(name), log, JVM_OPTIONS, "1", flags);
    }

    /** Waits until this start's log says it is up, and returns its base URL ({@code http://127.0.0.1:PORT/}). */
    String awaitUp() throws Exception {
        url = worker ? ServerProcesses.awaitWorkerUrl(process, log) : ServerProcesses.awaitUrl(process, log);
        return url;
    }

    /** The base URL of the current start, once up. */
    String url() {
        return url;
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** SIGKILL: no shutdown hook, no last checkpoint, no hand-back. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), name + " dies at SIGKILL");
    }

    /** Sends SIGTERM, the service manager's stop, without waiting: see {@link #awaitExit()}. */
    void terminate() {
        process.destroy();
    }

    /** Waits for the process to exit and returns its status. */
    int awaitExit() throws InterruptedException {
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), name + " exits: " + logText());
        return process.exitValue();
    }

    /** The current start's log so far. */
    String logText() {
        try {
            return log != null && Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    @Override
    public String toString() {
        return name + (url == null ? "" : " at " + url);
    }
}
