package lab.reptile.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lab.reptile.server.lab.Lab;
import lab.reptile.server.lab.Run;
import lab.reptile.server.lab.RunId;
import lab.reptile.server.lab.RunJson;
import lab.reptile.server.lab.RunSpec;
import lab.reptile.server.lab.RunState;
import lab.reptile.server.lab.RunView;
import lab.reptile.server.lab.TimelineEntry;
import lab.reptile.server.training.ConfigJson;

/**
 * The JSON of {@code GET /api/runs} and {@code GET /api/runs/{id}}, the same bytes for every client, each body
 * prepared (serialised, tagged from its bytes, gzipped) once per state of what it shows: the page's followers poll
 * these every second, and a training run publishes a new view 5 times a second, so however many follow, the server
 * prepares at most about 5 bodies a second per URL.
 */
final class RunBodies {
    /** Runs whose latest bodies are kept, most recently asked for first: a few KB each (timelines of 64 entries). */
    static final int MAX_RUNS = 64;

    /** What a run's JSON is made of: equal values give equal bytes. */
    private record Shown(RunSpec spec, RunView view, int queuePosition) {
    }

    /** What the run list is made of. */
    private record Listing(List<Shown> runs, int queueLength, int queueLimit, long diskUsedBytes,
                           long diskLimitBytes, int workers) {
    }

    private final ObjectMapper mapper;
    private final LatestBody list = new LatestBody();
    private final Map<RunId, LatestBody> details = Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<RunId, LatestBody> eldest) {
                    return size() > MAX_RUNS;
                }
            });

    RunBodies(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The body of {@code GET /api/runs}: every run's summary, the queue and the disk. */
    CachedBody list(Lab lab) {
        List<Shown> runs = new ArrayList<>();
        for (Lab.Listed listed : lab.list()) {
            runs.add(new Shown(listed.run().spec(), listed.run().view(), listed.queuePosition()));
        }
        Listing listing = new Listing(runs, lab.queueLength(), lab.limits().queueLimit(), lab.diskUsedBytes(),
                lab.limits().diskLimitBytes(), lab.liveWorkers());
        return list.ofJson(listing, () -> JsonResponses.bytes(mapper, listJson(listing)));
    }

    /** The body of {@code GET /api/runs/{id}}: the run's summary, learning curve, timeline and report. */
    CachedBody detail(Run run, int queuePosition) {
        Shown shown = new Shown(run.spec(), run.view(), queuePosition);
        return details.computeIfAbsent(run.id(), id -> new LatestBody())
                .ofJson(shown, () -> JsonResponses.bytes(mapper, detailJson(shown)));
    }

    /** A run's summary: what {@code GET /api/runs} lists for it. */
    ObjectNode summary(RunSpec spec, RunView view, int queuePosition) {
        ObjectNode node = mapper.createObjectNode().put("id", spec.id().value())
                .put("generation", spec.generation()).put("state", view.state().apiName());
        node.set("config", ConfigJson.write(mapper, spec.config()));
        node.put("tasksDone", view.tasksDone()).put("tasksTotal", spec.config().tasks())
                .put("tasksPerSecond", Math.round(view.tasksPerSecond() * 10) / 10.0);
        if (view.state() == RunState.QUEUED && queuePosition > 0) {
            node.put("queuePosition", queuePosition);
        } else {
            node.putNull("queuePosition");
        }
        node.put("createdAt", spec.createdAt().toString()).put("origin", spec.origin().apiName())
                .put("problem", view.problem()).put("worker", view.worker())
                .put("weightsUrl", "/api/runs/" + spec.id() + "/weights");
        return node;
    }

    /** Where the snapshots of the run's current generation are: append the index. */
    static String snapshotsUrl(RunSpec spec) {
        return "/api/runs/" + spec.id() + "/generations/" + spec.generation() + "/snapshots/";
    }

    private ObjectNode listJson(Listing listing) {
        ObjectNode body = mapper.createObjectNode();
        ArrayNode runs = body.putArray("runs");
        for (Shown run : listing.runs()) {
            runs.add(summary(run.spec(), run.view(), run.queuePosition()));
        }
        body.putObject("queue").put("length", listing.queueLength()).put("limit", listing.queueLimit());
        body.putObject("disk").put("usedBytes", listing.diskUsedBytes()).put("limitBytes", listing.diskLimitBytes());
        body.put("workers", listing.workers());
        return body;
    }

    private ObjectNode detailJson(Shown shown) {
        RunView view = shown.view();
        ObjectNode body = summary(shown.spec(), view, shown.queuePosition());
        body.set("history", RunJson.curve(mapper, view.history()));
        ArrayNode timeline = body.putArray("timeline");
        for (TimelineEntry entry : view.timeline()) {
            timeline.addObject().put("index", entry.index()).put("tasksDone", entry.tasksDone())
                    .put("metaIteration", entry.metaIteration())
                    .put("url", snapshotsUrl(shown.spec()) + entry.index());
        }
        body.set("report", view.report() == null ? mapper.nullNode() : RunJson.report(mapper, view.report()));
        return body;
    }
}
