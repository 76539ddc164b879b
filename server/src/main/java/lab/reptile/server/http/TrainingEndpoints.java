package lab.reptile.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.List;
import lab.reptile.model.ReptileConfig;
import lab.reptile.model.TrainingStatus;
import lab.reptile.model.ValidationPoint;
import lab.reptile.server.baseline.PretrainedBaseline;
import lab.reptile.server.lab.Lab;
import lab.reptile.server.lab.Run;
import lab.reptile.server.lab.RunId;
import lab.reptile.server.lab.RunSpec;
import lab.reptile.server.lab.RunView;
import lab.reptile.server.training.ConfigJson;

/**
 * GET /api/training, the default run's progress and whether this process's pretrained baseline can be fetched, and the
 * admin-only POST /api/training/{pause,resume,reset}.
 */
final class TrainingEndpoints {
    private final Lab lab;
    private final AdminGuard guard;
    private final ObjectMapper mapper;
    private final RequestBodies requests;
    /** The baseline /api/weights?init=pretrained serves in this process, or null for none. */
    private final PretrainedBaseline pretrained;
    private final LatestBody body = new LatestBody();

    /** What the status is made of: equal values give equal bytes (a reset default run has a new spec). */
    private record Shown(RunSpec spec, RunView view, String pretrained) {
    }

    TrainingEndpoints(Lab lab, AdminGuard guard, ObjectMapper mapper, RequestBodies requests,
            PretrainedBaseline pretrained) {
        this.lab = lab;
        this.pretrained = pretrained;
        this.guard = guard;
        this.mapper = mapper;
        this.requests = requests;
    }

    /** The status as a prepared body, made once per view of the default run: the page polls it every second. */
    void status(Context ctx) throws IOException {
        Run run = lab.defaultRun();
        Shown shown = new Shown(run.spec(), run.view(), pretrainedWord(pretrained));
        body.ofJson(shown, () -> JsonResponses.bytes(mapper,
                        statusJson(mapper, shown.spec(), shown.view(), shown.pretrained())))
                .send(ctx, CachedBody.REVALIDATE);
    }

    /** The status after an admin action: that request's own answer, never kept by a cache. */
    private void answerStatus(Context ctx) {
        Run run = lab.defaultRun();
        ctx.header("Cache-Control", "no-store");
        JsonResponses.send(ctx, mapper, 200, statusJson(mapper, run.spec(), run.view(), pretrainedWord(pretrained)));
    }

    /** 409 unless the default run is queued or training. */
    void pause(Context ctx) throws IOException {
        guard.check(ctx);
        requests.requireEmpty(ctx);
        RunsEndpoints.refusalsAsErrors(ctx, () -> lab.pause(RunId.DEFAULT));
        answerStatus(ctx);
    }

    /** 409 unless the default run is paused. */
    void resume(Context ctx) throws IOException {
        guard.check(ctx);
        requests.requireEmpty(ctx);
        RunsEndpoints.refusalsAsErrors(ctx, () -> lab.resume(RunId.DEFAULT));
        answerStatus(ctx);
    }

    void reset(Context ctx) throws IOException {
        guard.check(ctx);
        String body = requests.readJson(ctx);
        ReptileConfig config;
        try {
            config = ConfigJson.merge(mapper, lab.defaultRun().spec().config(), body);
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, e.getMessage());
        }
        RunsEndpoints.refusalsAsErrors(ctx, () -> lab.resetDefault(config));
        answerStatus(ctx);
    }

    /**
     * The "pretrained" key: "ready" once /api/weights?init=pretrained answers 200, "training" while it answers 503
     * (waiting or training), "failed" (500) or "none" (404, a server without a baseline). The page fetches the
     * baseline only once this says "ready", so a normal start-up logs no failed request.
     */
    static String pretrainedWord(PretrainedBaseline baseline) {
        if (baseline == null) {
            return "none";
        }
        return switch (baseline.state()) {
            case WAITING, TRAINING -> "training";
            case READY -> "ready";
            case FAILED -> "failed";
        };
    }

    /**
     * The body: {@link TrainingStatus}'s components as keys (the page reads it back with it), the config, and the
     * baseline's word ({@link #pretrainedWord}).
     */
    static ObjectNode statusJson(ObjectMapper mapper, RunSpec spec, RunView view, String pretrained) {
        List<ValidationPoint> history = view.history();
        ObjectNode node = mapper.valueToTree(new TrainingStatus(view.state().apiName(), view.metaIteration(),
                view.tasksDone(), spec.config().tasks(), Math.round(view.tasksPerSecond() * 10) / 10.0,
                view.latest().version(), view.problem(), history));
        if (view.problem() == null) {
            node.remove("problem"); // the key is there only when training stopped early
        }
        node.set("config", ConfigJson.write(mapper, spec.config()));
        node.put("pretrained", pretrained);
        return node;
    }
}
