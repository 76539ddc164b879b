package lab.reptile.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import lab.reptile.jackson.JacksonTree;

/** The golden {@code reptile-mlp-v1} file in test resources, and edits of it for rejection tests. */
final class GoldenWeights {
    static final String RESOURCE = "/reptile-mlp-v1-golden.json";

    private GoldenWeights() {
    }

    static String text() {
        try (InputStream in = GoldenWeights.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads {@code text} as the JVM does: Jackson's strict view, then the one reader. */
    static WeightsFile read(String text) {
        return WeightsJson.read(JacksonTree.parse(text));
    }

    /** The golden text with its one occurrence of {@code from} replaced, failing if it is not there exactly once. */
    static String with(String from, String to) {
        String text = text();
        int at = text.indexOf(from);
        assertTrue(at >= 0 && text.indexOf(from, at + 1) < 0, "golden file holds \"" + from + "\" once");
        return text.substring(0, at) + to + text.substring(at + from.length());
    }
}
