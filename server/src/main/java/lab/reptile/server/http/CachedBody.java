package lab.reptile.server.http;

import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;

/**
 * A response body prepared once and sent many times: its bytes, the same gzipped, and its strong ETag. Sending
 * answers {@code If-None-Match} with 304, picks the gzipped bytes when the client accepts them, and writes the body
 * with a Content-Length in one write, bypassing Javalin's per-request compression.
 */
record CachedBody(byte[] plain, byte[] gzip, String etag) {

    static CachedBody of(byte[] plain, String etag) {
        return new CachedBody(plain, gzip(plain), etag);
    }

    /** Sends the body as {@code application/json} with {@code cacheControl}; 304 if the client has it. */
    void send(Context ctx, String cacheControl) throws IOException {
        ctx.header("ETag", etag);
        ctx.header("Cache-Control", cacheControl);
        ctx.header("Vary", "Accept-Encoding");
        if (EntityTags.matches(ctx.header("If-None-Match"), etag)) {
            ctx.status(304);
            return;
        }
        byte[] body = plain;
        if (acceptsGzip(ctx.header("Accept-Encoding"))) {
            body = gzip;
            ctx.header("Content-Encoding", "gzip");
        }
        ctx.disableCompression().contentType("application/json");
        ctx.res().setContentLength(body.length);
        ctx.res().getOutputStream().write(body);
    }

    /** True if an Accept-Encoding header lists gzip (or *) without q=0. */
    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String element : acceptEncoding.toLowerCase(Locale.ROOT).split(",")) {
            String[] parts = element.split(";");
            String coding = parts[0].trim();
            boolean refused = parts.length > 1 && parts[1].replace(" ", "").matches("q=0(\\.0*)?");
            if ((coding.equals("gzip") || coding.equals("*")) && !refused) {
                return true;
            }
        }
        return false;
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 2);
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
