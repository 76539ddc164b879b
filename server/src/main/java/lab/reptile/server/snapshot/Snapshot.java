package lab.reptile.server.snapshot;

import java.nio.charset.StandardCharsets;
import lab.reptile.model.Params;
import lab.reptile.model.WeightsFile;
import lab.reptile.model.WeightsJson;

/**
 * One published state of the meta-weights, immutable, with its {@code reptile-mlp-v1} JSON serialised once so that
 * serving it costs no encoding.
 *
 * @param version   the weights file's version: increases with every snapshot a run publishes
 * @param json      the weights file as UTF-8 bytes; do not modify
 * @param etag      the quoted strong ETag of {@code json}, from {@link ContentEtag}
 */
public record Snapshot(long version, long metaIteration, long tasksDone, Params weights, byte[] json, String etag) {

    public static Snapshot of(long version, long metaIteration, long tasksDone, Params weights) {
        byte[] json = WeightsJson.write(WeightsFile.of(weights, version, metaIteration)).getBytes(StandardCharsets.UTF_8);
        return new Snapshot(version, metaIteration, tasksDone, weights, json, ContentEtag.of(json));
    }
}
