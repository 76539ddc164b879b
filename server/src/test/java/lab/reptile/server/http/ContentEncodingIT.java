package lab.reptile.server.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.zip.GZIPInputStream;
import lab.reptile.server.Await;
import lab.reptile.server.TestLab;
import lab.reptile.server.lab.RunState;
import lab.reptile.server.training.TrainingDefaults;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every body that can go out gzipped says so to caches: {@code Vary: Accept-Encoding}, and a strong ETag of its own
 * for the gzipped bytes, so that no cache hands gzip to a client that did not ask for it, and a client that
 * revalidates gets a 304 for the representation it holds (issue 20, defect 4). Over real HTTP, with the page, the
 * compiled client, the Chart.js WebJar and the prepared JSON bodies.
 */
class ContentEncodingIT {
    private static final List<String> FIXED_PATHS = List.of("/", "/index.html", "/app.css", "/js/reptile.js",
            "/webjars/chart.js/4.5.1/dist/chart.umd.js", "/api/weights", "/api/runs/default/weights",
            "/api/runs/default", "/api/runs", "/api/training");
    /** The fixed paths and the default run's first snapshot (its URL names the run's generation). */
    private static List<String> paths;
    /** No HttpClient default: it sends no Accept-Encoding of its own and never unzips. */
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static TestLab runner;
    private static ReptileServer server;

    @BeforeAll
    static void start() throws Exception {
        runner = TestLab.plain(TrainingDefaults.config().withTasks(300)).start();
        server = new ReptileServer(new ServerOptions("127.0.0.1", 0, null), runner.lab()).start();
        Await.until("the default run to finish", runner::state, state -> state == RunState.FINISHED);
        paths = new java.util.ArrayList<>(FIXED_PATHS);
        paths.add(runner.snapshotsUrl() + "0");
    }

    @AfterAll
    static void stop() {
        server.close();
        runner.close();
    }

    @Test
    void gzipAndPlainAnswersCarryVaryAndDifferentStrongEtags() throws Exception {
        for (String path : paths) {
            HttpResponse<byte[]> plain = get(path);
            HttpResponse<byte[]> gzip = get(path, "Accept-Encoding", "gzip");
            assertEquals(200, plain.statusCode(), path);
            assertEquals(200, gzip.statusCode(), path);
            assertEquals("", header(plain, "Content-Encoding"), path + " without Accept-Encoding");
            assertEquals("gzip", header(gzip, "Content-Encoding"), path + " with gzip");
            for (HttpResponse<byte[]> response : List.of(plain, gzip)) {
                assertTrue(header(response, "Vary").toLowerCase().contains("accept-encoding"),
                        path + ": Vary is \"" + header(response, "Vary") + "\"");
                assertTrue(header(response, "ETag").startsWith("\""), path + ": a strong tag, got "
                        + header(response, "ETag"));
            }
            assertNotEquals(header(plain, "ETag"), header(gzip, "ETag"), path + ": one tag per representation");
            assertArrayEquals(plain.body(), gunzip(gzip.body()), path + ": the same content");
            assertEquals(String.valueOf(gzip.body().length), header(gzip, "Content-Length"), path);
        }
    }

    @Test
    void aZeroQualityForGzipGetsThePlainBytes() throws Exception {
        for (String path : paths) {
            String plainTag = header(get(path), "ETag");
            for (String accept : new String[] {"gzip;q=0", "GZIP; Q=0.000", "gzip;q=0, br", "gzip;q=0, *",
                    "*;q=0", "br, deflate", "identity"}) {
                HttpResponse<byte[]> response = get(path, "Accept-Encoding", accept);
                assertEquals(200, response.statusCode(), path);
                assertEquals("", header(response, "Content-Encoding"), path + " with " + accept);
                assertEquals(plainTag, header(response, "ETag"), path + " with " + accept);
            }
            for (String accept : new String[] {"gzip;q=0.5", "*", "br, *;q=0.1", "x-gzip", "identity;q=0, gzip"}) {
                assertEquals("gzip", header(get(path, "Accept-Encoding", accept), "Content-Encoding"),
                        path + " with " + accept);
            }
        }
    }

    @Test
    void eachRepresentationsTagGives304ForThatRepresentationOnly() throws Exception {
        for (String path : paths) {
            String plainTag = header(get(path), "ETag");
            String gzipTag = header(get(path, "Accept-Encoding", "gzip"), "ETag");
            HttpResponse<byte[]> gzip304 = get(path, "Accept-Encoding", "gzip", "If-None-Match", gzipTag);
            assertEquals(304, gzip304.statusCode(), path + ": a client that holds the gzip bytes");
            assertEquals(gzipTag, header(gzip304, "ETag"), path);
            assertTrue(header(gzip304, "Vary").toLowerCase().contains("accept-encoding"), path);
            assertEquals(304, get(path, "If-None-Match", plainTag).statusCode(), path + ": one holding plain bytes");
            assertEquals(304, get(path, "Accept-Encoding", "gzip", "If-None-Match", plainTag + ", " + gzipTag)
                    .statusCode(), path + ": a cache offering both");
            HttpResponse<byte[]> switched = get(path, "Accept-Encoding", "gzip", "If-None-Match", plainTag);
            assertEquals(200, switched.statusCode(), path + ": the plain tag does not validate the gzip bytes");
            assertEquals("gzip", header(switched, "Content-Encoding"), path);
            assertEquals(200, get(path, "If-None-Match", gzipTag).statusCode(),
                    path + ": nor the gzip tag the plain bytes");
        }
    }

    @Test
    void directoriesHiddenNamesAndUnknownTypesAreNoFiles() throws Exception {
        for (String path : new String[] {"/webjars/chart.js", "/webjars/chart.js/4.5.1/dist",
                "/webjars/chart.js/4.5.1/dist/", "/js/", "/js", "/web/static/index.html", "/index.html/",
                "/.index.html", "/js/.hidden.js", "/webjars/chart.js/4.5.1/LICENSE.md.bak"}) {
            HttpResponse<byte[]> response = get(path, "Accept-Encoding", "gzip");
            assertEquals(404, response.statusCode(), path + ": " + new String(response.body()));
        }
        assertEquals(200, get("/webjars/chart.js/4.5.1/LICENSE.md").statusCode(), "a file of a known type is");
    }

    private static HttpResponse<byte[]> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(20));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String header(HttpResponse<?> response, String name) {
        return String.join(", ", response.headers().allValues(name));
    }

    private static byte[] gunzip(byte[] gzip) throws Exception {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            return in.readAllBytes();
        }
    }
}
