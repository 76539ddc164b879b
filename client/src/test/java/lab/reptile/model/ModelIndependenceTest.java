package lab.reptile.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The model package stays plain Java: no TeaVM, no browser code and no JSON or HTTP library, so the server reuses it
 * and TeaVM compiles it unchanged. Scans the package's sources, fully qualified names included, not just imports.
 */
class ModelIndependenceTest {
    private static final Path MODEL_SOURCES = Path.of("src/main/java/lab/reptile/model");
    private static final List<String> FORBIDDEN = List.of(
            "org.teavm", "lab.reptile.browser", "lab.reptile.server",
            "com.fasterxml", "org.json", "com.google.gson", "javax.json", "jakarta.json", "jakarta.servlet",
            "java.net", "javax.servlet", "io.javalin", "okhttp3", "org.apache.http", "org.apache.hc",
            "org.eclipse.jetty", "org.deeplearning4j", "org.nd4j");

    @Test
    void modelSourcesReferNoTeaVmBrowserJsonOrHttpPackage() throws IOException {
        List<Path> sources;
        try (Stream<Path> files = Files.walk(MODEL_SOURCES)) {
            sources = files.filter(p -> p.toString().endsWith(".java")).toList();
        }
        assertTrue(sources.size() >= 15,
                "found only " + sources.size() + " sources in " + MODEL_SOURCES.toAbsolutePath());
        List<String> found = new ArrayList<>();
        for (Path source : sources) {
            for (String reference : forbiddenReferences(Files.readString(source, StandardCharsets.UTF_8))) {
                found.add(source.getFileName() + ": " + reference);
            }
        }
        assertEquals(List.of(), found);
    }

    @Test
    void scanFindsImportsAndQualifiedNamesButNotLookalikes() {
        String source = "package lab.reptile.model;\nimport org.teavm.jso.JSBody;\nimport java.util.List;\n"
                + "class X { com.fasterxml.jackson.databind.ObjectMapper m; String s = \"myorg.json.Thing\";\n"
                + "  lab.reptile.browserless.Y y; }\n";
        assertEquals(List.of("org.teavm", "com.fasterxml"), forbiddenReferences(source));
    }

    /** Forbidden package prefixes that occur as the start of a qualified name (not inside a longer name). */
    private static List<String> forbiddenReferences(String source) {
        List<String> found = new ArrayList<>();
        for (String prefix : FORBIDDEN) {
            if (Pattern.compile("(?<![\\w.])" + Pattern.quote(prefix) + "\\.").matcher(source).find()) {
                found.add(prefix);
            }
        }
        return found;
    }
}
