package lab.reptile.server.abuse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/** The API's abuse: query parameters, bad ids and indexes, bad conditional and encoding headers, JSON bombs. */
final class ApiCases {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger CLIENTS = new AtomicInteger();
    private static final String JSON_TYPE = "application/json";
    private final Wire wire;
    private final Tally tally;

    ApiCases(Wire wire, Tally tally) {
        this.wire = wire;
        this.tally = tally;
    }

    /** A fresh X-Forwarded-For address, so no case spends another's quota (the server runs --trust-proxy). */
    static String freshClient() {
        int n = CLIENTS.incrementAndGet();
        return "10.77." + (n / 250) + "." + (1 + n % 250);
    }

    void queryParameters() {
        Tally.Case c = tally.begin("query parameters on the API");
        String why = "the API takes no query parameters but init";
        for (String path : new String[] {"/api/weights?x=1", "/api/weights?init=meta&x=1",
                "/api/weights?init=meta&init=pretrained", "/api/weights?init=%00",
                "/api/weights?init=" + "m".repeat(41), "/api/weights?init=random", "/api/weights?init",
                "/api/weights?=", "/api/weights?&&&", "/api/runs?limit=1",
                "/api/runs?page=99999999999999999999", "/api/runs/default?x=1", "/api/runs/default/weights?v=2",
                "/api/runs/default/snapshots/0?x", "/api/training?verbose", "/api/weights?init=%ff",
                "/api/weights?" + "q=1&".repeat(1_500), "/api/weights?init=meta&init=meta"}) {
            c.expect("GET " + path, wire.get(path), why, 400);
        }
        c.expect("GET /api/weights?init=meta", wire.get("/api/weights?init=meta"), "the documented parameter", 200);
        c.expect("GET /api/weights?init=pretrained", wire.get("/api/weights?init=pretrained"),
                "the baseline, or 503 with Retry-After until it is trained", 200, 503);
        c.expect("raw GET /api/weights?%zz", wire.raw("GET /api/weights?%zz HTTP/1.1\r\nHost: x\r\n"
                + "Connection: close\r\n\r\n"), why, 400);
        c.expect("POST /api/runs?x=1", wire.post("/api/runs?x=1", "{\"tasks\": 200}", "Content-Type", JSON_TYPE,
                "X-Forwarded-For", freshClient()), why + ", and a refused request starts nothing", 400);
    }

