package lab.reptile.server.bench;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One HTTP/1.1 response read incrementally from a connection: the head is parsed, the body (Content-Length or
 * chunked) is skipped byte-count-wise without copying. Keeps the ETag so the next request can be conditional.
 */
final class HttpReply {
    private static final int MAX_HEAD = 16 * 1024;
    private final long sentAt; // the earlier of when the request was sent and when it was due
    private final long dueAt;
    private final byte[] head = new byte[MAX_HEAD];
    private int headLength;
    private int status = -1;
    private String etag;
    private long remaining = -1; // body bytes still to skip in the current chunk or body
    private boolean chunked;
    private final StringBuilder chunkLine = new StringBuilder();
    private int chunkState; // 0: size line, 1: data, 2: CRLF after data, 3: final CRLF
    private boolean complete;
    private boolean malformed;

    HttpReply(long sentAt, long dueAt, String lastEtag) {
        this.sentAt = sentAt;
        this.dueAt = dueAt;
        this.etag = lastEtag;
    }

    long sentAt() {
        return sentAt;
    }

    long dueAt() {
        return dueAt;
    }

    int status() {
        return status;
    }

    String etag() {
        return etag;
    }

    boolean complete() {
        return complete;
    }

    /** A complete 200 with a body or 304; anything else counts as an error. */
    boolean valid() {
        return !malformed && (status == 200 || status == 304);
    }

    /** Takes the bytes that arrived; returns false if the reply is malformed or more bytes came than it holds. */
    boolean consume(ByteBuffer bytes) {
        while (bytes.hasRemaining() && !complete && !malformed) {
            if (status < 0) {
                readHead(bytes);
            } else if (chunked) {
                readChunked(bytes);
            } else {
                skip(bytes);
                complete = remaining == 0;
            }
        }
        return !malformed && !bytes.hasRemaining();
    }

    private void readHead(ByteBuffer bytes) {
        while (bytes.hasRemaining() && status < 0) {
            if (headLength == MAX_HEAD) {
                malformed = true;
                return;
            }
            head[headLength++] = bytes.get();
            if (headLength >= 4 && head[headLength - 1] == '\n' && head[headLength - 2] == '\r'
                    && head[headLength - 3] == '\n' && head[headLength - 4] == '\r') {
                parseHead(new String(head, 0, headLength, StandardCharsets.ISO_8859_1));
            }
        }
    }

    private void parseHead(String text) {
        String[] lines = text.split("\r\n");
        status = lines[0].length() >= 12 ? Integer.parseInt(lines[0].substring(9, 12)) : 0;
        remaining = 0;
        for (String line : lines) {
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                remaining = Long.parseLong(line.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            } else if (lower.startsWith("etag:")) {
                etag = line.substring(5).trim();
            }
        }
        complete = !chunked && remaining == 0;
        if (status == 200 && complete) {
            malformed = true; // the weights are never empty
        }
    }

    private void readChunked(ByteBuffer bytes) {
        switch (chunkState) {
            case 0, 2, 3 -> {
                char c = (char) bytes.get();
                if (c != '\n') {
                    chunkLine.append(c);
                    return;
                }
                String line = chunkLine.toString().trim();
                chunkLine.setLength(0);
                if (chunkState == 0) {
                    remaining = Long.parseLong(line.split(";")[0], 16);
                    chunkState = remaining == 0 ? 3 : 1;
                } else if (chunkState == 2) {
                    chunkState = 0;
                } else {
                    complete = line.isEmpty();
                }
            }
            default -> {
                skip(bytes);
                if (remaining == 0) {
                    chunkState = 2;
                }
            }
        }
    }

    private void skip(ByteBuffer bytes) {
        int n = (int) Math.min(remaining, bytes.remaining());
        bytes.position(bytes.position() + n);
        remaining -= n;
    }
}
