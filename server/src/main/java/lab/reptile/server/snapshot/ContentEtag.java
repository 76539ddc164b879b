package lab.reptile.server.snapshot;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

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
            return tag(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** The tag of content whose SHA-256 is {@code sha256Hex} (64 hex digits): the same as {@link #of} its bytes. */
    public static String ofSha256(String sha256Hex) {
        return tag(HexFormat.of().parseHex(sha256Hex));
    }

    private static String tag(byte[] digest) {
        return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, BYTES)) + "\"";
    }
}
