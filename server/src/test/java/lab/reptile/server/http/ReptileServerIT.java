package lab.reptile.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import lab.reptile.jackson.JacksonTree;
import lab.reptile.model.NetShape;
import lab.reptile.model.ReptileTrainer;
import lab.reptile.model.WeightsFile;
import lab.reptile.model.WeightsJson;
import lab.reptile.server.Await;
import lab.reptile.server.training.TrainingDefaults;
import lab.reptile.server.TestLab;
import lab.reptile.server.lab.RunState;
import lab.reptile.server.snapshot.ContentEtag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReptileServerIT {
    private static final String TOKEN = "s3cret-token";
    private static final ObjectMapper JSON = new ObjectMapper();

    private TestLab runner;
    private ReptileServer server;
    private HttpTestClient http;

    @BeforeEach
    void start() throws Exception {
        runner = TestLab.plain(TrainingDefaults.config().withTasks(1_000_000));
        server = new ReptileServer(new ServerOptions("127.0.0.1", 0, TOKEN), runner.lab()).start();
        runner.start();
        http = new HttpTestClient(server.port());
        Await.until("the default run to train", runner::state, state -> state == RunState.RUNNING);
    }

    @AfterEach
    void stop() {
        server.close();
        runner.close();
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"),
                "JSON content type: " + response.headers().map());
        return JSON.readTree(response.body());
    }

    private static void assertError(HttpResponse<String> response, int status, String mentions) throws Exception {
        assertEquals(status, response.statusCode(), response.body());
        String error = json(response).path("error").asText();
        assertTrue(error.contains(mentions), "error \"" + error + "\" should mention " + mentions);
    }

    @Test
    void servesThePageTheCompiledClientAndChartJs() throws Exception {
        HttpResponse<String> page = http.get("/");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<html"), page.body());
        HttpResponse<String> js = http.get("/js/reptile.js");
        assertEquals(200, js.statusCode());
        assertTrue(js.body().length() > 1_000, "compiled client is there");
        HttpResponse<String> chart = http.get("/webjars/chart.js/4.5.1/dist/chart.umd.js");
        assertEquals(200, chart.statusCode());
        assertTrue(chart.body().contains("Chart.js v4.5.1"));
    }

    @Test
    void weightsAreServedInTheFormatWithAStrongETagFromTheirBytes() throws Exception {
        HttpResponse<String> response = http.get("/api/weights");
        assertEquals(200, response.statusCode());
        WeightsFile file = WeightsJson.read(JacksonTree.parse(response.body()));
        assertEquals(ContentEtag.of(response.body().getBytes(StandardCharsets.UTF_8)),
                response.headers().firstValue("ETag").orElseThrow());
        assertEquals(NetShape.STANDARD, file.shape());
        assertTrue(file.weights().isFinite());
    }

    @Test
    void ifNoneMatchWithTheCurrentETagGives304AndAStaleOneGivesTheNewWeights() throws Exception {
        runner.pause();
        HttpResponse<String> first = http.get("/api/weights");
        String etag = first.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> same = http.get("/api/weights", "If-None-Match", etag);
        assertEquals(304, same.statusCode());
        assertEquals("", same.body());
        assertEquals(etag, same.headers().firstValue("ETag").orElseThrow());

        runner.resume();
        long firstVersion = WeightsJson.read(JacksonTree.parse(first.body())).version();
        Await.until("a snapshot newer than version " + firstVersion, () -> runner.snapshot().version() > firstVersion);
        HttpResponse<String> newer = http.get("/api/weights", "If-None-Match", etag);
        assertEquals(200, newer.statusCode());
        assertTrue(WeightsJson.read(JacksonTree.parse(newer.body())).version()
                > WeightsJson.read(JacksonTree.parse(first.body())).version());
    }

    @Test
    void weightsGoOutWithALengthAndGzippedOnlyForClientsThatAcceptIt() throws Exception {
        runner.pause();
        HttpResponse<String> plain = http.get("/api/weights", "Accept-Encoding", "gzip;q=0, br");
        assertEquals(String.valueOf(plain.body().length()), plain.headers().firstValue("Content-Length").orElse(""));
        assertTrue(plain.headers().firstValue("Content-Encoding").isEmpty());
        HttpResponse<byte[]> zipped = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + "/api/weights"))
                .header("Accept-Encoding", "gzip").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals("gzip", zipped.headers().firstValue("Content-Encoding").orElse(""));
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(zipped.body()))) {
            assertEquals(plain.body(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void theCurrentETagInAListOrWeakFormStillGives304() throws Exception {
        runner.pause();
        String etag = http.get("/api/weights").headers().firstValue("ETag").orElseThrow();
        assertEquals(304, http.get("/api/weights", "If-None-Match", "\"0\", , W/" + etag).statusCode());
        assertEquals(304, http.get("/api/weights", "If-None-Match", "*").statusCode());
        assertEquals(200, http.get("/api/weights", "If-None-Match", "\"0\", \"a,b\"").statusCode());
    }

    @Test
    void resetTakesJsonDeclaredWithOrWithoutItsUtf8Charset() throws Exception {
        HttpResponse<String> reset = http.post("/api/training/reset", "{\"seed\": 5}", "Authorization",
                "Bearer " + TOKEN, "Content-Type", "application/json; charset=UTF-8");
        assertEquals(200, reset.statusCode(), reset.body());
        assertEquals(5, runner.config().seed());
    }

    @Test
    void trainingStatusReportsProgressConfigAndHistory() throws Exception {
        Await.until("tasks done, a rate and a first validation point", runner::view,
                s -> s.tasksDone() > 0 && s.tasksPerSecond() > 0 && !s.history().isEmpty());
        JsonNode status = json(http.get("/api/training"));
        assertEquals("running", status.path("state").asText());
        assertTrue(status.path("tasksDone").asLong() > 0);
        assertEquals(1_000_000, status.path("tasksTotal").asLong());
        assertTrue(status.path("tasksPerSecond").asDouble() > 0);
        assertEquals(TrainingDefaults.config().innerLr(), status.path("config").path("innerLr").asDouble());
        assertTrue(status.path("history").get(0).path("mseAt8").asDouble() > 0);
    }

    @Test
    void controlNeedsTheRightBearerToken() throws Exception {
        assertError(http.post("/api/training/pause", ""), 401, "missing admin token");
        assertError(http.post("/api/training/pause", "", "Authorization", "Bearer nope"), 401, "wrong admin token");
        assertError(http.post("/api/training/pause", "", "Authorization", "Basic " + TOKEN), 401, "missing");
        assertEquals("running", runner.state().apiName(), "a refused request changes nothing");
    }

    @Test
    void pauseResumeAndResetChangeTrainingWithTheToken() throws Exception {
        String[] auth = {"Authorization", "Bearer " + TOKEN, "Content-Type", "application/json"};
        JsonNode paused = json(http.post("/api/training/pause", "", auth));
        assertEquals("paused", paused.path("state").asText());
        JsonNode resumed = json(http.post("/api/training/resume", "", auth));
        assertEquals("queued", resumed.path("state").asText(), "first in the queue");
        Await.until("the resumed run to train", () -> json(http.get("/api/training")),
                t -> t.path("state").asText().equals("running"));
        HttpResponse<String> reset = http.post("/api/training/reset",
                "{\"seed\": 42, \"tasks\": 3000, \"innerLr\": 0.01}", auth);
        assertEquals(200, reset.statusCode(), reset.body());
        JsonNode config = json(reset).path("config");
        assertEquals(42, config.path("seed").asLong());
        assertEquals(3000, config.path("tasks").asInt());
        assertEquals(0.01, config.path("innerLr").asDouble());
        assertEquals(10, config.path("innerBatchSize").asInt(), "unnamed fields keep their values");
        assertEquals(3000, runner.tasksTotal());
    }

    @Test
    void aResetDefaultRunServesItsSnapshotsUnderNewUrlsAndTheOldOnesAre404() throws Exception {
        JsonNode before = Await.until("the first timeline snapshot", () -> json(http.get("/api/runs/default")),
                run -> run.path("timeline").size() > 0);
        String oldUrl = before.path("timeline").path(0).path("url").asText();
        HttpResponse<String> oldSnapshot = http.get(oldUrl);
        assertEquals(200, oldSnapshot.statusCode(), oldUrl);
        assertEquals(RunsEndpoints.IMMUTABLE, oldSnapshot.headers().firstValue("Cache-Control").orElse(""));
        String[] auth = {"Authorization", "Bearer " + TOKEN};
        assertEquals(200, http.post("/api/training/reset", "{\"seed\": 43, \"tasks\": 3000}", auth[0], auth[1],
                "Content-Type", "application/json").statusCode());

        JsonNode after = Await.until("the reset run's first snapshot", () -> json(http.get("/api/runs/default")),
                run -> run.path("timeline").size() > 0 && run.path("config").path("seed").asInt() == 43);
        String newUrl = after.path("timeline").path(0).path("url").asText();
        assertNotEquals(before.path("generation").asText(), after.path("generation").asText());
        assertEquals("/api/runs/default/generations/" + after.path("generation").asText() + "/snapshots/0", newUrl);
        HttpResponse<String> newSnapshot = http.get(newUrl);
        assertEquals(200, newSnapshot.statusCode());
        assertNotEquals(oldSnapshot.body(), newSnapshot.body(), "seed 43 starts from other weights");
        assertError(http.get(oldUrl), 404, "run default has no generation \"" + before.path("generation").asText());
    }

    @Test
    void aSnapshotDamagedInTheStoreIsGoneNotServedAsGood() throws Exception {
        Await.until("a second timeline snapshot", () -> runner.view().timeline().size() >= 2);
        // One byte of the stored weights changed behind the lab's back (same process: H2 lets it connect).
        try (java.sql.Connection db = java.sql.DriverManager.getConnection(
                lab.reptile.server.store.Database.embeddedUrl(runner.dataDir()))) {
            assertEquals(1, db.createStatement().executeUpdate("UPDATE snapshots SET bytes = bytes || X'20'"
                    + " WHERE run_id = 'default' AND idx = 1"));
        }
        HttpResponse<String> damaged = http.get(runner.snapshotsUrl() + "1");
        assertError(damaged, 410, "snapshot 1 of run default is damaged in the store and is not served (snapshot 1 is "
                + "damaged: its bytes do not match their SHA-256)");
        assertEquals("no-store", damaged.headers().firstValue("Cache-Control").orElse(""));
        assertEquals(200, http.get(runner.snapshotsUrl() + "0").statusCode(), "the others are served");
    }

    @Test
    void badHyperparametersGet400NamingTheFieldAndChangeNothing() throws Exception {
        String[] auth = {"Authorization", "Bearer " + TOKEN, "Content-Type", "application/json"};
        assertError(http.post("/api/training/reset", "{\"innerLr\": -1}", auth), 400, "innerLr");
        assertError(http.post("/api/training/reset", "{\"innerLr\": \"fast\"}", auth), 400, "innerLr must be a number");
        assertError(http.post("/api/training/reset", "{\"tasks\": 2.5}", auth), 400, "tasks must be a whole number");
        assertError(http.post("/api/training/reset", "{\"metaBatchSize\": 1e12}", auth), 400, "metaBatchSize");
        assertError(http.post("/api/training/reset", "{\"learningRate\": 0.1}", auth), 400,
                "unknown field \"learningRate\"");
        assertError(http.post("/api/training/reset", "{\"seed\": 1,", auth), 400, "not valid JSON");
        assertError(http.post("/api/training/reset", "[1, 2]", auth), 400, "JSON object");
        assertError(http.post("/api/training/reset", "{\"tasks\": 1000, \"metaBatchSize\": 3}", auth), 400,
                "multiple of metaBatchSize");
        assertEquals(1_000_000, runner.tasksTotal(), "training config unchanged");
        assertEquals("running", runner.state().apiName());
    }

    @Test
    void oversizedBodiesAreRefused() throws Exception {
        String huge = "{\"seed\": 1" + " ".repeat(70_000) + "}";
        HttpResponse<String> response = http.post("/api/training/reset", huge, "Authorization", "Bearer " + TOKEN);
        assertEquals(413, response.statusCode(), response.body());
        assertEquals(1_000_000, runner.tasksTotal());
    }

    @Test
    void unknownPathsGet404AndWrongMethodsGet405AsJson() throws Exception {
        assertError(http.get("/api/nothing"), 404, "/api/nothing");
        assertError(http.get("/no-such-page"), 404, "/no-such-page");
        assertError(http.method("DELETE", "/api/weights"), 405, "DELETE");
        assertError(http.get("/api/training/pause"), 405, "GET");
    }

    @Test
    void everyResponseCarriesSecurityHeaders() throws Exception {
        for (String path : new String[] {"/", "/api/weights", "/api/nothing"}) {
            HttpResponse<String> response = http.get(path);
            assertEquals("nosniff", response.headers().firstValue("X-Content-Type-Options").orElse(""), path);
            assertTrue(response.headers().firstValue("Content-Security-Policy").orElse("")
                    .contains("script-src 'self'"), path);
            assertTrue(response.headers().firstValue("Referrer-Policy").isPresent(), path);
            assertTrue(response.headers().firstValue("Access-Control-Allow-Origin").isEmpty(), path);
        }
    }

    @Test
    void withoutAConfiguredTokenControlIsDisabled() throws Exception {
        try (ReptileServer open = new ReptileServer(new ServerOptions("127.0.0.1", 0, null), runner.lab()).start()) {
            HttpTestClient client = new HttpTestClient(open.port());
            assertError(client.post("/api/training/pause", "", "Authorization", "Bearer " + TOKEN), 403, "disabled");
        }
    }
}
