package lab.reptile.server.snapshot;

import java.nio.charset.StandardCharsets;
import lab.reptile.model.Params;
import lab.reptile.model.WeightsFile;
import lab.reptile.model.WeightsJson;

/**
 * One published state of the meta-weights, immutable, with its {@code reptile-mlp-v1} JSON serialised once so that
 * serving it costs no encoding.
 *
 * @param version   increases with every snapshot the server publishes (the ETag)
 * @param json      the weights file as UTF-8 bytes; do not modify
 */
public record Snapshot(long version, long metaIteration, long tasksDone, Params weights, byte[] json) {

    public static Snapshot of(long version, long metaIteration, long tasksDone, Params weights) {
        String text = WeightsJson.write(WeightsFile.of(weights, version, metaIteration));
        return new Snapshot(version, metaIteration, tasksDone, weights, text.getBytes(StandardCharsets.UTF_8));
    }

    /** The strong ETag of this snapshot, quoted as HTTP wants it. */
    public String etag() {
        return "\"" + version + "\"";
    }
}
