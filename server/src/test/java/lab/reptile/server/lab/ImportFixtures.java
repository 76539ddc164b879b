package lab.reptile.server.lab;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;
import lab.reptile.model.Params;
import lab.reptile.server.checkpoint.SealedFiles;

/**
 * The data dirs older releases wrote, for the import's tests (src/test/resources/fixtures, see its README):
 * {@link #MAIN}, main's file store with a finished default run and a visitor run killed mid-run, and
 * {@link #OLDEST}, the oldest release's single checkpoint of a default run killed mid-run.
 */
public final class ImportFixtures {
    public static final String MAIN = "main-release";
    public static final String OLDEST = "oldest-release";
    /** The visitor run of {@link #MAIN}: 20,000 tasks of seed 7, killed at meta-iteration 6,280 (checkpointed). */
    public static final String VISITOR = "nN1G4hvcd533DXzz";

    private ImportFixtures() {
    }

    /** A copy of fixture {@code name} in {@code target} (created), to import or to damage. */
    public static Path copy(String name, Path target) throws IOException {
        Path source;
        try {
            source = Path.of(ImportFixtures.class.getResource("/fixtures/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.toList()) {
                Path copy = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy);
                }
            }
        }
        return target;
    }

    /** The SHA-256 of every file under {@code root}, by relative path: to show that the files did not change. */
    public static Map<String, String> digests(Path root) throws IOException {
        Map<String, String> digests = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                digests.put(root.relativize(file).toString(), SealedFiles.sha256(Files.readAllBytes(file)));
            }
        }
        return digests;
    }

    /** The content of a sealed file (without its header), as it was served. */
    public static byte[] content(Path file) throws IOException {
        return SealedFiles.read(file).bytes();
    }

    /** The one directory {@code prefix}-something in {@code dir}, e.g. runs.imported-20261203T173600Z. */
    public static Path renamed(Path dir, String prefix) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith(prefix)).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + prefix + "* in " + dir));
        }
    }

    /** The small report of the lab's tests ({@link PlainLab#REPORT_TASKS} tasks). */
    static Function<Params, RunReport> smallReporter() {
        return weights -> new RunReport(RunReport.evaluate(weights, PlainLab.REPORT_TASKS), PlainLab.RANDOM_INIT);
    }
}
