package lab.reptile.server.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import lab.reptile.jackson.JacksonTree;
import lab.reptile.model.NetShape;
import lab.reptile.model.ReptileConfig;
import lab.reptile.model.ReptileTrainer;
import lab.reptile.model.WeightsFile;
import lab.reptile.model.WeightsJson;
import lab.reptile.server.http.ReptileServer;
import lab.reptile.server.http.ServerOptions;
import lab.reptile.server.TestLab;
import lab.reptile.server.snapshot.ContentEtag;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code GET /api/weights?init=pretrained} over real HTTP, beside the meta-weights. */
class PretrainedWeightsHttpIT {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static TestLab runner;
    private static PretrainedBaseline baseline;
    private static ReptileServer server;

    @BeforeAll
    static void start() throws InterruptedException {
        runner = TestLab.plain(ReptileConfig.reference().withTasks(100));
        baseline = PretrainedBaseline.start(PretrainConfig.defaults().withSteps(20), NetShape.STANDARD);
        server = new ReptileServer(new ServerOptions("127.0.0.1", 0, null), runner.lab(), baseline).start();
        assertTrue(baseline.await(30_000), "the pretrained baseline did not finish training in 30 s: "
                + baseline.state());
    }

    @AfterAll
    static void stop() {
        server.close();
        runner.close();
    }

    private static HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesThePretrainedNetInTheWeightsFormatWithItsOwnETag() throws Exception {
        HttpResponse<String> response = get("/api/weights?init=pretrained");
        assertEquals(200, response.statusCode(), response.body());
        WeightsFile file = WeightsJson.read(JacksonTree.parse(response.body()));
        assertEquals(NetShape.STANDARD, file.shape());
        assertEquals(PretrainedBaseline.VERSION, file.version());
        assertEquals(baseline.snapshot().weights(), file.weights());
        String etag = response.headers().firstValue("ETag").orElseThrow();
        assertEquals(ContentEtag.of(response.body().getBytes(StandardCharsets.UTF_8)), etag, "from the bytes");
        assertNotEquals(etag, get("/api/weights").headers().firstValue("ETag").orElseThrow());
    }

    @Test
    void ifNoneMatchWithItsETagGives304() throws Exception {
        String etag = get("/api/weights?init=pretrained").headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> response = get("/api/weights?init=pretrained", "If-None-Match", etag);
        assertEquals(304, response.statusCode());
        assertEquals("", response.body());
    }

    @Test
    void initMetaIsTheDefault() throws Exception {
        assertEquals(get("/api/weights").body(), get("/api/weights?init=meta").body());
    }

    @Test
    void unknownInitGets400NamingTheParameter() throws Exception {
        HttpResponse<String> response = get("/api/weights?init=zeros");
        assertEquals(400, response.statusCode());
        assertTrue(response.body().contains("init") && response.body().contains("zeros"), response.body());
    }

    @Test
    void aServerWithoutABaselineAnswers404() throws Exception {
        try (ReptileServer bare = new ReptileServer(new ServerOptions("127.0.0.1", 0, null), runner.lab()).start()) {
            HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + bare.port() + "/api/weights?init=pretrained")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(404, response.statusCode());
            assertTrue(response.body().contains("no pretrained baseline"), response.body());
        }
    }

    @Test
    void whileTheBaselineTrainsTheAnswerIs503WithRetryAfter() throws Exception {
        PretrainConfig slow = new PretrainConfig(1, 10, 50, 10, 10_000_000, 0.1, 0.005, 1);
        try (ReptileServer busy = new ReptileServer(new ServerOptions("127.0.0.1", 0, null), runner.lab(),
                PretrainedBaseline.start(slow, NetShape.STANDARD)).start()) {
            HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + busy.port() + "/api/weights?init=pretrained")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(503, response.statusCode());
            assertEquals("2", response.headers().firstValue("Retry-After").orElseThrow());
            assertTrue(response.body().contains("still training"), response.body());
        }
    }

    @Test
    void beforeTheBaselineStartsTheAnswerIs503SayingItWaitsThenItTrains() throws Exception {
        PretrainedBaseline waiting = PretrainedBaseline.start(PretrainConfig.defaults().withSteps(20),
                NetShape.STANDARD, Duration.ofSeconds(8));
        try (ReptileServer busy = new ReptileServer(new ServerOptions("127.0.0.1", 0, null), runner.lab(),
                waiting).start()) {
            assertEquals(PretrainedBaseline.State.WAITING, waiting.state(), "8 s outlast a server's start");
            HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + busy.port() + "/api/weights?init=pretrained")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(503, response.statusCode());
            assertEquals("2", response.headers().firstValue("Retry-After").orElseThrow());
            assertTrue(response.body().contains("trains once the default run has had a few seconds"), response.body());
            assertTrue(waiting.await(60_000), "trained after its delay: " + waiting.state());
            assertEquals(PretrainedBaseline.State.READY, waiting.state());
        }
    }
}
