package lab.reptile.server.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

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
import lab.reptile.server.snapshot.ContentEtag;
import lab.reptile.server.training.TrainingDefaults;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the page polls to follow a run (a run, the run list, the training status) goes out as the weights do, over
 * real HTTP while the run trains: {@code no-cache}, a strong ETag from the bytes served, the gzipped bytes with a
 * tag of their own, 304 for the tag a client holds, and the same bytes and tag from another server (a replica).
 */
class FollowedBodiesIT {
    private static final List<String> FOLLOWED = List.of("/api/runs/default", "/api/runs", "/api/training");
    /** Tries at catching a 304 between two of the trainer's publishes (5 a second; a request takes milliseconds). */
    private static final int TRIES = 20;
    /** No HttpClient default: it sends no Accept-Encoding of its own and never unzips. */
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private TestLab runner;
    private ReptileServer server;

    @BeforeEach
    void start() throws Exception {
        runner = TestLab.plain(TrainingDefaults.config().withTasks(1_000_000));
        server = new ReptileServer(new ServerOptions("127.0.0.1", 0, null), runner.lab()).start();
        runner.start();
        Await.until("the default run to train", runner::tasksDone, done -> done > 0);
    }

    @AfterEach
    void stop() {
        server.close();
        runner.close();
    }

    @Test
    void eachBodyIsTaggedFromItsBytesAndItsGzipFromTheirs() throws Exception {
        for (String path : FOLLOWED) {
            HttpResponse<byte[]> plain = get(server, path);
            assertEquals(200, plain.statusCode(), path);
            assertEquals(CachedBody.REVALIDATE, header(plain, "Cache-Control"), path);
            assertEquals(ContentEtag.of(plain.body()), header(plain, "ETag"), path);
            HttpResponse<byte[]> gzip = get(server, path, "Accept-Encoding", "gzip");
            assertEquals("gzip", header(gzip, "Content-Encoding"), path);
            String plainTag = ContentEtag.of(gunzip(gzip.body()));
            assertEquals(plainTag.substring(0, plainTag.length() - 1) + "-gz\"", header(gzip, "ETag"), path);
            assertEquals(String.valueOf(gzip.body().length), header(gzip, "Content-Length"), path);
        }
    }

    @Test
    void theTagAClientHoldsGives304UntilTheRunMovesOn() throws Exception {
        for (String path : FOLLOWED) {
            for (String encoding : new String[] {"identity", "gzip"}) {
                int notModified = 0;
                for (int i = 0; i < TRIES && notModified == 0; i++) {
                    String tag = header(get(server, path, "Accept-Encoding", encoding), "ETag");
                    HttpResponse<byte[]> again = get(server, path, "Accept-Encoding", encoding, "If-None-Match", tag);
                    if (again.statusCode() == 304) {
                        notModified++;
                        assertEquals(tag, header(again, "ETag"), path);
                        assertEquals(0, again.body().length, path);
                    } else { // the trainer published in between: the new body, with its own tag
                        assertEquals(200, again.statusCode(), path);
                        assertNotEquals(tag, header(again, "ETag"), path);
                    }
                }
                assertEquals(1, notModified, path + " " + encoding + ": no 304 in " + TRIES + " tries");
            }
            String tag = header(get(server, path), "ETag");
            Await.until(path + " to change as the run trains", () -> get(server, path, "If-None-Match", tag),
                    response -> response.statusCode() == 200 && !header(response, "ETag").equals(tag));
        }
    }

    @Test
    void aReplicaOverTheSameRunsServesTheSameBytesUnderTheSameTag() throws Exception {
        runner.pause(); // the bodies stop changing
        try (ReptileServer replica = new ReptileServer(new ServerOptions("127.0.0.1", 0, null), runner.lab())
                .start()) {
            for (String path : FOLLOWED) {
                for (String encoding : new String[] {"identity", "gzip"}) {
                    HttpResponse<byte[]> one = get(server, path, "Accept-Encoding", encoding);
                    HttpResponse<byte[]> other = get(replica, path, "Accept-Encoding", encoding);
                    assertArrayEquals(one.body(), other.body(), path + " " + encoding);
                    assertEquals(header(one, "ETag"), header(other, "ETag"), path + " " + encoding);
                    assertEquals(304, get(replica, path, "Accept-Encoding", encoding, "If-None-Match",
                            header(one, "ETag")).statusCode(), path + " " + encoding + ": revalidated at the other");
                }
            }
            assertEquals(RunState.PAUSED, runner.state());
        }
    }

    private HttpResponse<byte[]> get(ReptileServer to, String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + to.port() + path))
                .timeout(Duration.ofSeconds(20));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
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
