package lab.reptile.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
import lab.reptile.model.ReptileConfig;
import lab.reptile.model.ReptileTrainer;
import lab.reptile.server.Await;
import lab.reptile.server.training.TrainingDefaults;
import lab.reptile.server.TestLab;
import lab.reptile.server.lab.RunState;
import lab.reptile.server.lab.RunView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Garbage over real HTTP: every malformed request gets the 4xx that fits it, never a 5xx, with a JSON error naming
 * the problem, and training goes on as configured.
 */
class MalformedRequestsIT {
    private static final String TOKEN = "s3cret-token";
    private static final String RESET = "/api/training/reset";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** One malformed request: how to send it, the status it must get, and words its JSON error must contain. */
    private record Attempt(String what, Call call, int status, List<String> mentions) {
    }

    @FunctionalInterface
    private interface Call {
        RawHttp.Reply send() throws Exception;
    }

    private final List<Attempt> attempts = new ArrayList<>();
    private TestLab runner;
    private ReptileServer server;
    private int port;

    @BeforeEach
    void start() throws Exception {
        runner = TestLab.plain(TrainingDefaults.config().withTasks(1_000_000));
        server = new ReptileServer(new ServerOptions("127.0.0.1", 0, TOKEN), runner.lab()).start();
        runner.start();
        port = server.port();
        // Each attempt checks that training is still running: it must have begun (CI once saw it still queued).
        Await.until("the default run to train", runner::state, state -> state == RunState.RUNNING);
    }

    @AfterEach
    void stop() {
        server.close();
        runner.close();
    }

    @Test
    void everyMalformedRequestGetsItsStatusAndAJsonErrorNamingTheProblemAndLeavesTrainingAsItWas() throws Exception {
        badJson();
        wrongTypesAndUnknownFields();
        nonFiniteNegativeAndHugeNumbers();
        oversizedBodies();
        badPaths();
        badMethods();
        badHeaders();
        badQueryParameters();
        brokenRequestLines();

        ReptileConfig config = runner.config();
        long tasksBefore = runner.tasksDone();
        long versionBefore = runner.snapshot().version();
        List<String> failures = new ArrayList<>();
        long lastTasks = tasksBefore;
        for (Attempt attempt : attempts) {
            RawHttp.Reply reply = attempt.call().send();
            String problem = judge(attempt, reply);
            if (problem != null) {
                failures.add(attempt.what() + ": " + problem);
            }
            RunView status = runner.view();
            if (!runner.config().equals(config) || status.state() != RunState.RUNNING
                    || status.tasksDone() < lastTasks) {
                failures.add(attempt.what() + ": changed training to " + status);
            }
            lastTasks = status.tasksDone();
        }
        assertEquals(List.of(), failures);
        assertEquals(126, attempts.size(), "malformed requests tried");
        Await.until("training to go on past " + tasksBefore + " tasks and version " + versionBefore,
                () -> runner.tasksDone() > tasksBefore && runner.snapshot().version() > versionBefore);
        assertEquals(config, runner.config());
    }

    /** Null if the reply is right: the expected status, with a JSON error that mentions every expected word. */
    private static String judge(Attempt attempt, RawHttp.Reply reply) {
        if (reply.status() != attempt.status()) {
            return "status " + reply.status() + " instead of " + attempt.status() + ": "
                    + RequestBodies.shorten(reply.body());
        }
        if (!reply.contentType().startsWith("application/json")) {
            return "not JSON (" + reply.contentType() + "): " + reply.body();
        }
        JsonNode json;
        try {
            json = JSON.readTree(reply.body());
        } catch (Exception e) {
            return "body is not JSON: " + reply.body();
        }
        JsonNode error = json.path("error");
        String text = error.asText("").toLowerCase(Locale.ROOT);
        if (!error.isTextual()) {
            return "no error message: " + reply.body();
        }
        for (String words : attempt.mentions()) {
            if (!text.contains(words.toLowerCase(Locale.ROOT))) {
                return "error should mention \"" + words + "\": " + reply.body();
            }
        }
        if (json.path("status").asInt() != attempt.status()) {
            return "the body's status is not " + attempt.status() + ": " + reply.body();
        }
        return null;
    }

