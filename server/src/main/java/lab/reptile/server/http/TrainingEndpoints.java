package lab.reptile.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.util.List;
import lab.reptile.model.ReptileConfig;
import lab.reptile.model.TrainingStatus;
import lab.reptile.server.training.ConfigJson;
import lab.reptile.server.training.TrainingRunner;
import lab.reptile.server.training.RunnerStatus;

/** GET /api/training and the admin-only POST /api/training/{pause,resume,reset}. */
final class TrainingEndpoints {
    private final TrainingRunner runner;
    private final AdminGuard guard;
    private final ObjectMapper mapper;

    TrainingEndpoints(TrainingRunner runner, AdminGuard guard, ObjectMapper mapper) {
        this.runner = runner;
        this.guard = guard;
        this.mapper = mapper;
    }

    void status(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        JsonResponses.send(ctx, mapper, 200, statusJson(mapper, runner.status()));
    }

    void pause(Context ctx) {
        guard.check(ctx);
        RequestBodies.requireEmpty(ctx);
        runner.pause();
        status(ctx);
    }

    void resume(Context ctx) {
        guard.check(ctx);
        RequestBodies.requireEmpty(ctx);
        runner.resume();
        status(ctx);
    }

    void reset(Context ctx) {
        guard.check(ctx);
        RequestBodies.requireJsonOrNoType(ctx);
        String body = RequestBodies.read(ctx);
        ReptileConfig config;
        try {
            config = ConfigJson.merge(mapper, runner.status().config(), body);
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, e.getMessage());
        }
        runner.reset(config);
        status(ctx);
    }

    /** The body: {@link TrainingStatus}'s components as keys (the page reads it back with it), plus the config. */
    static ObjectNode statusJson(ObjectMapper mapper, RunnerStatus s) {
        List<TrainingStatus.Validation> history = s.history().stream()
                .map(point -> new TrainingStatus.Validation(point.tasksDone(), point.mseAt8())).toList();
        ObjectNode node = mapper.valueToTree(new TrainingStatus(s.state().apiName(), s.metaIteration(), s.tasksDone(),
                s.tasksTotal(), Math.round(s.tasksPerSecond() * 10) / 10.0, s.version(), s.problem(), history));
        if (s.problem() == null) {
            node.remove("problem"); // the key is there only when training stopped early
        }
        node.set("config", ConfigJson.write(mapper, s.config()));
        return node;
    }
}
