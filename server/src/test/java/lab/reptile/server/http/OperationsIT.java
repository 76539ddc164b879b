package lab.reptile.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lab.reptile.server.Await;
import lab.reptile.server.TestLab;
import lab.reptile.server.lab.RunState;
import lab.reptile.server.training.TrainingDefaults;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What an operator's tools see over real HTTP: health, readiness, Prometheus metrics, and HEAD on every GET route. */
class OperationsIT {
    private static final int TASKS = 3_000;
    private TestLab runner;
    private ReptileServer server;
    private HttpTestClient http;

    @BeforeEach
    void start() {
        runner = TestLab.plain(TrainingDefaults.config().withTasks(TASKS));
        server = new ReptileServer(new ServerOptions("127.0.0.1", 0, null), runner.lab()).start();
        http = new HttpTestClient(server.port());
    }

    @AfterEach
    void stop() {
        server.close();
        runner.close();
    }

    @Test
    void healthIsUpAtOnceAndReadinessWaitsForTrainedWeights() throws Exception {
        assertEquals(200, http.get("/healthz").statusCode());
        HttpResponse<String> notYet = http.get("/readyz");
        assertEquals(503, notYet.statusCode(), "no task trained yet: " + notYet.body());
        assertEquals("1", notYet.headers().firstValue("Retry-After").orElse(""));
        runner.start();
        Await.until("/readyz to answer 200 once training has published", () -> http.get("/readyz").statusCode() == 200);
        assertTrue(runner.tasksDone() > 0, "ready means trained weights: " + runner.tasksDone());
        assertEquals(200, http.get("/healthz").statusCode());
    }

    @Test
    void metricsShowTrainingTheLabHttpAndMemoryInPrometheusText() throws Exception {
        runner.start();
        Await.until("the default run to finish", runner::state, state -> state == RunState.FINISHED);
        String etag = http.get("/api/weights").headers().firstValue("ETag").orElseThrow();
        http.get("/api/weights");
        http.get("/api/weights", "If-None-Match", etag);
        http.get("/api/runs/nonexistent00000");

        HttpResponse<String> metrics = http.get("/metrics");
        assertEquals(200, metrics.statusCode());
        assertEquals(HealthEndpoints.METRICS_TYPE, metrics.headers().firstValue("Content-Type").orElse(""));
        String text = metrics.body();
        assertEquals(TASKS, value(text, "reptile_training_tasks_total"), text);
        assertEquals(1, value(text, "reptile_training_state{state=\"finished\"}"));
        assertEquals(0, value(text, "reptile_training_state{state=\"running\"}"));
        assertEquals(1, value(text, "reptile_runs{state=\"finished\"}"));
        assertEquals(0, value(text, "reptile_queue_length"));
        double mse = runner.view().history().get(runner.view().history().size() - 1).mseAt8();
        assertEquals(mse, value(text, "reptile_training_validation_mse"), 1e-12 * mse);
        assertEquals(2, value(text, requests("GET", "/api/weights", 200)), "two full answers");
        assertEquals(1, value(text, requests("GET", "/api/weights", 304)), "one revalidation");
        assertEquals(1, value(text, requests("GET", "/api/runs/{id}", 404)), "the route's template, not the id");
        assertTrue(text.contains("http_server_requests_seconds_bucket{method=\"GET\",route=\"/api/weights\","
                + "status=\"200\",le=\""), "a latency histogram");
        assertTrue(value(text, "process_resident_memory_bytes") > 10e6, "resident memory from /proc");
        assertTrue(value(text, "jvm_memory_used_bytes{area=\"heap\",id=\"G1 Eden Space\"}") >= 0, "JVM memory");
    }

    @Test
    void headGivesGetsStatusAndHeadersWithoutABodyOnEveryGetRoute() throws Exception {
        runner.start();
        Await.until("the default run to finish", runner::state, state -> state == RunState.FINISHED);
        List<String> paths = new ArrayList<>(List.of("/", "/index.html", "/app.css", "/js/reptile.js",
                "/webjars/chart.js/4.5.1/dist/chart.umd.js", "/healthz", "/readyz", "/api/weights",
                "/api/weights?init=pretrained", "/api/weights?init=bogus", "/api/training", "/api/runs",
                "/api/runs/default", "/api/runs/default/weights", runner.snapshotsUrl() + "0",
                runner.snapshotsUrl() + "999", "/api/runs/default/snapshots/0", "/api/runs/nonexistent00000", "/no/such/page"));
        for (String encoding : new String[] {"identity", "gzip"}) {
            for (String path : paths) {
                RawHttp.Reply get = RawHttp.send(server.port(), request("GET", path, encoding));
                RawHttp.Reply head = RawHttp.send(server.port(), request("HEAD", path, encoding));
                assertEquals(get.status(), head.status(), "HEAD " + path);
                assertEquals(headers(get), headers(head), "HEAD " + path + " with " + encoding);
                assertEquals("", head.body(), "HEAD " + path + " sends no body");
                assertTrue(get.status() >= 400 || !get.body().isEmpty(), "GET " + path + " has a body");
            }
        }
        RawHttp.Reply weights = RawHttp.send(server.port(), request("HEAD", "/api/weights", "identity"));
        assertTrue(weights.headers().contains("ETag: \"" + runner.snapshot().etag().replace("\"", "") + "\""),
                weights.headers());
    }

    private static String request(String method, String path, String encoding) {
        return method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept-Encoding: " + encoding
                + "\r\nConnection: close\r\n\r\n";
    }

    /** Header lines but the Date, which moves with the clock; /metrics has none that vary. */
    private static List<String> headers(RawHttp.Reply reply) {
        List<String> lines = new ArrayList<>();
        for (String line : reply.headers().split("\r\n")) {
            if (!line.toLowerCase(Locale.ROOT).startsWith("date:")) {
                lines.add(line);
            }
        }
        return lines;
    }

    private static String requests(String method, String route, int status) {
        return "http_server_requests_seconds_count{method=\"" + method + "\",route=\"" + route + "\",status=\""
                + status + "\"}";
    }

    /** The sample {@code series} (name and labels, exactly as exposed) in a Prometheus scrape. */
    private static double value(String scrape, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(scrape);
        assertTrue(m.find(), "no sample " + series + " in:\n" + scrape);
        return Double.parseDouble(m.group(1));
    }
}