    private void badJson() {
        reset("{\"seed\": 1,", "not valid JSON", "end-of-input");
        reset("{seed: 1}", "not valid JSON", "expecting double-quote");
        reset("{'seed': 1}", "not valid JSON", "expecting double-quote");
        reset("{\"seed\": 1} {\"seed\": 2}", "not valid JSON", "trailing token");
        reset("{\"seed\": 1 /* two */}", "not valid JSON", "comment");
        reset("[".repeat(5_000) + "]".repeat(5_000), "not valid JSON", "nesting depth");
        reset("{\"seed\": 1, \"seed\": 2}", "duplicate field 'seed'");
        reset("null", "hyperparameters must be a JSON object");
        reset("\"seed\"", "hyperparameters must be a JSON object");
        reset("[1, 2]", "hyperparameters must be a JSON object");
        byte[] badUtf8 = {'{', '"', 's', 'e', 'e', 'd', (byte) 0xff, '"', ':', '1', '}'};
        add("reset with invalid UTF-8", () -> client(HttpRequest.newBuilder(uri(RESET))
                .POST(HttpRequest.BodyPublishers.ofByteArray(badUtf8)), "Authorization", "Bearer " + TOKEN,
                "Content-Type", "application/json"), 400, "body is not valid UTF-8");
    }

    private void wrongTypesAndUnknownFields() {
        reset("{\"innerLr\": \"fast\"}", "innerLr must be a number, got string");
        reset("{\"tasks\": true}", "tasks must be a number, got boolean");
        reset("{\"seed\": null}", "seed must be a number, got null");
        reset("{\"metaBatchSize\": [4]}", "metaBatchSize must be a number, got array");
        reset("{\"innerEpochs\": {\"n\": 1}}", "innerEpochs must be a number, got object");
        reset("{\"tasks\": 2.5}", "tasks must be a whole number, got 2.5");
        reset("{\"seed\": \"1\"}", "seed must be a number, got string");
        reset("{\"learningRate\": 0.1}", "unknown field \"learningRate\"", "known fields: seed");
        reset("{\"\": 1}", "unknown field \"\"");
        reset("{\"__proto__\": {\"innerLr\": 1}}", "unknown field \"__proto__\"");
        reset("{\"Seed\": 1}", "unknown field \"Seed\"");
    }

