package lab.reptile.server.snapshot;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/** Strong ETags derived from content: the same bytes give the same tag in every process, other bytes another. */
public final class ContentEtag {
    /** 128 bits of SHA-256: collisions are out of reach, and the tag stays short. */
    private static final int BYTES = 16;

    private ContentEtag() {
    }

    /** The quoted tag of {@code content}, e.g. {@code "Zm9v..."} (22 URL-safe characters inside the quotes). */
    public static String of(byte[] content) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(content);
            return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, BYTES)) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
