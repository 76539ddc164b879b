package lab.reptile.server.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Reads request bodies within a size limit, a deadline and {@link BodyGate}'s share per client, as strict UTF-8,
 * and checks what they claim to be. An oversized body is read and dropped (up to {@link #DISCARD_BYTES}) before
 * the 413, so the client reads the answer rather than a reset.
 */
final class RequestBodies {
    /** Largest accepted body; hyperparameters fit in a few hundred bytes. */
    static final int MAX_BYTES = 64 * 1024;
    /** A body, or what is dropped of an oversized one, must have arrived this long after its read began. */
    static final long DEADLINE_MILLIS = 10_000;
    /** Jetty answers 408 to a body that arrives slower than this, counted from its first byte. */
    static final long MIN_BYTES_PER_SECOND = 1024;
    /** Of an oversized body, at most this much is read and dropped before the 413 (within the deadline). */
    static final long DISCARD_BYTES = 128L << 20;
    /** Bodies one client may send at once; the rest get 429 at once. */
    static final int READS_PER_CLIENT = 2;
    /** Bodies the server reads at once (each holds a thread of Jetty's 250); the rest get 503 at once. */
    static final int READS_IN_ALL = 32;

    /**
     * Oversized bodies drained at once, per client and in all: their own small share, so slow oversized bodies
     * cannot take the reads of real ones.
     */
    static final int DRAINS_PER_CLIENT = 1;
    static final int DRAINS_IN_ALL = 8;

    private final ClientAddress clients;
    private final BodyGate gate;
    private final BodyGate drains = new BodyGate(DRAINS_PER_CLIENT, DRAINS_IN_ALL);

    RequestBodies(ClientAddress clients, BodyGate gate) {
        this.clients = clients;
        this.gate = gate;
    }

    /**
     * Refuses a declared body over the limit before any route reads it: with {@code Expect: 100-continue} the client
     * has not sent it and will not; otherwise it is on its way, and is read and dropped first.
     */
    void refuseDeclaredOversize(Context ctx) {
        if (declaredLength(ctx) <= MAX_BYTES) {
            return;
        }
        String expect = ctx.header("Expect");
        if (expect != null && expect.equalsIgnoreCase("100-continue")) {
            throw tooLarge(ctx);
        }
        String client = clients.of(ctx);
        if (drains.enter(client) != null) {
            throw tooLarge(ctx); // draining's own share is taken: answer now, and leave the rest unread
        }
        try (DeadlineRead body = new DeadlineRead(ctx, DEADLINE_MILLIS)) {
            body.discard(DISCARD_BYTES);
        } catch (IOException e) {
            // no stream to drain: the 413 goes out all the same
        } finally {
            drains.leave(client);
        }
        throw tooLarge(ctx);
    }

    /** Before reading: 415 unless the declared type is JSON in UTF-8, or there is no type and no declared body. */
    static void requireJsonType(Context ctx) {
        String type = ctx.header("Content-Type");
        if (type == null) {
            if (declaredLength(ctx) > 0) {
                throw untyped();
            }
            return;
        }
        String[] parts = type.toLowerCase(Locale.ROOT).split(";", -1);
        boolean json = parts[0].trim().equals("application/json");
        for (int i = 1; i < parts.length && json; i++) {
            String param = parts[i].trim().replace("\"", "");
            json = param.isEmpty() || param.equals("charset=utf-8");
        }
        if (!json) {
            throw new ApiException(415, "Content-Type must be application/json (UTF-8), got \"" + shorten(type) + "\"");
        }
    }

    /** The body of a request that takes JSON, as text ("" for none); call {@link #requireJsonType} first. */
    String readJson(Context ctx) {
        requireJsonType(ctx);
        String text = read(ctx);
        if (!text.isEmpty() && ctx.header("Content-Type") == null) { // a chunked body declares no length
            throw untyped();
        }
        return text;
    }

    /** For endpoints that take no body: 400 if one was sent. */
    void requireEmpty(Context ctx) {
        if (!read(ctx).isEmpty()) {
            throw new ApiException(400, ctx.method() + " " + ctx.path() + " takes no body");
        }
    }

    /**
     * The declared Content-Length, -1 for none. The servlet's int getter says -1 for a length past 2 GiB too, which
     * once made such a body count as none (and a run start without reading it): take the long one, and count a
     * Content-Length header Jetty could not give as a number as too large.
     */
    static long declaredLength(Context ctx) {
        long length = ctx.req().getContentLengthLong();
        return length < 0 && ctx.header("Content-Length") != null ? Long.MAX_VALUE : length;
    }

    static String shorten(String text) {
        return text.length() <= 100 ? text : text.substring(0, 100) + "…";
    }

    /** The body as text; 413 past {@link #MAX_BYTES}, 408 past the deadline, 400 if it is not UTF-8. */
    private String read(Context ctx) {
        refuseDeclaredOversize(ctx);
        long declared = declaredLength(ctx);
        if (declared == 0 || declared < 0 && ctx.header("Transfer-Encoding") == null) {
            return ""; // no body: nothing to wait for, no share of the gate used
        }
        String client = enter(ctx);
        byte[] bytes;
        try (DeadlineRead body = new DeadlineRead(ctx, DEADLINE_MILLIS)) {
            bytes = body.upTo(MAX_BYTES + 1); // chunked bodies have no declared length: stop one byte past
            if (bytes.length > MAX_BYTES) {
                body.discard(DISCARD_BYTES);
                throw tooLarge(ctx);
            }
        } catch (IOException e) {
            throw new ApiException(400, "could not read the body: " + e.getMessage());
        } finally {
            gate.leave(client);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ApiException(400, "body is not valid UTF-8");
        }
    }

    /** Takes a share of the gate for this request's client, or refuses at once with Retry-After. */
    private String enter(Context ctx) {
        String client = clients.of(ctx);
        BodyGate.Refusal refusal = gate.enter(client);
        if (refusal == null) {
            return client;
        }
        ctx.header("Retry-After", Long.toString(DEADLINE_MILLIS / 1000));
        ctx.header("Connection", "close"); // the body stays unread
        throw switch (refusal) {
            case CLIENT_BUSY -> new ApiException(429, "this client is sending " + gate.perClient()
                    + " request bodies already, the most it may at once; send one when another is answered");
            case SERVER_BUSY -> new ApiException(503, "the server is reading " + gate.total()
                    + " request bodies already, the most it reads at once; try again shortly");
        };
    }

    /** 413, on a connection that closes after it (the body, or its rest, is not read). */
    private static ApiException tooLarge(Context ctx) {
        ctx.header("Connection", "close");
        return new ApiException(413, "body is larger than " + MAX_BYTES + " bytes");
    }

    private static ApiException untyped() {
        return new ApiException(415, "a request body needs Content-Type: application/json; this one has none");
    }
}
