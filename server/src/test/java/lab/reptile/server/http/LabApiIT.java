package lab.reptile.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import lab.reptile.jackson.JacksonTree;
import lab.reptile.model.Evaluation;
import lab.reptile.model.Params;
import lab.reptile.model.ReptileConfig;
import lab.reptile.model.ReptileTrainer;
import lab.reptile.model.WeightsJson;
import lab.reptile.server.Await;
import lab.reptile.server.TestLab;
import lab.reptile.server.lab.LabLimits;
import lab.reptile.server.lab.RunReport;
import lab.reptile.server.training.ConfigJson;
import lab.reptile.server.training.Presets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The lab's API over real HTTP: runs start, queue, train, keep a timeline and a report, within their limits. */
class LabApiIT {
    private static final String TOKEN = "lab-token";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ReptileConfig SHORT_DEFAULT_RUN = ReptileConfig.builder().seed(1).tasks(200).build();

    private TestLab lab;
    private ReptileServer server;
    private HttpTestClient http;

    /** A server behind a trusted proxy, so each test names its clients with X-Forwarded-For. */
    private void serve(LabLimits limits, boolean train) {
        lab = TestLab.open(SHORT_DEFAULT_RUN, ReptileTrainer::new, limits);
        server = new ReptileServer(new ServerOptions("127.0.0.1", 0, TOKEN, true), lab.lab()).start();
        if (train) {
            lab.start();
        }
        http = new HttpTestClient(server.port());
    }

    @AfterEach
    void stop() {
        server.close();
        lab.close();
    }

