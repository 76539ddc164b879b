package lab.reptile.server.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import lab.reptile.model.ReptileConfig;
import lab.reptile.model.WeightsFile;
import lab.reptile.model.WeightsJson;
import lab.reptile.server.training.ConfigJson;

/**
 * Checkpoint files: a JSON body (format {@code reptile-checkpoint-v1}; config, metaIteration, the weights in
 * {@code reptile-mlp-v1}, the random state in base64) followed by a line {@code sha256:<hex of the body>}.
 */
final class CheckpointCodec {
    static final String FORMAT = "reptile-checkpoint-v1";
    private static final String CHECKSUM_PREFIX = "\nsha256:";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private CheckpointCodec() {
    }

    static byte[] encode(Checkpoint checkpoint) {
        try {
            ObjectNode body = MAPPER.createObjectNode();
            body.put("format", FORMAT);
            body.set("config", ConfigJson.write(MAPPER, checkpoint.config()));
            body.put("metaIteration", checkpoint.metaIteration());
            body.set("weights", MAPPER.readTree(WeightsJson.write(
                    WeightsFile.of(checkpoint.weights(), 0, checkpoint.metaIteration()))));
            body.put("randomState", Base64.getEncoder().encodeToString(checkpoint.randomState()));
            String text = MAPPER.writeValueAsString(body);
            return (text + CHECKSUM_PREFIX + sha256(text) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode a checkpoint", e);
        }
    }

    /** Decodes and verifies a file's bytes; any damage is an IllegalArgumentException that says what is wrong. */
    static Checkpoint decode(byte[] bytes) {
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
        try {
            JsonNode root = MAPPER.readTree(body);
            if (!FORMAT.equals(root.path("format").asText())) {
                throw new IllegalArgumentException("format must be " + FORMAT + ", got " + root.path("format"));
            }
            ReptileConfig config = ConfigJson.read(root.get("config"));
            long metaIteration = root.path("metaIteration").asLong(-1);
            if (metaIteration < 0 || metaIteration > config.metaIterations()) {
                throw new IllegalArgumentException("metaIteration out of range: " + root.path("metaIteration"));
            }
            WeightsFile weights = WeightsJson.read(root.path("weights").toString());
            byte[] randomState = Base64.getDecoder().decode(root.path("randomState").asText());
            return new Checkpoint(config, metaIteration, weights.toParams(), randomState);
        } catch (IOException e) {
            throw new IllegalArgumentException("body is not valid JSON: " + e.getMessage(), e);
        }
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
