package lab.reptile.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The server's layers, as docs/ARCHITECTURE.md draws them: only the http package speaks HTTP (Javalin, Jetty,
 * servlets), only lab and store speak SQL, and no package below http (lab, store, training, checkpoint, snapshot,
 * baseline) refers to the http or cli package. Scans the sources, fully qualified names included.
 */
class ServerLayeringTest {
    private static final Path SOURCES = Path.of("src/main/java/lab/reptile/server");
    private static final List<String> HTTP = List.of("io.javalin", "org.eclipse.jetty", "jakarta.servlet",
            "javax.servlet");
    private static final List<String> BELOW_HTTP = List.of("lab", "store", "training", "checkpoint", "snapshot",
            "baseline");
    private static final List<String> SQL = List.of("java.sql", "javax.sql", "com.github.kagkarlsson", "org.flywaydb",
            "com.zaxxer", "org.h2", "org.postgresql");

    @Test
    void onlyTheHttpPackageSpeaksHttp() throws IOException {
        List<String> found = new ArrayList<>();
        for (Path source : sources()) {
            if (!source.startsWith(SOURCES.resolve("http"))) {
                found.addAll(references(source, HTTP));
            }
        }
        assertEquals(List.of(), found);
    }

    @Test
    void onlyTheLabAndTheStoreSpeakSql() throws IOException {
        List<String> found = new ArrayList<>();
        for (Path source : sources()) {
            if (!source.startsWith(SOURCES.resolve("lab")) && !source.startsWith(SOURCES.resolve("store"))) {
                found.addAll(references(source, SQL));
            }
        }
        assertEquals(List.of(), found);
    }

    @Test
    void theLayersBelowHttpKnowNothingOfItOrOfTheCommandLine() throws IOException {
        List<String> found = new ArrayList<>();
        for (String layer : BELOW_HTTP) {
            for (Path source : sources()) {
                if (source.startsWith(SOURCES.resolve(layer))) {
                    found.addAll(references(source, List.of("lab.reptile.server.http", "lab.reptile.server.cli",
                            "lab.reptile.server.bench")));
                }
            }
        }
        assertEquals(List.of(), found);
    }

    private static List<Path> sources() throws IOException {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            List<Path> sources = files.filter(p -> p.toString().endsWith(".java")).toList();
            assertTrue(sources.size() >= 40, "found only " + sources.size() + " sources in " + SOURCES.toAbsolutePath());
            return sources;
        }
    }

    /** "File.java: prefix" for each forbidden prefix that starts a qualified name in the file. */
    private static List<String> references(Path source, List<String> prefixes) throws IOException {
        String text = Files.readString(source);
        List<String> found = new ArrayList<>();
        for (String prefix : prefixes) {
            if (Pattern.compile("(?<![\\w.])" + Pattern.quote(prefix) + "\\.").matcher(text).find()) {
                found.add(source.getFileName() + ": " + prefix);
            }
        }
        return found;
    }
}
