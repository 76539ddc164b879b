package lab.reptile.server.snapshot;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import lab.reptile.jackson.JacksonTree;
import lab.reptile.model.Params;
import lab.reptile.model.WeightsFile;
import lab.reptile.model.WeightsJson;

/**
 * One published state of the meta-weights, immutable, with its {@code reptile-mlp-v1} JSON serialised once so that
 * serving it costs no encoding and no copy. Snapshots are equal when version, progress and weights are (the JSON
 * follows from them).
 */
public final class Snapshot {
    private final long version;
    private final long metaIteration;
    private final long tasksDone;
    private final Params weights;
    private final byte[] json; // never handed out: read through json(), jsonCopy() or writeJsonTo
    private final String etag;

    private Snapshot(long version, long metaIteration, long tasksDone, Params weights, byte[] json) {
        this.version = version;
        this.metaIteration = metaIteration;
        this.tasksDone = tasksDone;
        this.weights = weights;
        this.json = json;
        this.etag = ContentEtag.of(json);
    }

    /** @param version the weights file's version: increases with every snapshot a run publishes */
    public static Snapshot of(long version, long metaIteration, long tasksDone, Params weights) {
        String text = WeightsJson.write(WeightsFile.of(weights, version, metaIteration));
        return new Snapshot(version, metaIteration, tasksDone, weights, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The snapshot whose weights file is exactly {@code json} (kept as it is, so its ETag is that of the bytes),
     * {@code tasksDone} tasks in; an IllegalArgumentException naming the problem if it is not a valid file.
     */
    public static Snapshot parse(byte[] json, long tasksDone) {
        WeightsFile file = WeightsJson.read(JacksonTree.parse(new String(json, StandardCharsets.UTF_8)));
        return new Snapshot(file.version(), file.metaIteration(), tasksDone, file.weights(), json.clone());
    }

    public long version() {
        return version;
    }

    public long metaIteration() {
        return metaIteration;
    }

    public long tasksDone() {
        return tasksDone;
    }

    public Params weights() {
        return weights;
    }

    /** The weights file as UTF-8: a read-only view of the bytes (no copy), positioned at their start. */
    public ByteBuffer json() {
        return ByteBuffer.wrap(json).asReadOnlyBuffer();
    }

    /** A copy of the weights file's bytes, for what keeps them elsewhere (a file, a prepared response). */
    public byte[] jsonCopy() {
        return json.clone();
    }

    /** Writes the weights file's bytes to {@code out} in one call, without copying them (the per-request path). */
    public void writeJsonTo(OutputStream out) throws IOException {
        out.write(json);
    }

    /** The strong ETag of the JSON, derived from its bytes ({@link ContentEtag}), quoted as HTTP wants it. */
    public String etag() {
        return etag;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Snapshot that && version == that.version && metaIteration == that.metaIteration
                && tasksDone == that.tasksDone && weights.equals(that.weights);
    }

    @Override
    public int hashCode() {
        return Objects.hash(version, metaIteration, tasksDone, weights);
    }

    @Override
    public String toString() {
        return "Snapshot[version=" + version + ", metaIteration=" + metaIteration + ", tasksDone=" + tasksDone + "]";
    }
}
