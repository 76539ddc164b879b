package lab.reptile.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import lab.reptile.model.ReptileConfig;
import lab.reptile.server.checkpoint.DamagedFileException;
import lab.reptile.server.lab.Lab;
import lab.reptile.server.lab.LabRefusal;
import lab.reptile.server.lab.Run;
import lab.reptile.server.lab.RunId;
import lab.reptile.server.lab.TimelineEntry;
import lab.reptile.server.snapshot.ContentEtag;
import lab.reptile.server.snapshot.Snapshot;
import lab.reptile.server.training.ConfigJson;
import lab.reptile.server.training.TrainingDefaults;

/** The lab's API: {@code /api/runs}, one run, its latest weights and its immutable timeline snapshots. */
final class RunsEndpoints {
    /** A timeline snapshot never changes: caches may keep it for a year without asking again. */
    static final String IMMUTABLE = "public, max-age=31536000, immutable";

    private final Lab lab;
    private final AdminGuard guard;
    private final ObjectMapper mapper;
    private final ClientAddress clients;
    private final RequestBodies requests;
    private final BodyCache bodies = new BodyCache();
    private final RunBodies runBodies;

    RunsEndpoints(Lab lab, AdminGuard guard, ObjectMapper mapper, ClientAddress clients, RequestBodies requests) {
        this.lab = lab;
        this.guard = guard;
        this.mapper = mapper;
        this.clients = clients;
        this.requests = requests;
        this.runBodies = new RunBodies(mapper);
    }

    void list(Context ctx) throws IOException {
        runBodies.list(lab).send(ctx, CachedBody.REVALIDATE);
    }

