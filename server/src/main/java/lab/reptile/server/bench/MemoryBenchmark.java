package lab.reptile.server.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The server's resident memory after the default run (90,000 tasks), started as a plain {@code java -jar} and as the
 * old tuned command line ({@code OMP_NUM_THREADS=1 java -Xmx512m -jar}), one after the other on fresh data dirs.
 *
 * <p>Usage, after {@code mvn -q -B package -DskipTests}: {@code java -cp "server/target/reptile-server.jar:server/
 * target/lib/*" lab.reptile.server.bench.MemoryBenchmark}.
 */
public final class MemoryBenchmark {
    private static final Path JAR = Path.of("server/target/reptile-server.jar");
    /** After the run: the report's evaluation, then a few idle seconds for the periodic GC. */
    private static final long SETTLE_MILLIS = 10_000;

    private MemoryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("memory-bench");
        System.out.printf(Locale.ROOT, "load average %s; logs in %s%n", ServerProcess.loadAverage(), dir);
        measure(dir, "plain java -jar", List.of(), Map.of());
        measure(dir, "OMP_NUM_THREADS=1 java -Xmx512m -jar", List.of("-Xmx512m"), Map.of("OMP_NUM_THREADS", "1"));
        System.out.printf(Locale.ROOT, "load average at the end %s%n", ServerProcess.loadAverage());
    }

    private static void measure(Path dir, String name, List<String> jvm, Map<String, String> env) throws Exception {
        String id = Integer.toString(name.hashCode() & 0xffff);
        List<String> flags = List.of("--data-dir", dir.resolve(id).toString(), "--fresh");
        try (ServerProcess server = ServerProcess.start(JAR, dir.resolve(id + ".log"), jvm, env, flags)) {
            server.awaitFinished("default");
            Thread.sleep(SETTLE_MILLIS);
            System.out.printf(Locale.ROOT, "%-38s resident %4.0f MB after the default run%n", name,
                    server.residentBytes() / 1e6);
        }
    }
}
