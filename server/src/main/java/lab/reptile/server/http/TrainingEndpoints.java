package lab.reptile.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import lab.reptile.model.ReptileConfig;
import lab.reptile.server.training.ConfigJson;
import lab.reptile.server.training.TrainingRunner;
import lab.reptile.server.training.RunnerStatus;
import lab.reptile.server.training.ValidationPoint;

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
        JsonResponses.send(ctx, mapper, 200, statusJson(runner.status()));
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

    private ObjectNode statusJson(RunnerStatus s) {
        ObjectNode node = mapper.createObjectNode();
        node.put("state", s.state().apiName());
        node.put("metaIteration", s.metaIteration());
        node.put("tasksDone", s.tasksDone());
        node.put("tasksTotal", s.tasksTotal());
        node.put("tasksPerSecond", Math.round(s.tasksPerSecond() * 10) / 10.0);
        node.put("version", s.version());
        if (s.problem() != null) {
            node.put("problem", s.problem());
        }
        node.set("config", ConfigJson.write(mapper, s.config()));
        ArrayNode history = node.putArray("history");
        for (ValidationPoint point : s.history()) {
            history.addObject().put("tasksDone", point.tasksDone()).put("mseAt8", point.mseAt8());
        }
        return node;
    }
}
