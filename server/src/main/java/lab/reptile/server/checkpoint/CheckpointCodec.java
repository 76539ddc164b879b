package lab.reptile.server.checkpoint;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import lab.reptile.jackson.JacksonTree;
import lab.reptile.model.JsonTree;
import lab.reptile.model.ReptileConfig;
import lab.reptile.model.WeightsFile;
import lab.reptile.model.WeightsJson;
import lab.reptile.server.training.ConfigJson;

/**
 * Checkpoint files: a JSON body (format {@code reptile-checkpoint-v1}; config, metaIteration, the weights in
 * {@code reptile-mlp-v1}, the random state in base64) followed by a line {@code sha256:<hex of the body>}.
 */
public final class CheckpointCodec {
    static final String FORMAT = "reptile-checkpoint-v1";
    private static final String CHECKSUM_PREFIX = "\nsha256:";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private CheckpointCodec() {
    }

    public static byte[] encode(Checkpoint checkpoint) {
        StringWriter text = new StringWriter();
        try (JsonGenerator out = MAPPER.createGenerator(text)) {
            out.writeStartObject();
            out.writeStringField("format", FORMAT);
            out.writeFieldName("config");
            MAPPER.writeTree(out, ConfigJson.write(MAPPER, checkpoint.config()));
            out.writeNumberField("metaIteration", checkpoint.metaIteration());
            out.writeFieldName("weights"); // the canonical text as it is, not re-encoded by Jackson
            out.writeRawValue(WeightsJson.write(WeightsFile.of(checkpoint.weights(), 0, checkpoint.metaIteration())));
            out.writeStringField("randomState", Base64.getEncoder().encodeToString(checkpoint.randomState()));
            out.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode a checkpoint", e);
        }
        String body = text.toString();
        return (body + CHECKSUM_PREFIX + sha256(body) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** Decodes and verifies a file's bytes; any damage is an IllegalArgumentException that says what is wrong. */
    public static Checkpoint decode(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        int split = text.lastIndexOf(CHECKSUM_PREFIX);
        if (split < 0) {
            throw new IllegalArgumentException("no checksum line (truncated file?)");
        }
        String body = text.substring(0, split);
        String checksum = text.substring(split + CHECKSUM_PREFIX.length()).trim();
        if (!checksum.equals(sha256(body))) {
            throw new IllegalArgumentException("checksum mismatch: the file is corrupt or truncated");
        }
        JacksonTree tree = JacksonTree.parse(body); // strict, as for every JSON the server reads
        JsonNode root = tree.node();
        if (!FORMAT.equals(root.path("format").asText())) {
            throw new IllegalArgumentException("format must be " + FORMAT + ", got " + root.path("format"));
        }
        ReptileConfig config = ConfigJson.read(root.get("config"));
        long metaIteration = root.path("metaIteration").asLong(-1);
        if (metaIteration < 0 || metaIteration > config.metaIterations()) {
            throw new IllegalArgumentException("metaIteration out of range: " + root.path("metaIteration"));
        }
        JsonTree weightsTree = tree.get("weights");
        if (weightsTree == null) {
            throw new IllegalArgumentException("missing key \"weights\"");
        }
        WeightsFile weights = WeightsJson.read(weightsTree);
        byte[] randomState = Base64.getDecoder().decode(root.path("randomState").asText());
        return new Checkpoint(config, metaIteration, weights.weights(), randomState);
    }

    private static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
