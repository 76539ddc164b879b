package lab.reptile.server.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Reads request bodies within a size limit, as strict UTF-8, and checks what they claim to be. */
final class RequestBodies {
    /** Largest accepted body; hyperparameters fit in a few hundred bytes. */
    static final int MAX_BYTES = 64 * 1024;

    private RequestBodies() {
    }

    /** Refuses a declared body over the limit before anything reads it (chunked bodies are caught by read). */
    static void checkDeclaredLength(Context ctx) {
        if (ctx.contentLength() > MAX_BYTES) {
            throw tooLarge();
        }
    }

    /** The body as text; 413 past {@link #MAX_BYTES}, 400 if it is not UTF-8. */
    static String read(Context ctx) {
        checkDeclaredLength(ctx);
        byte[] bytes;
        try { // the container owns the stream: read it, do not close it
            InputStream in = ctx.req().getInputStream();
            bytes = in.readNBytes(MAX_BYTES + 1); // chunked bodies have no declared length: stop one byte past
        } catch (IOException e) {
            throw new ApiException(400, "could not read the body: " + e.getMessage());
        }
        if (bytes.length > MAX_BYTES) {
            throw tooLarge();
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ApiException(400, "body is not valid UTF-8");
        }
    }

    /** A body, if any, must be declared as JSON in UTF-8 (or not declared at all); 415 otherwise. */
    static void requireJsonOrNoType(Context ctx) {
        String type = ctx.header("Content-Type");
        if (type == null) {
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

    /** For endpoints that take no body: 400 if one was sent. */
    static void requireEmpty(Context ctx) {
        if (!read(ctx).isEmpty()) {
            throw new ApiException(400, ctx.method() + " " + ctx.path() + " takes no body");
        }
    }

    static String shorten(String text) {
        return text.length() <= 100 ? text : text.substring(0, 100) + "…";
    }

    private static ApiException tooLarge() {
        return new ApiException(413, "body is larger than " + MAX_BYTES + " bytes");
    }
}
