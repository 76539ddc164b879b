package lab.reptile.server.http;

import io.javalin.http.Context;
import lab.reptile.server.baseline.PretrainedBaseline;
import lab.reptile.server.snapshot.Snapshot;
import lab.reptile.server.training.TrainingRunner;

/**
 * GET /api/weights: the latest meta-weights snapshot as pre-serialised {@code reptile-mlp-v1}, with ETag = version;
 * {@code ?init=pretrained} gives the pretrained baseline instead, with its own ETag.
 */
final class WeightsEndpoint {
    private final TrainingRunner runner;
    private final PretrainedBaseline pretrained;

    /** @param pretrained the baseline to serve, or null for a server that trains none */
    WeightsEndpoint(TrainingRunner runner, PretrainedBaseline pretrained) {
        this.runner = runner;
        this.pretrained = pretrained;
    }

    void get(Context ctx) {
        String init = ctx.queryParam("init");
        if (init == null || init.equals("meta")) {
            Snapshot snapshot = runner.snapshot();
            send(ctx, snapshot, snapshot.etag());
        } else if (init.equals("pretrained")) {
            Snapshot snapshot = pretrainedSnapshot(ctx);
            send(ctx, snapshot, "\"pretrained-" + snapshot.version() + "\"");
        } else {
            throw new ApiException(400, "unknown init \"" + init + "\": the query parameter init must be meta or "
                    + "pretrained");
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

    private static void send(Context ctx, Snapshot snapshot, String etag) {
        ctx.header("ETag", etag);
        ctx.header("Cache-Control", "no-cache");
        if (matches(ctx.header("If-None-Match"), etag)) {
            ctx.status(304);
            return;
        }
        ctx.contentType("application/json").result(snapshot.json());
    }

    /** RFC 9110 weak comparison over a comma-separated If-None-Match list, or "*". */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals("*") || tag.equals(etag)) {
                return true;
            }
        }
        return false;
    }
}