    /** Refuses what the headers decide (type, quota, queue) before the body is read: a refusal costs no read. */
    void create(Context ctx) throws IOException {
        RequestBodies.requireJsonType(ctx);
        String client = clients.of(ctx);
        refusalsAsErrors(ctx, () -> {
            lab.checkAdmission(client);
            return null;
        });
        String text = requests.readJson(ctx);
        ReptileConfig config;
        try {
            config = ConfigJson.merge(mapper, TrainingDefaults.config(), text.isBlank() ? "{}" : text);
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, e.getMessage());
        }
        Run run = refusalsAsErrors(ctx, () -> lab.create(config, client));
        ctx.header("Location", "/api/runs/" + run.id());
        ctx.header("Cache-Control", "no-store");
        JsonResponses.send(ctx, mapper, 202, runBodies.summary(run.spec(), run.view(), lab.queuePosition(run)));
    }

    void get(Context ctx) throws IOException {
        Run run = run(ctx);
        runBodies.detail(run, lab.queuePosition(run)).send(ctx, CachedBody.REVALIDATE);
    }

    void weights(Context ctx) throws IOException {
        Snapshot latest = run(ctx).view().latest();
        bodies.of(latest.etag(), latest::jsonCopy).send(ctx, CachedBody.REVALIDATE);
    }

    /**
     * One timeline snapshot of the run's current generation; another generation's URL is 404, so a URL served as
     * immutable never serves other bytes (a reset default run keeps its id but not its generation).
     */
    void snapshot(Context ctx) throws IOException {
        Run run = run(ctx);
        String generation = ctx.pathParam("generation");
        if (!generation.equals(run.spec().generation())) {
            throw new ApiException(404, "run " + run.id() + " has no generation \"" + RequestBodies.shorten(generation)
                    + "\": its snapshots are under " + RunBodies.snapshotsUrl(run.spec()) + "{index}");
        }
        int index = snapshotIndex(ctx.pathParam("index"));
        List<TimelineEntry> timeline = run.view().timeline();
        CachedBody body;
        try {
            body = index < timeline.size() ? bodies.of(timeline.get(index).etag(),
                    () -> snapshotBytes(run, timeline.get(index))) : newerSnapshot(run, index, ctx.pathParam("index"));
        } catch (NoSuchFileException e) { // reset or deleted since this request found the run: gone, not 500
            ctx.header("Cache-Control", "no-store");
            throw new ApiException(404, "run " + run.id() + " has no generation \"" + run.spec().generation()
                    + "\" any more: it was reset or deleted");
        } catch (DamagedFileException e) { // never served as good, nor cached as an answer
            ctx.header("Cache-Control", "no-store");
            throw new ApiException(410, "snapshot " + index + " of run " + run.id() + " is damaged in the store and "
                    + "is not served (" + e.getMessage() + ")");
        }
        body.send(ctx, IMMUTABLE);
    }

    /**
     * Snapshot {@code index}, past the {@code known} ones of this process's catalogue, if the database has it already:
     * another replica, refreshed a moment later or sooner, may have listed it to the client (refreshes are 250 ms
     * apart). Its bytes are final once written (a resume writes them again, bit for bit), so they may be served as
     * immutable; a 404 naming {@code asked} if the run has not reached it.
     */
    private CachedBody newerSnapshot(Run run, int index, String asked) throws IOException {
        if (index < run.spec().timelinePlan().length) { // no look-up for an index no run of its length makes
            try {
                byte[] bytes = lab.readSnapshot(run.spec(), index);
                return bodies.of(ContentEtag.of(bytes), () -> bytes);
            } catch (NoSuchFileException e) {
                // not reached yet: the 404 below
            }
        }
        int known = run.view().timeline().size();
        throw new ApiException(404, "run " + run.id() + " has " + known + " snapshots (0 to " + (known - 1) + "), not "
                + RequestBodies.shorten(asked));
    }

    /**
     * The stored bytes of a timeline entry, checked against its ETag: a reset that replaced the run's files between
     * this request's look-up and its read must not put the new generation's bytes under the old URL.
     */
    private byte[] snapshotBytes(Run run, TimelineEntry entry) throws IOException {
        byte[] bytes = lab.readSnapshot(run.spec(), entry.index());
        if (!ContentEtag.of(bytes).equals(entry.etag())) {
            throw new NoSuchFileException("snapshot " + entry.index() + " of this generation");
        }
        return bytes;
    }

    /** The snapshot URL of a release before generations: 404, naming where the run's snapshots are now. */
    void ungenerationedSnapshot(Context ctx) {
        Run run = run(ctx);
        throw new ApiException(404, "snapshot URLs name the run's generation: run " + run.id() + "'s are under "
                + RunBodies.snapshotsUrl(run.spec()) + "{index} (see its timeline)");
    }

    /** A snapshot index in canonical form (0, or digits without a leading zero); MAX_VALUE past any timeline. */
    private static int snapshotIndex(String text) {
        if (!text.matches("0|[1-9][0-9]*")) {
            throw new ApiException(400, "snapshot index must be a whole number from 0, got \""
                    + RequestBodies.shorten(text) + "\"");
        }
        return text.length() > 4 ? Integer.MAX_VALUE : Integer.parseInt(text); // no timeline has 10,000 snapshots
    }

    void delete(Context ctx) throws IOException {
        guard.check(ctx);
        requests.requireEmpty(ctx);
        RunId id = runId(ctx);
        refusalsAsErrors(ctx, () -> {
            lab.delete(id);
            return null;
        });
        ctx.status(204);
    }

    private Run run(Context ctx) {
        RunId id = runId(ctx);
        Run run = lab.find(id); // also one created through another replica a moment ago
        if (run == null) {
            throw new ApiException(404, "no run " + id);
        }
        return run;
    }

    private static RunId runId(Context ctx) {
        try {
            return RunId.parse(ctx.pathParam("id"));
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, e.getMessage());
        }
    }

    /** What the lab may throw while acting on a request. */
    @FunctionalInterface
    interface LabAction<T> {
        T run() throws IOException, InterruptedException;
    }

    /** Runs {@code action}, turning the lab's refusals into HTTP errors with their status and Retry-After. */
    static <T> T refusalsAsErrors(Context ctx, LabAction<T> action) throws IOException {
        try {
            return action.run();
        } catch (LabRefusal refusal) {
            if (refusal.retryAfterSeconds() > 0) {
                ctx.header("Retry-After", Long.toString(refusal.retryAfterSeconds()));
            }
            throw new ApiException(status(refusal.reason()), refusal.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(503, "the server is shutting down");
        }
    }

    static int status(LabRefusal.Reason reason) {
        return switch (reason) {
            case LAB_OFF -> 403;
            case INVALID -> 400;
            case QUOTA -> 429;
            case QUEUE_FULL, DISK_FULL, UNAVAILABLE -> 503;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
        };
    }
}
