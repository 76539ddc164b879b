package lab.reptile.server.http;

import io.javalin.http.Context;
import java.io.IOException;
import lab.reptile.server.baseline.PretrainedBaseline;
import lab.reptile.server.snapshot.Snapshot;
import lab.reptile.server.training.TrainingRunner;

/**
 * GET /api/weights: the latest meta-weights snapshot as pre-serialised {@code reptile-mlp-v1}, with ETag = version;
 * {@code ?init=pretrained} gives the pretrained baseline instead, with its own ETag. The bytes (gzipped once per
 * version for clients that accept it) go out with a Content-Length in one write, bypassing Javalin's per-request
 * compression and chunking.
 */
final class WeightsEndpoint {
    private final TrainingRunner runner;
    private final PretrainedBaseline pretrained;
    private final GzipCache metaGzip = new GzipCache();
    private final GzipCache pretrainedGzip = new GzipCache();

    /** @param pretrained the baseline to serve, or null for a server that trains none */
    WeightsEndpoint(TrainingRunner runner, PretrainedBaseline pretrained) {
        this.runner = runner;
        this.pretrained = pretrained;
    }

    void get(Context ctx) throws IOException {
        String init = ctx.queryParam("init");
        if (init == null || init.equals("meta")) {
            Snapshot snapshot = runner.snapshot();
            send(ctx, snapshot, snapshot.etag(), metaGzip);
        } else if (init.equals("pretrained")) {
            Snapshot snapshot = pretrainedSnapshot(ctx);
            send(ctx, snapshot, "\"pretrained-" + snapshot.version() + "\"", pretrainedGzip);
        } else {
            throw new ApiException(400, "unknown init \"" + RequestBodies.shorten(init)
                    + "\": the query parameter init must be meta or pretrained");
        }
    }

    private Snapshot pretrainedSnapshot(Context ctx) {
        if (pretrained == null) {
            throw new ApiException(404, "this server trains no pretrained baseline");
        }
        Snapshot snapshot = pretrained.snapshot();
        if (snapshot != null) {
            return snapshot;
        }
        if (pretrained.state() == PretrainedBaseline.State.FAILED) {
            throw new ApiException(500, "the pretrained baseline failed to train; see the server log");
        }
        ctx.header("Retry-After", "2");
        throw new ApiException(503, "the pretrained baseline is still training; retry in a few seconds");
    }

    private static void send(Context ctx, Snapshot snapshot, String etag, GzipCache gzip) throws IOException {
        ctx.header("ETag", etag);
        ctx.header("Cache-Control", "no-cache");
        ctx.header("Vary", "Accept-Encoding");
        if (matches(ctx.header("If-None-Match"), etag)) {
            ctx.status(304);
            return;
        }
        ctx.disableCompression().contentType("application/json");
        if (GzipCache.accepted(ctx.header("Accept-Encoding"))) {
            byte[] body = gzip.of(snapshot);
            ctx.header("Content-Encoding", "gzip");
            ctx.res().setContentLength(body.length);
            ctx.res().getOutputStream().write(body);
        } else {
            ctx.res().setContentLength(snapshot.json().remaining());
            snapshot.writeJsonTo(ctx.res().getOutputStream());
        }
    }

    /**
     * RFC 9110 weak comparison of {@code etag} against If-None-Match: "*" or a comma-separated list of entity tags
     * (empty elements allowed). Anything else is a 400 that quotes the header.
     */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        String value = ifNoneMatch.trim();
        if (value.equals("*")) {
            return true;
        }
        boolean match = false;
        int i = skipSeparators(value, 0);
        while (i < value.length()) {
            int open = value.startsWith("W/", i) ? i + 2 : i;
            int close = open < value.length() && value.charAt(open) == '"' ? value.indexOf('"', open + 1) : -1;
            if (close < 0 || !isOpaqueTag(value, open + 1, close)) {
                throw malformed(ifNoneMatch);
            }
            match |= value.regionMatches(open, etag, 0, etag.length()) && close + 1 - open == etag.length();
            int next = skipSpaces(value, close + 1);
            if (next < value.length() && value.charAt(next) != ',') {
                throw malformed(ifNoneMatch);
            }
            i = skipSeparators(value, next);
        }
        return match;
    }

    /** etagc = %x21 / %x23-7E / obs-text: visible characters other than the double quote. */
    private static boolean isOpaqueTag(String value, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = value.charAt(i);
            if (c < 0x21 || c == 0x7f || c > 0xff) {
                return false;
            }
        }
        return true;
    }

    private static int skipSpaces(String value, int i) {
        while (i < value.length() && (value.charAt(i) == ' ' || value.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    private static int skipSeparators(String value, int i) {
        while (i < value.length() && (value.charAt(i) == ',' || value.charAt(i) == ' ' || value.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    private static ApiException malformed(String header) {
        return new ApiException(400, "If-None-Match must be * or a list of quoted entity tags like \"42\", got "
                + RequestBodies.shorten(header));
    }
}
