package lab.reptile.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import lab.reptile.model.ReptileConfig;
import lab.reptile.model.ReptileTrainer;
import lab.reptile.server.training.TrainingDefaults;
import lab.reptile.server.training.TrainingRunner;
import lab.reptile.server.training.TrainingState;
import lab.reptile.server.training.RunnerStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Garbage over real HTTP: every malformed request gets a 4xx, never a 5xx, with a JSON error naming the problem,
 * and training goes on as configured.
 */
class MalformedRequestsIT {
    private static final String TOKEN = "s3cret-token";
    private static final String RESET = "/api/training/reset";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** One malformed request: how to send it and words its JSON error must contain (empty: any, Jetty's own). */
    private record Attempt(String what, Call call, String mentions) {
    }

    @FunctionalInterface
    private interface Call {
        RawHttp.Reply send() throws Exception;
    }

    /** What Jetty said when it refused a request itself, printed for the record. */
    private static final Set<String> JETTY_WORDS = new TreeSet<>();

    private final List<Attempt> attempts = new ArrayList<>();
    private TrainingRunner runner;
    private ReptileServer server;
    private int port;

    @BeforeEach
    void start() {
        runner = new TrainingRunner(TrainingDefaults.config().withTasks(1_000_000), ReptileTrainer::new);
        server = new ReptileServer(new ServerOptions("127.0.0.1", 0, TOKEN), runner).start();
        runner.start();
        port = server.port();
    }

    @AfterEach
    void stop() {
        server.close();
        runner.close();
    }

    @Test
    void everyMalformedRequestGets4xxWithAJsonErrorAndLeavesTrainingAsItWas() throws Exception {
        badJson();
        wrongTypesAndUnknownFields();
        nonFiniteNegativeAndHugeNumbers();
        oversizedBodies();
        badPaths();
        badMethods();
        badHeaders();
        badQueryParameters();
        brokenRequestLines();

        ReptileConfig config = runner.status().config();
        long tasksBefore = runner.status().tasksDone();
        long versionBefore = runner.snapshot().version();
        List<String> failures = new ArrayList<>();
        long lastTasks = tasksBefore;
        for (Attempt attempt : attempts) {
            RawHttp.Reply reply = attempt.call().send();
            String problem = judge(attempt, reply);
            if (problem != null) {
                failures.add(attempt.what() + ": " + problem);
            }
            RunnerStatus status = runner.status();
            if (!status.config().equals(config) || status.state() != TrainingState.RUNNING
                    || status.tasksDone() < lastTasks) {
                failures.add(attempt.what() + ": changed training to " + status);
            }
            lastTasks = status.tasksDone();
        }
        System.out.println("MalformedRequestsIT: " + attempts.size() + " malformed requests tried; Jetty's own "
                + "refusals: " + JETTY_WORDS);
        assertEquals(List.of(), failures);
        assertTrue(attempts.size() >= 50, "at least 50 malformed requests, tried " + attempts.size());
        Thread.sleep(500);
        assertTrue(runner.status().tasksDone() > tasksBefore, "training is still progressing");
        assertTrue(runner.snapshot().version() > versionBefore, "snapshots are still published");
        assertEquals(config, runner.status().config());
    }

    /** Null if the reply is right: a 4xx with a JSON error that mentions the problem. */
    private static String judge(Attempt attempt, RawHttp.Reply reply) {
        if (reply.status() < 400 || reply.status() > 499) {
            return "status " + reply.status() + " " + RequestBodies.shorten(reply.body());
        }
        if (!reply.contentType().startsWith("application/json")) {
            return "not JSON (" + reply.contentType() + "): " + reply.body();
        }
        try {
            JsonNode error = JSON.readTree(reply.body()).path("error");
            String text = error.asText("");
            if (!error.isTextual() || text.isBlank() || !text.toLowerCase(Locale.ROOT).contains(attempt.mentions().toLowerCase(Locale.ROOT))) {
                return "status " + reply.status() + ", error should mention \"" + attempt.mentions() + "\": "
                        + reply.body();
            }
            if (attempt.mentions().isEmpty()) {
                JETTY_WORDS.add(reply.status() + " " + text);
            }
            return null;
        } catch (Exception e) {
            return "body is not JSON: " + reply.body();
        }
    }

    private void badJson() {
        reset("{\"seed\": 1,", "not valid JSON");
        reset("{seed: 1}", "not valid JSON");
        reset("{'seed': 1}", "not valid JSON");
        reset("{\"seed\": 1} {\"seed\": 2}", "not valid JSON");
        reset("{\"seed\": 1 /* two */}", "not valid JSON");
        reset("[".repeat(5_000) + "]".repeat(5_000), "not valid JSON");
        reset("{\"seed\": 1, \"seed\": 2}", "duplicate field");
        reset("null", "JSON object");
        reset("\"seed\"", "JSON object");
        reset("[1, 2]", "JSON object");
        byte[] badUtf8 = {'{', '"', 's', 'e', 'e', 'd', (byte) 0xff, '"', ':', '1', '}'};
        add("reset with invalid UTF-8", () -> client(HttpRequest.newBuilder(uri(RESET))
                .POST(HttpRequest.BodyPublishers.ofByteArray(badUtf8)), "Authorization", "Bearer " + TOKEN),
                "not valid UTF-8");
    }

    private void wrongTypesAndUnknownFields() {
        reset("{\"innerLr\": \"fast\"}", "innerLr must be a number");
        reset("{\"tasks\": true}", "tasks must be a number");
        reset("{\"seed\": null}", "seed must be a number");
        reset("{\"metaBatchSize\": [4]}", "metaBatchSize must be a number");
        reset("{\"innerEpochs\": {\"n\": 1}}", "innerEpochs must be a number");
        reset("{\"tasks\": 2.5}", "tasks must be a whole number");
        reset("{\"seed\": \"1\"}", "seed must be a number");
        reset("{\"learningRate\": 0.1}", "unknown field \"learningRate\"");
        reset("{\"\": 1}", "unknown field \"\"");
        reset("{\"__proto__\": {\"innerLr\": 1}}", "unknown field \"__proto__\"");
        reset("{\"Seed\": 1}", "unknown field \"Seed\"");
    }

    private void nonFiniteNegativeAndHugeNumbers() {
        reset("{\"innerLr\": NaN}", "not valid JSON");
        reset("{\"innerLr\": Infinity}", "not valid JSON");
        reset("{\"outerStepStart\": -Infinity}", "not valid JSON");
        reset("{\"innerLr\": \"NaN\"}", "innerLr must be a number");
        reset("{\"innerLr\": 1e999}", "innerLr");
        reset("{\"innerLr\": -1}", "innerLr");
        reset("{\"tasks\": -5}", "tasks");
        reset("{\"metaBatchSize\": 0}", "metaBatchSize");
        reset("{\"tasks\": 2147483648}", "tasks is out of range");
        reset("{\"seed\": 99999999999999999999999}", "seed is out of range");
        reset("{\"seed\": 1e400}", "seed is out of range");
        reset("{\"innerEpochs\": 1000000}", "innerEpochs");
        reset("{\"pointsPerTask\": 1e6}", "pointsPerTask");
        reset("{\"outerStepStart\": 2}", "outerStepStart");
        reset("{\"outerStepEnd\": -0.1}", "outerStepEnd");
        reset("{\"innerBatchSize\": 51}", "innerBatchSize");
        reset("{\"tasks\": 1" + "0".repeat(2_000) + "}", "not valid JSON");
    }

    /**
     * Declared sizes go with Expect: 100-continue over a raw socket, as careful clients send large bodies: the server
     * refuses before the body is sent, instead of closing a connection the client may still be writing to (the
     * client would see a reset, not the answer). JDK 17's HttpClient hangs on a final answer to Expect.
     */
    private void oversizedBodies() {
        String huge = "{\"seed\": 1" + " ".repeat(70_000) + "}";
        for (String target : new String[] {"POST " + RESET, "POST /api/training/pause", "GET /api/weights"}) {
            raw(target + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + TOKEN + "\r\nContent-Type: "
                    + "application/json\r\nContent-Length: " + huge.length() + "\r\nExpect: 100-continue\r\n\r\n",
                    "larger than 65536");
        }
        add("reset with a chunked body over 64 KB", () -> client(HttpRequest.newBuilder(uri(RESET))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(
                        huge.getBytes(StandardCharsets.UTF_8)))), "Authorization", "Bearer " + TOKEN),
                "larger than 65536");
        add("pause with a body", () -> client(HttpRequest.newBuilder(uri("/api/training/pause"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"now\": true}")), "Authorization", "Bearer " + TOKEN),
                "takes no body");
    }

    private void badPaths() {
        get("/api/weights/extra", "no such resource");
        get("/api/training/pause/now", "no such resource");
        get("/API/WEIGHTS", "no such resource");
        get("/api/" + "a".repeat(5_000), "no such resource");
        raw("GET /" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", "");
        for (String path : new String[] {"/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/js/..%2f..%2fpom.xml",
                "/webjars/../../../etc/passwd", "/api/weights%00", "/api//weights", "/%ff", "/api/weights%2fextra"}) {
            raw("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", "");
        }
    }

    private void badMethods() {
        for (String path : new String[] {"/api/weights", "/api/training", "/api/training/pause",
                "/api/training/resume", RESET, "/", "/index.html", "/js/reptile.js"}) {
            for (String method : new String[] {"PUT", "DELETE", "PATCH"}) {
                add(method + " " + path, () -> client(HttpRequest.newBuilder(uri(path))
                        .method(method, HttpRequest.BodyPublishers.ofString("{}"))), "not allowed");
            }
        }
        raw("FOO /api/weights HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", "FOO is not allowed");
        raw("TRACE /api/weights HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", "TRACE is not allowed");
    }

    private void badHeaders() {
        for (String auth : new String[] {"Basic " + TOKEN, "Bearer", "Bearer wrong", "Bearer " + TOKEN + "x",
                "Token " + TOKEN, "Bearer " + "x".repeat(6_000)}) {
            add("pause with Authorization: " + auth.substring(0, Math.min(30, auth.length())),
                    () -> client(HttpRequest.newBuilder(uri("/api/training/pause"))
                            .POST(HttpRequest.BodyPublishers.noBody()), "Authorization", auth), "admin token");
        }
        raw("POST /api/training/pause HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer s3cret-tok\u00e9n\r\n"
                + "Content-Length: 0\r\nConnection: close\r\n\r\n", "admin token");
        for (String type : new String[] {"image/png", "text/plain", "application/json; charset=klingon",
                "application/json; charset=\"", "multipart/form-data; boundary=x", ";;;"}) {
            add("reset with Content-Type: " + type, () -> client(HttpRequest.newBuilder(uri(RESET))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"seed\": 7}")),
                    "Authorization", "Bearer " + TOKEN, "Content-Type", type), "Content-Type");
        }
        for (String tag : new String[] {"garbage", "\"unterminated", "W/", "\"1\" \"2\"", "*, \"1\""}) {
            get("/api/weights", "If-None-Match", tag, "If-None-Match");
        }
        raw("GET /api/weights HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\nConnection: close\r\n\r\n", "");
        raw("POST /api/training/pause HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n"
                + "Connection: close\r\n\r\nxy", "");
        raw("GET /api/weights HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: bogus\r\nConnection: close\r\n\r\n", "");
        raw("GET /api/weights HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(20_000) + "\r\nConnection: close\r\n\r\n",
                "");
    }

    private void badQueryParameters() {
        get("/api/weights?version=abc", "query");
        get("/api/weights?a=1&a=2", "query");
        get("/api/training?verbose=1", "query");
        add("pause with a query parameter", () -> client(HttpRequest.newBuilder(uri("/api/training/pause?now=1"))
                .POST(HttpRequest.BodyPublishers.noBody()), "Authorization", "Bearer " + TOKEN), "query");
        raw("GET /api/weights?%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", "query");
    }

    private void brokenRequestLines() {
        raw("GARBAGE\r\n\r\n", "");
        raw("GET /api/weights HTTP/9.9\r\nHost: x\r\n\r\n", "");
        raw("GET /api/weights HTTP/1.x\r\nHost: x\r\n\r\n", "");
        raw("GET /api/weights\r\n\r\n", "");
        raw("GET /api/weights HTTP/1.1 trailing\r\nHost: x\r\nConnection: close\r\n\r\n", "");
        raw("GET /api/weights HTTP/1.1\r\nConnection: close\r\n\r\n", "");
        raw("GET /api/weights HTTP/1.1\r\nHost: x\r\nNoColonHere\r\nConnection: close\r\n\r\n", "");
        raw("GET /api/weights HTTP/1.1\r\nHost: x\r\nX-Space : 1\r\nConnection: close\r\n\r\n", "");
        raw("GET /api/weights HTTP/1.1\r\nHost: x\r\nX-Fold: a\r\n b\r\nConnection: close\r\n\r\n", "");
        raw("\u0000\u0001\u0002\u0003\r\n\r\n", "");
    }

    private void reset(String body, String mentions) {
        String what = "reset " + body.substring(0, Math.min(40, body.length()));
        add(what, () -> client(HttpRequest.newBuilder(uri(RESET)).POST(HttpRequest.BodyPublishers.ofString(body)),
                "Authorization", "Bearer " + TOKEN, "Content-Type", "application/json"), mentions);
    }

    private void get(String path, String mentions) {
        add("GET " + path.substring(0, Math.min(60, path.length())),
                () -> client(HttpRequest.newBuilder(uri(path)).GET()), mentions);
    }

    private void get(String path, String header, String value, String mentions) {
        add("GET " + path + " with " + header + ": " + value,
                () -> client(HttpRequest.newBuilder(uri(path)).GET(), header, value), mentions);
    }

    /**
     * A raw request. An empty {@code mentions} marks one Jetty refuses before Javalin sees it (broken request line,
     * bad framing headers, traversal, oversized URI or headers): its words are Jetty's own, made JSON by JettyErrors.
     */
    private void raw(String request, String mentions) {
        String line = request.split("\r\n", 2)[0];
        add("raw " + line.substring(0, Math.min(60, line.length())),
                () -> RawHttp.send(port, request.getBytes(StandardCharsets.UTF_8)), mentions);
    }

    private void add(String what, Call call, String mentions) {
        attempts.add(new Attempt(what, call, mentions));
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static RawHttp.Reply client(HttpRequest.Builder builder, String... headers) throws Exception {
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        HttpResponse<String> response = CLIENT.send(builder.timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
        String type = response.headers().firstValue("Content-Type").orElse("");
        return new RawHttp.Reply(response.statusCode(), "Content-Type: " + type, response.body());
    }
}
