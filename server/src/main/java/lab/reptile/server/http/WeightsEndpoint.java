package lab.reptile.server.http;

import io.javalin.http.Context;
import lab.reptile.server.snapshot.Snapshot;
import lab.reptile.server.training.TrainingRunner;

/** GET /api/weights: the latest snapshot as pre-serialised {@code reptile-mlp-v1}, with ETag = version. */
final class WeightsEndpoint {
    private final TrainingRunner runner;

    WeightsEndpoint(TrainingRunner runner) {
        this.runner = runner;
    }

    void get(Context ctx) {
        Snapshot snapshot = runner.snapshot();
        ctx.header("ETag", snapshot.etag());
        ctx.header("Cache-Control", "no-cache");
        if (matches(ctx.header("If-None-Match"), snapshot.etag())) {
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