    void badIdsAndSnapshotIndexes() throws Exception {
        Tally.Case c = tally.begin("bad ids and snapshot indexes");
        for (String id : new String[] {"x", "AAAAAAAAAAAAAAAAA", "DEFAULT", "default%20", "%2e%2e", "default%00",
                "AAAAAAAAAAAAAAA%21", "\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9"
                        + "\u00e9\u00e9\u00e9", "-".repeat(3_000)}) {
            String path = "/api/runs/" + id;
            c.expect("GET " + path, wire.raw("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
                    "a malformed run id is 400", 400);
        }
        for (String path : new String[] {"/api/runs/AAAAAAAAAAAAAAAA", "/api/runs/AAAAAAAAAAAAAAAA/weights",
                "/api/runs/AAAAAAAAAAAAAAAA/snapshots/0"}) {
            c.expect("GET " + path, wire.get(path), "an unknown run is 404", 404);
        }
        JsonNode run = JSON.readTree(wire.get("/api/runs/default").body());
        int snapshots = run.path("timeline").size();
        String snapshotsUrl = run.path("timeline").path(0).path("url").asText().replaceFirst("0$", "");
        c.check(snapshots > 0, "the default run has no timeline: " + run);
        for (String index : new String[] {"-1", "abc", "1e3", "0x1", "%20", "+1", "1.0", "%D9%A3", "0%00", "1,2"}) {
            String path = snapshotsUrl + index;
            c.expect("GET " + path, wire.raw("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
                    "a malformed index is 400", 400);
            c.expect("HEAD " + path, wire.raw("HEAD " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
                    "HEAD answers as GET", 400);
        }
        // 64: past the longest timeline (TimelinePlan keeps at most 64). Not the timeline's length seen a moment ago:
        // a replica serves a training run's next snapshot from the database as soon as the worker has written it.
        for (String index : new String[] {"64", "99999", "1000", "999"}) {
            c.expect("GET " + snapshotsUrl + index, wire.get(snapshotsUrl + index),
                    "README: a snapshot index out of range is 404", 404);
        }
        for (String index : new String[] {"99999999999999999999", "2147483648"}) {
            c.expect("GET " + snapshotsUrl + index, wire.get(snapshotsUrl + index),
                    "out of range (or too long to be an index)", 404, 400);
        }
        c.expect("GET " + snapshotsUrl + "0", wire.get(snapshotsUrl + "0"), "served", 200);
        c.expect("GET /api/runs/default/snapshots/0", wire.get("/api/runs/default/snapshots/0"),
                "a URL without the run's generation is 404", 404);
        c.expect("GET another generation", wire.get("/api/runs/default/generations/AAAAAAAA/snapshots/0"),
                "another generation's snapshot is 404", 404);
    }

    void badIfNoneMatch() throws Exception {
        Tally.Case c = tally.begin("bad If-None-Match");
        Reply weights = c.expect("GET /api/weights", wire.get("/api/weights"), "served", 200);
        String etag = weights.header("ETag");
        c.check(etag != null, "GET /api/weights has no ETag");
        String snapshot = JSON.readTree(wire.get("/api/runs/default").body()).path("timeline").path(0).path("url")
                .asText();
        for (String path : new String[] {"/api/weights", snapshot, "/api/runs/default/weights", "/api/runs/default",
                "/api/runs", "/api/training"}) {
            for (String tag : new String[] {"garbage", "\"unterminated", "W/", "\"1\" \"2\"", "*, \"1\""}) {
                c.expect("GET " + path + " If-None-Match: " + tag, wire.get(path, "If-None-Match", tag),
                        "a malformed entity tag is 400", 400);
            }
            c.expect("GET " + path + " If-None-Match: ,,,", wire.get(path, "If-None-Match", ",,,"),
                    "RFC 9110: empty list elements are ignored, or refused", 200, 400);
            c.expect("GET " + path + " If-None-Match: *", wire.get(path, "If-None-Match", "*"), "* matches", 304);
            c.expect("GET " + path + " If-None-Match: 7 KB tag", wire.get(path, "If-None-Match",
                    "\"" + "a".repeat(7_000) + "\""), "a tag that matches nothing", 200, 400, 431);
            c.expect("GET " + path + " If-None-Match: 900 tags", wire.get(path, "If-None-Match",
                    "\"x\", ".repeat(900) + "\"y\""), "a long list that matches nothing", 200, 400, 431);
        }
        if (etag != null) {
            c.expect("GET /api/weights If-None-Match: its ETag", wire.get("/api/weights", "If-None-Match", etag),
                    "a match", 304, 200);
            c.expect("GET /api/weights If-None-Match: W/ its ETag", wire.get("/api/weights", "If-None-Match",
                    "W/" + etag), "weak comparison matches, or another representation", 304, 200);
        }
        c.expect("raw If-None-Match with a NUL", wire.raw("GET /api/weights HTTP/1.1\r\nHost: x\r\n"
                + "If-None-Match: \"a\0b\"\r\nConnection: close\r\n\r\n"), "not a header value", 400);
        c.expect("raw If-None-Match twice", wire.raw("GET /api/weights HTTP/1.1\r\nHost: x\r\nIf-None-Match: \"a\"\r\n"
                + "If-None-Match: garbage\r\nConnection: close\r\n\r\n"), "one bad line makes the list bad", 400, 200);
    }

    /** Issue 20 defect 4: a gzip answer says Vary: Accept-Encoding and has its own strong ETag; q=0 means no. */
    void badAcceptEncoding() {
        Tally.Case c = tally.begin("bad Accept-Encoding");
        for (String path : new String[] {"/", "/js/reptile.js", "/webjars/chart.js/4.5.1/dist/chart.umd.js",
                "/api/weights"}) {
            Reply gzip = c.expect("GET " + path + " gzip", wire.get(path, "Accept-Encoding", "gzip"), "served", 200);
            Reply plain = c.expect("GET " + path + " identity", wire.get(path, "Accept-Encoding", "identity"), "served",
                    200);
            boolean zipped = "gzip".equalsIgnoreCase(gzip.header("Content-Encoding"));
            c.check(plain.header("Content-Encoding") == null || plain.header("Content-Encoding").equals("identity"),
                    "GET " + path + " with Accept-Encoding: identity came " + plain.header("Content-Encoding"));
            if (zipped) {
                String vary = String.valueOf(gzip.header("Vary")).toLowerCase(Locale.ROOT);
                c.check(vary.contains("accept-encoding"), "GET " + path + " came gzipped without Vary: Accept-Encoding"
                        + " (Vary: " + gzip.header("Vary") + ")");
                String zippedTag = gzip.header("ETag");
                c.check(zippedTag == null || zippedTag.startsWith("W/") || !zippedTag.equals(plain.header("ETag")),
                        "GET " + path + ": the gzip and the plain answer share the strong ETag " + zippedTag);
            }
            for (String refusal : new String[] {"gzip;q=0", "gzip;q=0, identity", "*;q=0, identity", "gzip;q=0.0"}) {
                Reply reply = c.expect("GET " + path + " Accept-Encoding: " + refusal, wire.get(path, "Accept-Encoding",
                        refusal), "served without gzip", 200, 406);
                c.check(!"gzip".equalsIgnoreCase(reply.header("Content-Encoding")), "GET " + path
                        + " with Accept-Encoding: " + refusal + " came gzipped");
            }
        }
        for (String value : new String[] {"gzip;q=abc", "gzip;q=2", "identity;q=0", "x".repeat(6_000),
                "gzip, deflate, br, zstd, compress, *", "gzip;q=0.5, gzip;q=0", ";;;", "GZIP", ",", "gzip;q=-1"}) {
            c.expect("GET /api/weights Accept-Encoding: " + value, wire.get("/api/weights", "Accept-Encoding", value),
                    "served (or 406 for no acceptable encoding)", 200, 406);
        }
    }

    /** Deep nesting, huge numbers, NaN, duplicate keys, trailing garbage: each a 400, quickly, starting nothing. */
    void jsonBombs() {
        Tally.Case c = tally.begin("JSON bombs");
        String[] bodies = {"[".repeat(30_000) + "]".repeat(30_000), "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000),
            "{\"seed\": " + "[".repeat(25_000) + "]".repeat(25_000) + "}", "{\"tasks\": 1" + "0".repeat(60_000) + "}",
            "{\"innerLr\": 1e999999999}", "{\"innerLr\": 1e-999999999}", "{\"innerLr\": NaN}",
            "{\"innerLr\": Infinity}",
            "{\"outerStepStart\": -Infinity}", "{\"innerLr\": \"NaN\"}", "{\"tasks\": 200, \"tasks\": 300}",
            "{\"tasks\": 200} xyz", "{\"tasks\": 200}}", "{\"tasks\": 200}\u0000", "{\"tasks\": 200} {\"tasks\": 300}",
            "{\"seed\": \"" + "a".repeat(60_000) + "\"}", many(), "{\"\\ud800\": 1}", "[{\"tasks\": 200}]", "null",
            "{\"tasks\": 2.5}", "{\"tasks\": 200,}", "{\"tasks\": 0200}", "{\"tasks\": 200 /* c */}"};
        for (String body : bodies) {
            Reply reply = c.expect("POST /api/runs " + body, wire.post("/api/runs", body, "Content-Type", JSON_TYPE,
                    "X-Forwarded-For", freshClient()), "not one valid JSON object of hyperparameters", 400);
            c.check(reply.millis() < 5_000, "POST /api/runs " + Tally.shorten(body) + " took " + reply.millis()
                    + " ms");
        }
        for (String body : new String[] {"[".repeat(30_000), "{\"tasks\": 1e999999999}",
                "{\"seed\": 1, \"seed\": 2}"}) {
            c.expect("POST /api/training/reset " + body, wire.post("/api/training/reset", body, "Content-Type",
                    JSON_TYPE, "Authorization", "Bearer T"), "refused, the default run as it was", 400);
        }
    }

    void bodiesWithoutContentType() {
        Tally.Case c = tally.begin("bodies without Content-Type");
        c.expect("POST /api/runs {\"tasks\": 200} (no type)", wire.post("/api/runs", "{\"tasks\": 200, \"seed\": 9}",
                "X-Forwarded-For", freshClient()), "issue 20: a body must be declared JSON (the CSRF door)", 415);
        c.expect("POST /api/training/reset {\"tasks\": 20000} (no type)", wire.post("/api/training/reset",
                "{\"seed\": 1, \"tasks\": 20000}", "Authorization", "Bearer T"),
                "issue 20: a body must be declared JSON", 415);
        c.expect("raw POST /api/runs with a body, no type", wire.raw("POST /api/runs HTTP/1.1\r\nHost: x\r\n"
                + "X-Forwarded-For: " + freshClient() + "\r\nContent-Length: 14\r\nConnection: close\r\n\r\n"
                + "{\"tasks\": 200}"), "issue 20: a body must be declared JSON", 415);
    }

    void wrongContentType() {
        Tally.Case c = tally.begin("wrong Content-Type");
        for (String type : new String[] {"text/plain", "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x",
                "application/json; charset=iso-8859-1", "application/jsonp", "application/json-patch+json",
                "application/json, text/plain", "text/json", "application/json; charset=\"", "*/*",
                "application/" + "j".repeat(5_000)}) {
            c.expect("POST /api/runs Content-Type: " + type, wire.post("/api/runs", "{\"tasks\": 200}", "Content-Type",
                    type, "X-Forwarded-For", freshClient()), "only application/json is taken", 415);
        }
        c.expect("raw POST /api/runs Content-Type: (empty)", wire.raw("POST /api/runs HTTP/1.1\r\nHost: x\r\n"
                + "X-Forwarded-For: " + freshClient() + "\r\nContent-Type: \r\nContent-Length: 14\r\n"
                + "Connection: close\r\n\r\n{\"tasks\": 200}"), "not JSON", 415, 400);
    }

    private static String many() {
        StringBuilder body = new StringBuilder("{");
        for (int i = 0; i < 5_000; i++) {
            body.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":1");
        }
        return body.append('}').toString();
    }
}
