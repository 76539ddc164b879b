package lab.reptile.server.lab;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import lab.reptile.model.ReptileConfig;

/**
 * What a run is, fixed when it is created: its id, hyperparameters, who started it and when, and its generation.
 *
 * @param createdAt  when the run was created, to the millisecond (queue order after a restart)
 * @param generation 8 URL-safe characters naming this training of the run: the default run keeps its id when it is
 *                   reset or retrained with another config, but gets a new generation, so its immutable snapshot URLs
 *                   ({@code /api/runs/{id}/generations/{generation}/snapshots/{index}}) never serve other bytes
 */
public record RunSpec(RunId id, ReptileConfig config, Origin origin, Instant createdAt, String generation) {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int GENERATION_BYTES = 6;

    public RunSpec {
        if (!isGeneration(generation)) {
            throw new IllegalArgumentException("malformed generation \"" + generation
                    + "\": 8 characters of A-Z, a-z, 0-9, _ and -");
        }
    }

    /** A new run's spec, with a fresh random generation. */
    public RunSpec(RunId id, ReptileConfig config, Origin origin, Instant createdAt) {
        this(id, config, origin, createdAt, randomGeneration());
    }

    /** True if {@code text} has a generation's form: 8 URL-safe characters. */
    private static boolean isGeneration(String text) {
        return text != null && text.matches("[A-Za-z0-9_-]{8}");
    }

    /**
     * The generation of a run file written before runs had one: derived from its id and creation time, so it is the
     * same at every start and differs between the default run's trainings (they were created at different times).
     */
    static String legacyGeneration(RunId id, Instant createdAt) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((id + "@" + createdAt).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static String randomGeneration() {
        byte[] bytes = new byte[GENERATION_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Who started a run: the server's command line, or a visitor through the API. */
    public enum Origin {
        SERVER,
        VISITOR;

        public String apiName() {
            return this == SERVER ? "server" : "visitor";
        }

        public static Origin fromApiName(String name) {
            return switch (name) {
                case "server" -> SERVER;
                case "visitor" -> VISITOR;
                default -> throw new IllegalArgumentException("unknown run origin \"" + name + "\"");
            };
        }
    }

    /** The timeline's meta-iterations for this run's config. */
    public long[] timelinePlan() {
        return TimelinePlan.of(config.metaIterations());
    }
}
