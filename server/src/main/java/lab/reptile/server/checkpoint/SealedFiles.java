package lab.reptile.server.checkpoint;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Files that carry their own checksum: one header line {@code reptile-sealed-v1 sha256=<64 hex> bytes=<n>}, then
 * the content, written atomically through {@link AtomicFiles}. Reading verifies both, so a truncated file or a
 * flipped digit is reported as {@link DamagedFileException}, never returned as good. A file without the header
 * (written before files were sealed) must start like JSON and is returned as it is, marked unsealed.
 */
public final class SealedFiles {
    private static final String MAGIC = "reptile-sealed-v1 ";
    private static final int HEADER_MAX = 160;

    private SealedFiles() {
    }

    /** A file's content, and whether it carried a checksum that verified (false: an older, unsealed file). */
    public record Content(byte[] bytes, boolean sealed) {
    }

    /** Writes {@code content} behind its header, atomically and durably. */
    public static void write(Path target, byte[] content) throws IOException {
        AtomicFiles.write(target, seal(content));
    }

    /** The verified content of {@code file}; NoSuchFileException if there is none, DamagedFileException if damaged. */
    public static Content read(Path file) throws IOException {
        return open(Files.readAllBytes(file), file.getFileName().toString());
    }

    static byte[] seal(byte[] content) {
        byte[] header = (MAGIC + "sha256=" + sha256(content) + " bytes=" + content.length + "\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] sealed = Arrays.copyOf(header, header.length + content.length);
        System.arraycopy(content, 0, sealed, header.length, content.length);
        return sealed;
    }

    /** The content of {@code stored} (the bytes of the file {@code name}), verified. */
    static Content open(byte[] stored, String name) throws DamagedFileException {
        if (!startsWith(stored, MAGIC)) {
            if (stored.length > 0 && (stored[0] == '{' || stored[0] == '[')) {
                return new Content(stored, false);
            }
            throw new DamagedFileException(name, stored.length == 0 ? "the file is empty"
                    : "it has neither a checksum header nor JSON");
        }
        int newline = indexOf(stored, (byte) '\n', Math.min(stored.length, HEADER_MAX));
        if (newline < 0) {
            throw new DamagedFileException(name, "its checksum header is cut off");
        }
        String[] fields = new String(stored, MAGIC.length(), newline - MAGIC.length(), StandardCharsets.US_ASCII)
                .split(" ");
        if (fields.length != 2 || !fields[0].matches("sha256=[0-9a-f]{64}")
                || !fields[1].matches("bytes=[0-9]{1,10}")) {
            throw new DamagedFileException(name, "its checksum header is malformed");
        }
        long declared = Long.parseLong(fields[1].substring("bytes=".length()));
        byte[] content = Arrays.copyOfRange(stored, newline + 1, stored.length);
        if (content.length != declared) {
            throw new DamagedFileException(name, "it holds " + content.length + " bytes of content, its header says "
                    + declared + " (truncated or appended to)");
        }
        if (!fields[0].substring("sha256=".length()).equals(sha256(content))) {
            throw new DamagedFileException(name, "its content does not match its SHA-256 (changed on disk)");
        }
        return new Content(content, true);
    }

    private static boolean startsWith(byte[] bytes, String prefix) {
        byte[] p = prefix.getBytes(StandardCharsets.US_ASCII);
        return bytes.length >= p.length && Arrays.equals(bytes, 0, p.length, p, 0, p.length);
    }

    private static int indexOf(byte[] bytes, byte value, int end) {
        for (int i = 0; i < end; i++) {
            if (bytes[i] == value) {
                return i;
            }
        }
        return -1;
    }

    /** Lower-case hex SHA-256 of {@code bytes}. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