    private void nonFiniteNegativeAndHugeNumbers() {
        reset("{\"innerLr\": NaN}", "not valid JSON", "'NaN'");
        reset("{\"innerLr\": Infinity}", "not valid JSON", "'Infinity'");
        reset("{\"outerStepStart\": -Infinity}", "not valid JSON", "'-Infinity'");
        reset("{\"innerLr\": \"NaN\"}", "innerLr must be a number, got string");
        reset("{\"innerLr\": 1e999}", "innerLr must be from", "got Infinity");
        reset("{\"innerLr\": -1}", "innerLr must be from", "got -1");
        reset("{\"tasks\": -5}", "tasks must be from", "got -5");
        reset("{\"metaBatchSize\": 0}", "metaBatchSize must be from", "got 0");
        reset("{\"tasks\": 2147483648}", "tasks is out of range, got 2147483648");
        reset("{\"seed\": 99999999999999999999999}", "seed is out of range, got 99999999999999999999999");
        reset("{\"seed\": 1e400}", "seed is out of range", "Infinity");
        reset("{\"innerEpochs\": 1000000}", "innerEpochs must be from", "got 1,000,000");
        reset("{\"pointsPerTask\": 1e6}", "pointsPerTask must be from", "got 1,000,000");
        reset("{\"outerStepStart\": 2}", "outerStepStart must be from", "got 2");
        reset("{\"outerStepEnd\": -0.1}", "outerStepEnd must be from", "got -0.1");
        reset("{\"innerBatchSize\": 51}", "innerBatchSize must be from", "got 51");
        reset("{\"tasks\": 1" + "0".repeat(2_000) + "}", "not valid JSON", "number value length");
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
                    413, "body is larger than 65536 bytes");
        }
        for (String target : new String[] {"POST " + RESET, "GET /api/weights"}) { // sent whole: read, then 413
            raw(target + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + TOKEN + "\r\nContent-Type: "
                    + "application/json\r\nContent-Length: " + huge.length() + "\r\n\r\n" + huge,
                    413, "body is larger than 65536 bytes");
        }
        add("reset with a chunked body over 64 KB", () -> client(HttpRequest.newBuilder(uri(RESET))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(
                        huge.getBytes(StandardCharsets.UTF_8)))), "Authorization", "Bearer " + TOKEN),
                413, "body is larger than 65536 bytes");
        add("pause with a body", () -> client(HttpRequest.newBuilder(uri("/api/training/pause"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"now\": true}")), "Authorization", "Bearer " + TOKEN),
                400, "POST /api/training/pause takes no body");
    }

    /**
     * Unknown paths are 404s naming the path. Paths Jetty refuses before any route sees them: one that climbs above
     * the root ("Bad URI"), a NUL, bytes that are not UTF-8, an oversized URI; the ones that stay inside the root
     * but name nothing served are 404s.
     */
    private void badPaths() {
        get("/api/weights/extra", 404, "no such resource: /api/weights/extra");
        get("/api/training/pause/now", 404, "no such resource: /api/training/pause/now");
        get("/API/WEIGHTS", 404, "no such resource: /API/WEIGHTS");
        get("/api/" + "a".repeat(5_000), 404, "no such resource: /api/aaaa");
        raw("GET /" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 414, "URI Too Long");
        rawGet("/../../etc/passwd", 400, "Bad URI");
        rawGet("/%2e%2e/%2e%2e/etc/passwd", 400, "Bad URI");
        rawGet("/js/..%2f..%2fpom.xml", 404, "no such resource: /js/..%2f..%2fpom.xml");
        rawGet("/webjars/../../../etc/passwd", 400, "Bad URI");
        rawGet("/api/weights%00", 400, "Illegal character in path");
        rawGet("/api//weights", 404, "no such resource: /api//weights");
        rawGet("/%ff", 400, "Bad UTF-8 encoding");
        rawGet("/api/weights%2fextra", 404, "no such resource: /api/weights%2fextra");
    }

    private void badMethods() {
        for (String path : new String[] {"/api/weights", "/api/training", "/api/training/pause",
                "/api/training/resume", RESET}) {
            for (String method : new String[] {"PUT", "DELETE", "PATCH"}) {
                add(method + " " + path, () -> client(HttpRequest.newBuilder(uri(path))
                        .method(method, HttpRequest.BodyPublishers.ofString("{}"))), 405,
                        method + " is not allowed on " + path);
            }
        }
        for (String path : new String[] {"/", "/index.html", "/js/reptile.js"}) {
            for (String method : new String[] {"PUT", "DELETE", "PATCH"}) {
                add(method + " " + path, () -> client(HttpRequest.newBuilder(uri(path))
                        .method(method, HttpRequest.BodyPublishers.ofString("{}"))), 405,
                        method + " is not allowed on " + path + "; the page and its files take GET");
            }
        }
        raw("FOO /api/weights HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 405,
                "FOO is not allowed on /api/weights");
        raw("TRACE /api/weights HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 405,
                "TRACE is not allowed on /api/weights");
    }

    private void badHeaders() {
        for (String auth : new String[] {"Basic " + TOKEN, "Bearer", "Token " + TOKEN}) {
            pause(auth, "missing admin token: send Authorization: Bearer <token>");
        }
        for (String auth : new String[] {"Bearer wrong", "Bearer " + TOKEN + "x", "Bearer " + "x".repeat(6_000),
                "bearer wrong", "BEARER wrong"}) { // the scheme in any case: the token is what is wrong
            pause(auth, "wrong admin token");
        }
        raw("POST /api/training/pause HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer s3cret-tok\u00e9n\r\n"
                + "Content-Length: 0\r\nConnection: close\r\n\r\n", 401, "wrong admin token");
        for (String type : new String[] {"image/png", "text/plain", "application/json; charset=klingon",
                "application/json; charset=\"", "multipart/form-data; boundary=x", ";;;"}) {
            add("reset with Content-Type: " + type, () -> client(HttpRequest.newBuilder(uri(RESET))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"seed\": 7}")),
                    "Authorization", "Bearer " + TOKEN, "Content-Type", type), 415,
                    "Content-Type must be application/json (UTF-8), got \"" + type + "\"");
        }
        add("reset with a body and no Content-Type", () -> client(HttpRequest.newBuilder(uri(RESET))
                .POST(HttpRequest.BodyPublishers.ofString("{\"seed\": 7}")), "Authorization", "Bearer " + TOKEN),
                415, "a request body needs Content-Type: application/json; this one has none");
        add("reset with a chunked body and no Content-Type", () -> client(HttpRequest.newBuilder(uri(RESET))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(
                        "{\"seed\": 7}".getBytes(StandardCharsets.UTF_8)))), "Authorization", "Bearer " + TOKEN),
                415, "a request body needs Content-Type: application/json; this one has none");
        for (String tag : new String[] {"garbage", "\"unterminated", "W/", "\"1\" \"2\"", "*, \"1\""}) {
            add("GET /api/weights with If-None-Match: " + tag, () -> client(HttpRequest.newBuilder(uri("/api/weights"))
                    .GET(), "If-None-Match", tag), 400,
                    "If-None-Match must be * or a list of quoted entity tags like \"42\", got " + tag);
        }
        raw("GET /api/weights HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\nConnection: close\r\n\r\n", 400,
                "Invalid Content-Length Value");
        raw("POST /api/training/pause HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n"
                + "Connection: close\r\n\r\nxy", 400, "Multiple Content-Lengths");
        raw("GET /api/weights HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: bogus\r\nConnection: close\r\n\r\n", 400,
                "Bad Transfer-Encoding");
        raw("GET /api/weights HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(20_000) + "\r\nConnection: close\r\n\r\n",
                431, "Request Header Fields Too Large");
    }

    private void badQueryParameters() {
        String weightsTakes = "/api/weights takes only the query parameter init=meta or init=pretrained, got ";
        get("/api/weights?version=abc", 400, weightsTakes + "\"?version=abc\"");
        get("/api/weights?a=1&a=2", 400, weightsTakes + "\"?a=1&a=2\"");
        get("/api/training?verbose=1", 400, "/api/training takes no query parameters, got \"?verbose=1\"");
        add("pause with a query parameter", () -> client(HttpRequest.newBuilder(uri("/api/training/pause?now=1"))
                .POST(HttpRequest.BodyPublishers.noBody()), "Authorization", "Bearer " + TOKEN), 400,
                "/api/training/pause takes no query parameters, got \"?now=1\"");
        raw("GET /api/weights?%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 400, weightsTakes + "\"?%zz\"");
    }

    /** Jetty refuses these before Javalin sees them; its words, made JSON by JettyErrors (505 becomes 400). */
    private void brokenRequestLines() {
        raw("GARBAGE\r\n\r\n", 400, "No URI");
        raw("GET /api/weights HTTP/9.9\r\nHost: x\r\n\r\n", 400, "Unknown Version");
        raw("GET /api/weights HTTP/1.x\r\nHost: x\r\n\r\n", 400, "Unknown Version");
        raw("GET /api/weights\r\n\r\n", 400, "HTTP/0.9 not supported");
        raw("GET /api/weights HTTP/1.1 trailing\r\nHost: x\r\nConnection: close\r\n\r\n", 400,
                "Illegal character SPACE");
        raw("GET /api/weights HTTP/1.1\r\nConnection: close\r\n\r\n", 400, "No Host");
        raw("GET /api/weights HTTP/1.1\r\nHost: x\r\nNoColonHere\r\nConnection: close\r\n\r\n", 400,
                "Illegal character EOL");
        raw("GET /api/weights HTTP/1.1\r\nHost: x\r\nX-Space : 1\r\nConnection: close\r\n\r\n", 400,
                "Illegal character SPACE");
        raw("GET /api/weights HTTP/1.1\r\nHost: x\r\nX-Fold: a\r\n b\r\nConnection: close\r\n\r\n", 400,
                "Line Folding not supported");
        raw("\u0000\u0001\u0002\u0003\r\n\r\n", 400, "Illegal character CNTL=0x0");
    }

    private void pause(String auth, String mentions) {
        add("pause with Authorization: " + auth.substring(0, Math.min(30, auth.length())),
                () -> client(HttpRequest.newBuilder(uri("/api/training/pause"))
                        .POST(HttpRequest.BodyPublishers.noBody()), "Authorization", auth), 401, mentions);
    }

    /** A reset with an admin token and a JSON body that is refused with a 400. */
    private void reset(String body, String... mentions) {
        String what = "reset " + body.substring(0, Math.min(40, body.length()));
        add(what, () -> client(HttpRequest.newBuilder(uri(RESET)).POST(HttpRequest.BodyPublishers.ofString(body)),
                "Authorization", "Bearer " + TOKEN, "Content-Type", "application/json"), 400, mentions);
    }

    private void get(String path, int status, String mentions) {
        add("GET " + path.substring(0, Math.min(60, path.length())),
                () -> client(HttpRequest.newBuilder(uri(path)).GET()), status, mentions);
    }

    /** A GET of a path that java.net.URI would refuse or normalise, sent byte for byte. */
    private void rawGet(String path, int status, String mentions) {
        raw("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", status, mentions);
    }

    private void raw(String request, int status, String mentions) {
        String line = request.split("\r\n", 2)[0];
        add("raw " + line.substring(0, Math.min(60, line.length())),
                () -> RawHttp.send(port, request.getBytes(StandardCharsets.UTF_8)), status, mentions);
    }

    private void add(String what, Call call, int status, String... mentions) {
        attempts.add(new Attempt(what, call, status, List.of(mentions)));
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
