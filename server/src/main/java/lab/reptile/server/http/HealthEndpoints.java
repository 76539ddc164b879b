package lab.reptile.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import lab.reptile.server.lab.Lab;
import lab.reptile.server.lab.RunView;

/**
 * For a service manager, a load balancer and Prometheus: {@code /healthz} (200 while the process serves),
 * {@code /readyz} (503 until the default run has published trained weights, then 200) and {@code /metrics}.
 */
final class HealthEndpoints {
    /** Prometheus' text exposition format. */
    static final String METRICS_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private final Lab lab;
    private final ServiceMetrics metrics;
    private final ObjectMapper mapper;

    private final boolean web;

    /** @param web true for a process that serves the API: ready once the default run serves trained weights */
    HealthEndpoints(Lab lab, ServiceMetrics metrics, ObjectMapper mapper, boolean web) {
        this.web = web;
        this.lab = lab;
        this.metrics = metrics;
        this.mapper = mapper;
    }

    void health(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        JsonResponses.send(ctx, mapper, 200, mapper.createObjectNode().put("status", "serving"));
    }

    void ready(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        if (!lab.databaseReachable()) {
            ctx.header("Retry-After", "5");
            JsonResponses.send(ctx, mapper, 503, mapper.createObjectNode().put("status", "unavailable")
                    .put("reason", "the lab's database is unavailable"));
        } else if (!web || isReady()) {
            JsonResponses.send(ctx, mapper, 200, mapper.createObjectNode().put("status", "ready"));
        } else {
            ctx.header("Retry-After", "1");
            JsonResponses.send(ctx, mapper, 503, mapper.createObjectNode().put("status", "starting")
                    .put("reason", "the default run has not published trained weights yet"));
        }
    }

    void metrics(Context ctx) {
        ctx.header("Cache-Control", "no-store").contentType(METRICS_TYPE).result(metrics.scrape());
    }

    /** Ready once the weights served at /api/weights come from training: a task done, or a run that has ended. */
    private boolean isReady() {
        RunView view = lab.defaultRun().view();
        return view.latest().tasksDone() > 0 || view.state().ended();
    }
}
