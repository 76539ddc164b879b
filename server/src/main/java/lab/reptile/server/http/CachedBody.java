package lab.reptile.server.http;

import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.GZIPOutputStream;

/**
 * A response body prepared once and sent many times: its bytes, the same gzipped (or null for a type that does not
 * compress), its content type and its strong ETag. The gzipped bytes are another representation (RFC 9110 §8.8.3),
 * so they carry their own tag, {@link #gzipEtag}; an answer that could have been either says
 * {@code Vary: Accept-Encoding}, so that a cache never gives gzip to a client that did not ask for it. Sending
 * picks the representation first, then answers {@code If-None-Match} against that one's tag with 304, and writes the
 * body with a Content-Length in one write, bypassing Javalin's per-request compression.
 */
record CachedBody(byte[] plain, byte[] gzip, String etag, String contentType) {
    static final String JSON = "application/json";
    /**
     * The Cache-Control of a body that changes (latest weights, a run's JSON): caches may keep it but must revalidate
     * it before each use; deploy/nginx.conf overrides this to revalidate at most once a second for all its clients.
     */
    static final String REVALIDATE = "no-cache";

    /** A JSON body and its gzipped bytes. */
    static CachedBody of(byte[] plain, String etag) {
        return new CachedBody(plain, gzip(plain), etag, JSON);
    }

    /** A body of any type; {@code compress} false for bytes that are compressed already (images, fonts). */
    static CachedBody of(byte[] plain, String etag, String contentType, boolean compress) {
        return new CachedBody(plain, compress ? gzip(plain) : null, etag, contentType);
    }

    /**
     * The tag of the gzipped bytes: the plain one with {@code -gz} inside the quotes ({@code "abc"} gives
     * {@code "abc-gz"}). Plain tags are from {@link lab.reptile.server.snapshot.ContentEtag}, 22 base64url characters,
     * so no plain tag ends in -gz.
     */
    String gzipEtag() {
        return etag.substring(0, etag.length() - 1) + "-gz\"";
    }

    /** Sends the body with {@code cacheControl}; 304 if the client holds the representation it would get. */
    void send(Context ctx, String cacheControl) throws IOException {
        boolean zipped = gzip != null && AcceptEncoding.acceptsGzip(ctx.header("Accept-Encoding"));
        String tag = zipped ? gzipEtag() : etag;
        ctx.header("ETag", tag);
        ctx.header("Cache-Control", cacheControl);
        if (gzip != null) {
            ctx.header("Vary", "Accept-Encoding");
        }
        if (EntityTags.matches(ctx.header("If-None-Match"), tag)) {
            ctx.status(304);
            return;
        }
        byte[] body = zipped ? gzip : plain;
        if (zipped) {
            ctx.header("Content-Encoding", "gzip");
        }
        ctx.disableCompression().contentType(contentType);
        ctx.res().setContentLength(body.length);
        ctx.res().getOutputStream().write(body);
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
