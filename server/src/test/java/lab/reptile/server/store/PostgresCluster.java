package lab.reptile.server.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL cluster for integration tests: Debian's server binaries on a free port of 127.0.0.1, its
 * data, socket and log in a temp dir, no Docker; stopped by a shutdown hook if a test never closes it.
 */
public final class PostgresCluster implements AutoCloseable {
    private static final Path DEBIAN_BINARIES = Path.of("/usr/lib/postgresql"); // <version>/bin/initdb, not on PATH
    private static final String USER = "postgres"; // initdb's superuser, and the OS user the server runs as for root
    private static final String DATABASE = "lab";
    private static final String PG_CTL_WAIT_SECONDS = "30";
    private static final long COMMAND_SECONDS = 60; // longer than pg_ctl's own wait, so pg_ctl reports first
    private static final int LOG_TAIL_LINES = 30;

    private final Path bin;
    private final Path home; // owned by the server's user: data/, the Unix socket and the log
    private final Path data;
    private final Path log;
    private final int port;
    private final boolean runAsPostgres; // PostgreSQL refuses to run as root: tests run as root here and in CI
    private final Thread shutdownHook = new Thread(this::stopAtExit, "PostgresCluster stop");
    private boolean running;

    private PostgresCluster(Path bin, Path home, int port, boolean runAsPostgres) {
        this.bin = bin;
        this.home = home;
        this.data = home.resolve("data");
        this.log = home.resolve("postgres.log");
        this.port = port;
        this.runAsPostgres = runAsPostgres;
    }

    /** Creates a cluster in {@code tempDir}/postgres, starts it on a free port and creates the database {@code lab}. */
    public static PostgresCluster start(Path tempDir) throws IOException, InterruptedException {
        boolean root = ProcessHandle.current().info().user().filter("root"::equals).isPresent();
        PostgresCluster cluster = new PostgresCluster(binaries(), tempDir.resolve("postgres"), freePort(), root);
        cluster.prepareHome();
        Runtime.getRuntime().addShutdownHook(cluster.shutdownHook);
        try {
            // Trust authentication on 127.0.0.1 only: a test database, any password (or none) is accepted.
            cluster.run("initdb", "-D", cluster.data.toString(), "-U", USER, "--auth=trust", "--encoding=UTF8",
                    "--locale=C", "--no-sync");
            cluster.startServer();
            cluster.run("createdb", "-h", "127.0.0.1", "-p", Integer.toString(cluster.port), "-U", USER, DATABASE);
        } catch (Throwable e) {
            try {
                cluster.close();
            } catch (Throwable cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        return cluster;
    }

    /** The test database's URL; its timeouts (seconds) make a stopped or stuck server fail a test, not hang it. */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE + "?connectTimeout=5&socketTimeout=60";
    }

    /** The superuser to connect as; trust authentication, so the password does not matter. */
    public String user() {
        return USER;
    }

    /** Stops the server with a fast shutdown (sessions are cut, committed data is kept); a no-op when stopped. */
    public synchronized void stop() throws IOException, InterruptedException {
        if (running) {
            run("pg_ctl", "-D", data.toString(), "-m", "fast", "-w", "-t", PG_CTL_WAIT_SECONDS, "stop");
            running = false;
        }
    }

    /** Starts the stopped server again on the same port and data, and waits until it accepts connections. */
    public synchronized void restart() throws IOException, InterruptedException {
        if (running) {
            throw new IllegalStateException("the cluster in " + home + " is already running");
        }
        startServer();
    }

    private synchronized void startServer() throws IOException, InterruptedException {
        // pg_ctl passes -o to the server through a shell, hence the quotes; the server inherits pg_ctl's output.
        String options = "-p " + port + " -c listen_addresses=127.0.0.1 -k '" + home + "'";
        run("pg_ctl", "-D", data.toString(), "-o", options, "-w", "-t", PG_CTL_WAIT_SECONDS, "start");
        running = true;
    }

    /** Stops the server and removes its files. */
    @Override
    public synchronized void close() throws IOException, InterruptedException {
        try {
            stop();
        } finally {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
            if (Files.exists(home)) {
                try (Stream<Path> files = Files.walk(home)) {
                    for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(file);
                    }
                }
            }
        }
    }

    @Override
    public String toString() {
        return "PostgreSQL on 127.0.0.1:" + port + " in " + home;
    }

    /** The newest Debian server version installed, e.g. /usr/lib/postgresql/15/bin. */
    private static Path binaries() throws IOException {
        Optional<Path> newest = Optional.empty();
        if (Files.isDirectory(DEBIAN_BINARIES)) {
            try (Stream<Path> versions = Files.list(DEBIAN_BINARIES)) {
                newest = versions.filter(v -> v.getFileName().toString().matches("\\d+"))
                        .map(v -> v.resolve("bin"))
                        .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
                        .max(Comparator.comparingInt(b -> Integer.parseInt(b.getParent().getFileName().toString())));
            }
        }
        return newest.orElseThrow(() -> new AssertionError("no PostgreSQL server (initdb, pg_ctl) in "
                + DEBIAN_BINARIES + "/*/bin: ./test-all.sh installs Debian's postgresql"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Creates the home; as root, hands it to the postgres user and lets that user through its parent (mode 700). */
    private void prepareHome() throws IOException {
        Files.createDirectories(home);
        if (runAsPostgres) {
            UserPrincipal postgres;
            try {
                postgres = FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName(USER);
            } catch (UserPrincipalNotFoundException e) {
                throw new AssertionError("no OS user " + USER + ": ./test-all.sh installs Debian's postgresql", e);
            }
            Files.setOwner(home, postgres);
            Set<PosixFilePermission> parent = Files.getPosixFilePermissions(home.getParent());
            parent.add(PosixFilePermission.OTHERS_EXECUTE);
            Files.setPosixFilePermissions(home.getParent(), parent);
        }
    }

    /** Runs one of the server's binaries (as the postgres user for root), its output appended to the log. */
    private void run(String binary, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (runAsPostgres) {
            command.addAll(List.of("runuser", "-u", USER, "--"));
        }
        command.add(bin.resolve(binary).toString());
        command.addAll(List.of(args));
        // In the home, since the postgres user may not be allowed into the JVM's working directory.
        Process process = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(Redirect.appendTo(log.toFile())).start();
        if (!process.waitFor(COMMAND_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw failure(binary + " did not finish in " + COMMAND_SECONDS + " s");
        }
        if (process.exitValue() != 0) {
            throw failure(String.join(" ", command) + " failed with exit code " + process.exitValue());
        }
    }

    private IllegalStateException failure(String what) throws IOException {
        String text = Files.exists(log) ? new String(Files.readAllBytes(log), StandardCharsets.UTF_8) : "";
        List<String> lines = text.lines().toList();
        String tail = String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        return new IllegalStateException(what + "; the end of " + log + ":\n" + tail);
    }

    /** The shutdown hook: an immediate stop, since nothing is left to keep when the test JVM exits. */
    private synchronized void stopAtExit() {
        if (running) {
            try {
                run("pg_ctl", "-D", data.toString(), "-m", "immediate", "-w", "-t", PG_CTL_WAIT_SECONDS, "stop");
                running = false;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