    private HttpResponse<String> start(String client, String body) throws Exception {
        return http.post("/api/runs", body, "Content-Type", "application/json", "X-Forwarded-For", client);
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    private JsonNode runs() throws Exception {
        HttpResponse<String> response = http.get("/api/runs");
        assertEquals(200, response.statusCode(), response.body());
        return json(response);
    }

    @Test
    void aVisitorRunQueuesTrainsAndKeepsATimelineAndAReport() throws Exception {
        serve(LabLimits.DEFAULTS, true);
        HttpResponse<String> created = start("203.0.113.10", "{\"seed\": 4, \"tasks\": 3000}");
        assertEquals(202, created.statusCode(), created.body());
        JsonNode summary = json(created);
        String id = summary.path("id").asText();
        assertEquals("/api/runs/" + id, created.headers().firstValue("Location").orElseThrow());
        assertEquals("visitor", summary.path("origin").asText());
        assertEquals(3000, summary.path("tasksTotal").asInt());
        assertEquals(4, summary.path("config").path("seed").asInt());
        assertEquals(0.7, summary.path("config").path("outerStepStart").asDouble(), "absent fields: the defaults");

        JsonNode run = Await.until("the run to finish with a report", Duration.ofSeconds(120),
                () -> json(http.get("/api/runs/" + id)), r -> !r.path("report").isNull());
        assertEquals("finished", run.path("state").asText());
        assertTrue(run.path("queuePosition").isNull());
        JsonNode timeline = run.path("timeline");
        assertTrue(timeline.size() >= 12 && timeline.size() <= 64, "timeline of " + timeline.size());
        assertEquals(0, timeline.get(0).path("tasksDone").asInt());
        assertEquals(3000, timeline.get(timeline.size() - 1).path("tasksDone").asInt());
        double first = mseAt8(snapshot(timeline.get(0)));
        Params last = snapshot(timeline.get(timeline.size() - 1));
        assertTrue(first >= 10 * mseAt8(last), "MSE@8 of the first snapshot " + first + ", of the last " + mseAt8(last));
        JsonNode row8 = run.path("report").path("rows").get(4);
        assertEquals(8, row8.path("k").asInt());
        assertEquals(mseAt8(last), row8.path("mean").asDouble(), 1e-12, "the report is the protocol's, on the final weights");
        assertTrue(row8.path("randomMean").asDouble() > 1, "beside a random init: " + row8);
        assertTrue(run.path("history").size() >= 2);

        HttpResponse<String> weights = http.get("/api/runs/" + id + "/weights");
        assertEquals(200, weights.statusCode());
        assertEquals("no-cache", weights.headers().firstValue("Cache-Control").orElseThrow());
        assertEquals(last, WeightsJson.read(JacksonTree.parse(weights.body())).weights());
        String etag = weights.headers().firstValue("ETag").orElseThrow();
        assertEquals(304, http.get("/api/runs/" + id + "/weights", "If-None-Match", etag).statusCode());

        JsonNode listed = runs();
        assertEquals(List.of("default", id), ids(listed));
        assertEquals(8, listed.path("queue").path("limit").asInt());
        assertTrue(listed.path("disk").path("usedBytes").asLong() > 12 * 80_000, listed.path("disk").toString());
    }

    @Test
    void snapshotsAreImmutableWithStrongEtagsFromTheirBytes() throws Exception {
        serve(LabLimits.DEFAULTS, true);
        JsonNode run = Await.until("the default run to finish", () -> json(http.get("/api/runs/default")),
                r -> r.path("state").asText().equals("finished"));
        String url = run.path("timeline").get(1).path("url").asText();
        HttpResponse<String> snapshot = http.get(url);
        assertEquals(200, snapshot.statusCode());
        assertEquals("public, max-age=31536000, immutable", snapshot.headers().firstValue("Cache-Control").orElseThrow());
        String etag = snapshot.headers().firstValue("ETag").orElseThrow();
        assertTrue(etag.matches("\"[A-Za-z0-9_-]{22}\""), etag);
        HttpResponse<String> again = http.get(url, "If-None-Match", etag);
        assertEquals(304, again.statusCode());
        assertEquals("", again.body());
        HttpResponse<String> other = http.get(run.path("timeline").get(2).path("url").asText());
        assertTrue(!other.headers().firstValue("ETag").orElseThrow().equals(etag), "other bytes, another tag");
    }

    @Test
    void tenQuickStartsFromOneClientGiveThreeAcceptedThenTooManyRequests() throws Exception {
        serve(LabLimits.DEFAULTS, false);
        List<Integer> statuses = new ArrayList<>();
        HttpResponse<String> refused = null;
        for (int i = 0; i < 10; i++) {
            HttpResponse<String> response = start("198.51.100.20", "{\"seed\": " + i + ", \"tasks\": 1000}");
            statuses.add(response.statusCode());
            refused = response.statusCode() == 429 ? response : refused;
        }
        assertEquals(List.of(202, 202, 202, 429, 429, 429, 429, 429, 429, 429), statuses);
        long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(retryAfter > 3000 && retryAfter <= 3600, "Retry-After " + retryAfter);
        assertEquals("this client has started 3 runs in the last hour, the most allowed",
                json(refused).path("error").asText());
        assertEquals(4, runs().path("runs").size(), "the default run and three visitor runs");
        assertEquals(202, start("198.51.100.21", "{\"tasks\": 1000}").statusCode(), "another client may");
    }

    @Test
    void aFullQueueGives503AndACancelledRunFreesItsPlace() throws Exception {
        serve(new LabLimits(true, 100_000, 3, 2, 20, 512L << 20), false);
        HttpResponse<String> accepted = start("192.0.2.1", "{\"tasks\": 1000}");
        assertEquals(202, accepted.statusCode(), accepted.body());
        assertEquals(2, json(accepted).path("queuePosition").asInt(), "behind the default run");
        HttpResponse<String> full = start("192.0.2.2", "{\"tasks\": 1000}");
        assertEquals(503, full.statusCode());
        assertEquals("the queue is full (2 runs waiting)", json(full).path("error").asText());
        assertTrue(full.headers().firstValue("Retry-After").isPresent());
        assertEquals(2, runs().path("runs").size());
        assertEquals(2, runs().path("queue").path("length").asInt());

        String id = json(accepted).path("id").asText();
        assertEquals(401, http.method("DELETE", "/api/runs/" + id).statusCode());
        assertEquals(204, http.method("DELETE", "/api/runs/" + id, "Authorization", "bearer " + TOKEN).statusCode(),
                "the scheme in any case");
        assertEquals(404, http.get("/api/runs/" + id).statusCode());
        assertEquals(202, start("192.0.2.2", "{\"tasks\": 1000}").statusCode());
        HttpResponse<String> keepDefault = http.method("DELETE", "/api/runs/default", "Authorization", "Bearer " + TOKEN);
        assertEquals(409, keepDefault.statusCode());
        assertEquals("the default run cannot be deleted; an operator can reset it",
                json(keepDefault).path("error").asText());
    }

    @Test
    void badIdsIndicesAndBodiesAreRefusedClearlyAndChangeNothing() throws Exception {
        serve(LabLimits.DEFAULTS, true);
        Await.until("the default run to finish", () -> json(http.get("/api/runs/default")),
                r -> r.path("state").asText().equals("finished"));
        JsonNode before = runs().path("runs");
        assertRefused(http.get("/api/runs/abc"), 400, "malformed run id \"abc\": a run id is \"default\" or 16 "
                + "characters of A-Z, a-z, 0-9, _ and -");
        assertRefused(http.get("/api/runs/AAAAAAAAAAAAAAAA"), 404, "no run AAAAAAAAAAAAAAAA");
        assertRefused(http.get("/api/runs/AAAAAAAAAAAAAAAA/weights"), 404, "no run AAAAAAAAAAAAAAAA");
        int snapshots = json(http.get("/api/runs/default")).path("timeline").size();
        String snapshotsUrl = lab.snapshotsUrl();
        for (String index : new String[] {Integer.toString(snapshots), "99999", "12345678901234567890"}) {
            assertRefused(http.get(snapshotsUrl + index), 404, "run default has " + snapshots
                    + " snapshots (0 to " + (snapshots - 1) + "), not " + index);
        }
        for (String index : new String[] {"-1", "x", "1e3", "01234", "%20"}) {
            assertRefused(http.get(snapshotsUrl + index), 400, "snapshot index must be a whole number from 0");
        }
        assertRefused(http.get("/api/runs/default/generations/AAAAAAAA/snapshots/0"), 404,
                "run default has no generation \"AAAAAAAA\": its snapshots are under " + snapshotsUrl + "{index}");
        assertRefused(http.get("/api/runs/default/snapshots/0"), 404,
                "snapshot URLs name the run's generation: run default's are under " + snapshotsUrl + "{index}");
        assertRefused(http.get("/api/runs?limit=5"), 400, "/api/runs takes no query parameters");
        String client = "198.51.100.99";
        assertRefused(start(client, "{\"tasks\": \"many\"}"), 400, "tasks must be a number");
        assertRefused(start(client, "{\"bogus\": 1}"), 400, "unknown field \"bogus\"");
        assertRefused(start(client, "{\"preset\": \"fast\"}"), 400,
                "unknown preset \"fast\"; known presets: default, reference, maml-protocol");
        assertRefused(start(client, "{\"preset\": [\"maml-protocol\"]}"), 400, "preset must be a string");
        assertRefused(start(client, "{\"tasks\": 100001}"), 400, "tasks must be at most 100,000 for a visitor run");
        assertRefused(start(client, "{\"tasks\": 99}"), 400, "a run needs at least 100 meta-iterations");
        assertRefused(start(client, "{\"innerLr\": 0}"), 400, "innerLr must be from ");
        assertRefused(start(client, "{\"innerLr\": NaN}"), 400, "not valid JSON");
        assertRefused(start(client, "{\"tasks\": 1000} {}"), 400, "not valid JSON");
        assertRefused(start(client, "[1000]"), 400, "hyperparameters must be a JSON object");
        assertRefused(http.post("/api/runs", "tasks=1000", "Content-Type", "text/plain"), 415,
                "Content-Type must be application/json");
        assertRefused(http.post("/api/runs", "{\"tasks\": 1000}", "X-Forwarded-For", client), 415,
                "a request body needs Content-Type: application/json");
        assertRefused(start(client, "{\"seed\": \"" + "9".repeat(70_000) + "\"}"), 413, "body is larger than");
        assertEquals(before, runs().path("runs"), "nothing changed");
        assertEquals(202, start(client, "{\"tasks\": 1000}").statusCode(), "refusals used none of the quota");
    }

    /** The 413 used to go out before the body was read; the client then often saw a reset instead of it. */
    @Test
    void anOversizedBodyGetsA413TheClientReadsFiftyTimesInARow() throws Exception {
        serve(LabLimits.DEFAULTS, false);
        String body = "{\"seed\": \"" + "9".repeat(70_000) + "\"}";
        for (int i = 0; i < 50; i++) {
            assertRefused(start("198.51.100.40", body), 413, "body is larger than 65536 bytes");
        }
        assertEquals(1, runs().path("runs").size(), "nothing started");
        assertEquals(202, start("198.51.100.40", "{\"tasks\": 1000}").statusCode(), "refusals used none of the quota");
    }

    @Test
    void aRunBodyMayNameAPresetAndChangeSomeOfItsFields() throws Exception {
        serve(LabLimits.DEFAULTS, false);
        ReptileConfig preset = Presets.named("maml-protocol");
        HttpResponse<String> created = start("203.0.113.30", "{\"preset\": \"maml-protocol\", \"seed\": 9}");
        assertEquals(202, created.statusCode(), created.body());
        JsonNode config = json(created).path("config");
        assertEquals(preset.withSeed(9), ConfigJson.read(config));
        assertEquals(Math.PI, config.path("maxPhase").asDouble(), "the MAML paper's task family");
        assertTrue(preset.tasks() <= LabLimits.DEFAULTS.maxTasks(), "a visitor may start the preset as it is");
    }

    @Test
    void withTheLabOffVisitorRunsAreRefused() throws Exception {
        serve(new LabLimits(false, 100_000, 3, 8, 20, 512L << 20), true);
        assertRefused(start("192.0.2.7", "{}"), 403, "visitor runs are turned off on this server");
        assertEquals(1, runs().path("runs").size());
    }

    private static void assertRefused(HttpResponse<String> response, int status, String words) throws Exception {
        assertEquals(status, response.statusCode(), response.body());
        String error = json(response).path("error").asText();
        assertTrue(error.contains(words), "\"" + error + "\" should say \"" + words + "\"");
    }

    private Params snapshot(JsonNode entry) throws Exception {
        HttpResponse<String> response = http.get(entry.path("url").asText());
        assertEquals(200, response.statusCode());
        return WeightsJson.read(JacksonTree.parse(response.body())).weights();
    }

    private static double mseAt8(Params weights) {
        return Evaluation.evaluate(weights, Evaluation.DEFAULT_SEED, RunReport.TASKS, Evaluation.DEFAULT_LR)
                .meanAt(8);
    }

    private static List<String> ids(JsonNode listed) {
        List<String> ids = new ArrayList<>();
        listed.path("runs").forEach(run -> ids.add(run.path("id").asText()));
        return ids;
    }
}
