package lab.reptile.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import lab.reptile.server.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server as a service manager runs it: a plain {@code java -jar}-like process (no -Xmx, no OMP_NUM_THREADS)
 * that stops on SIGTERM after finishing its requests and checkpointing, exits 0, and keeps its ETags across restarts.
 */
class ServiceProcessIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dataDir;

    @Test
    void sigtermFinishesRequestsInFlightCheckpointsAndExitsZero() throws Exception {
        // No periodic checkpoint during the test: only the one written on SIGTERM can carry the progress over.
        String[] flags = {"--tasks", "2000000", "--checkpoint-every", "3600"};
        Path log = dataDir.resolve("first.log");
        Process first = start(log, flags);
        long tasksAtStop;
        try {
            String url = awaitUrl(first, log);
            assertTrue(Files.readString(log).contains("ND4J uses 1 OpenMP thread(s)"), "tuned without flags");
            Await.until("/readyz to answer 200", Duration.ofSeconds(120), () -> get(url + "readyz").statusCode() == 200);
            AtomicInteger answered = new AtomicInteger();
            AtomicReference<Throwable> broken = new AtomicReference<>();
            Thread load = new Thread(() -> fetchUntilRefused(url + "api/weights", answered, broken), "load");
            load.start();
            Await.until("requests to flow", () -> answered.get() >= 20);
            tasksAtStop = tasks(url);
            first.destroy(); // SIGTERM
            assertTrue(first.waitFor(10, TimeUnit.SECONDS), "exited within 10 s of SIGTERM");
            assertEquals(0, first.exitValue(), Files.readString(log));
            load.join(30_000);
            assertEquals(null, broken.get(), "every request that was answered was answered whole");
            assertTrue(Files.readString(log).contains("SIGTERM: stopping"), Files.readString(log));
        } finally {
            first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        Process second = start(dataDir.resolve("second.log"), flags);
        try {
            String url = awaitUrl(second, dataDir.resolve("second.log"));
            long resumed = tasks(url);
            assertTrue(resumed >= tasksAtStop, "resumed from the checkpoint written on SIGTERM: " + resumed
                    + " tasks, " + tasksAtStop + " before the signal");
        } finally {
            second.destroy();
            assertTrue(second.waitFor(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void theSameWeightsKeepTheirEtagAcrossARestartAndOtherWeightsGetAnother() throws Exception {
        String[] flags = {"--tasks", "2000"};
        String etag;
        String body;
        Process first = start(dataDir.resolve("first.log"), flags);
        try {
            String url = awaitFinished(first, dataDir.resolve("first.log"));
            HttpResponse<String> weights = get(url + "api/weights");
            etag = weights.headers().firstValue("ETag").orElseThrow();
            body = weights.body();
        } finally {
            stop(first);
        }
        Process second = start(dataDir.resolve("second.log"), flags);
        try {
            String url = awaitFinished(second, dataDir.resolve("second.log"));
            HttpResponse<String> weights = get(url + "api/weights");
            assertEquals(body, weights.body(), "the finished run's weights, restored");
            assertEquals(etag, weights.headers().firstValue("ETag").orElseThrow(), "the same ETag in a new process");
            assertEquals(304, get(url + "api/weights", "If-None-Match", etag).statusCode());
        } finally {
            stop(second);
        }
        Process third = start(dataDir.resolve("third.log"), "--tasks", "2000", "--seed", "2", "--fresh");
        try {
            String url = awaitFinished(third, dataDir.resolve("third.log"));
            HttpResponse<String> weights = get(url + "api/weights", "If-None-Match", etag);
            assertEquals(200, weights.statusCode(), "other weights: the old ETag must not match");
            assertNotEquals(body, weights.body());
            assertNotEquals(etag, weights.headers().firstValue("ETag").orElseThrow());
        } finally {
            stop(third);
        }
    }

    /**
     * GETs {@code url} until the server refuses connections or, for a request that arrives on a kept-alive connection
     * after the stop began, answers 503; a response cut short or of another status is recorded.
     */
    private void fetchUntilRefused(String url, AtomicInteger answered, AtomicReference<Throwable> broken) {
        while (true) {
            try {
                HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
                if (response.statusCode() == 503 && length == response.body().length) {
                    return; // Jetty's GracefulHandler: new requests are refused while those in flight finish
                }
                if (response.statusCode() != 200 || length != response.body().length) {
                    broken.set(new AssertionError("status " + response.statusCode() + ", " + response.body().length
                            + " of " + length + " bytes"));
                    return;
                }
                answered.incrementAndGet();
            } catch (ConnectException e) {
                return; // the server stopped accepting: the expected end
            } catch (IOException | InterruptedException e) {
                if (e.getMessage() != null && e.getMessage().contains("Connection refused")) {
                    return;
                }
                broken.set(e);
                return;
            }
        }
    }

    private Process start(Path log, String... flags) throws IOException {
        return ServerProcesses.start(dataDir, log, List.of(), null, flags); // as a plain java -jar
    }

    private static void stop(Process process) throws Exception {
        process.destroy();
        assertTrue(process.waitFor(10, TimeUnit.SECONDS), "stopped within 10 s of SIGTERM");
        assertEquals(0, process.exitValue());
    }

    private String awaitFinished(Process process, Path log) throws Exception {
        String url = awaitUrl(process, log);
        Await.until("the default run to finish", Duration.ofSeconds(120),
                () -> JSON.readTree(get(url + "api/training").body()).path("state").asText(),
                state -> state.equals("finished"));
        return url;
    }

    private static String awaitUrl(Process process, Path log) throws Exception {
        return ServerProcesses.awaitUrl(process, log);
    }

    private long tasks(String url) throws Exception {
        return JSON.readTree(get(url + "api/training").body()).path("tasksDone").asLong();
    }

    private HttpResponse<String> get(String url, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
