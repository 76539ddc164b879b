package lab.reptile.server.http;

import io.javalin.http.Context;
import java.io.IOException;
import lab.reptile.server.baseline.PretrainedBaseline;
import lab.reptile.server.lab.Lab;
import lab.reptile.server.snapshot.Snapshot;

/**
 * GET /api/weights: the default run's latest meta-weights as pre-serialised {@code reptile-mlp-v1}, with a strong
 * ETag from the bytes; {@code ?init=pretrained} gives the pretrained baseline instead. Each snapshot's body (plain
 * and gzipped) is prepared once and sent as it is ({@link CachedBody}).
 */
final class WeightsEndpoint {
    private final Lab lab;
    private final PretrainedBaseline pretrained;
    private final LatestBody meta = new LatestBody();
    private final LatestBody pretrainedBody = new LatestBody();

    /** @param pretrained the baseline to serve, or null for a server that trains none */
    WeightsEndpoint(Lab lab, PretrainedBaseline pretrained) {
        this.lab = lab;
        this.pretrained = pretrained;
    }

    void get(Context ctx) throws IOException {
        String init = ctx.queryParam("init");
        if (init == null || init.equals("meta")) {
            meta.of(lab.defaultRun().view().latest()).send(ctx, CachedBody.REVALIDATE);
        } else if (init.equals("pretrained")) {
            pretrainedBody.of(pretrainedSnapshot(ctx)).send(ctx, CachedBody.REVALIDATE);
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
        PretrainedBaseline.State state = pretrained.state();
        if (state == PretrainedBaseline.State.FAILED) {
            throw new ApiException(500, "the pretrained baseline failed to train; see the server log");
        }
        ctx.header("Retry-After", "2");
        throw new ApiException(503, state == PretrainedBaseline.State.WAITING
                ? "the pretrained baseline trains once the default run has had a few seconds; retry soon"
                : "the pretrained baseline is still training; retry in a few seconds");
    }
}
