package lab.reptile.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lab.reptile.server.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Slow-loris bodies against a real server process: many connections that declare a body of 60,000 bytes and send a
 * byte every few seconds (never idle long enough for the idle timeout) must not starve other clients. GETs stay
 * fast, the slow bodies are cut off within a bound, and the server's threads stay few.
 */
class SlowBodyIT {
    /** Loopback connections opened; each names its own client through X-Forwarded-For (the server trusts it). */
    private static final int SLOW_CONNECTIONS = 1_000;
    private static final long DRIP_MILLIS = 4_000;
    /** How long the slow bodies and the measuring GETs go on; then no slow body may be left unanswered. */
    private static final long PHASE_MILLIS = 25_000;
    private static final Pattern LIVE_THREADS = Pattern.compile("(?m)^jvm_threads_live_threads\\s+([0-9.eE+]+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dataDir;

    @Test
    void slowBodiesAreCutOffAndOtherClientsStayFastWithFewThreads() throws Exception {
        Path log = dataDir.resolve("server.log");
        Process server = ServerProcesses.start(dataDir, log, List.of("-Xmx512m"), "1", "--tasks", "2000",
                "--trust-proxy");
        List<Socket> slow = new ArrayList<>();
        try {
            String url = ServerProcesses.awaitUrl(server, log);
            int port = URI.create(url).getPort();
            Await.until("/readyz to answer 200", Duration.ofSeconds(120), () -> get(url + "readyz").statusCode() == 200);
            int threadsBefore = liveThreads(url);

            long started = System.nanoTime();
            Thread opener = new Thread(() -> openAndDrip(port, slow), "slow-bodies");
            opener.setDaemon(true);
            opener.start();

            List<Long> latencies = new ArrayList<>();
            List<String> failures = new ArrayList<>();
            int maxThreads = threadsBefore;
            while (millisSince(started) < PHASE_MILLIS) {
                long t0 = System.nanoTime();
                try {
                    HttpResponse<String> weights = get(url + "api/weights");
                    if (weights.statusCode() != 200) {
                        failures.add("GET /api/weights: " + weights.statusCode());
                    }
                } catch (IOException e) {
                    failures.add("GET /api/weights: " + e);
                }
                latencies.add(millisSince(t0));
                if (latencies.size() % 10 == 0) {
                    try {
                        maxThreads = Math.max(maxThreads, liveThreads(url));
                    } catch (IOException e) {
                        failures.add("GET /metrics: " + e);
                    }
                }
                Thread.sleep(50);
            }
            opener.interrupt();
            opener.join(10_000);
            int stillOpen = stillOpen(slow);

            Collections.sort(latencies);
            long p99 = latencies.get((int) Math.ceil(latencies.size() * 0.99) - 1);
            String figures = latencies.size() + " GETs, p50 " + latencies.get(latencies.size() / 2) + " ms, p99 " + p99
                    + " ms, max " + latencies.get(latencies.size() - 1) + " ms; live threads " + threadsBefore
                    + " before, at most " + maxThreads + " during; slow bodies still open after "
                    + PHASE_MILLIS + " ms: " + stillOpen;
            System.out.println("SlowBodyIT: " + figures);
            assertEquals(List.of(), failures.subList(0, Math.min(5, failures.size())), figures);
            assertTrue(p99 < 2_000, "GET p99 under 2 s: " + figures);
            assertEquals(SLOW_CONNECTIONS, slow.size(), "slow bodies opened");
            // the last one opened about 6 s in: it had 19 s, the server's bound is 10 s
            assertEquals(0, stillOpen, "every slow body answered or cut off: " + figures);
            assertTrue(maxThreads < threadsBefore + 100, "threads stay bounded: " + figures);
            assertEquals(1, JSON.readTree(get(url + "api/runs").body()).path("runs").size(),
                    "no slow body started a run");
        } finally {
            for (Socket socket : slow) {
                socket.close();
            }
            server.destroy();
            if (!server.waitFor(15, TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor(15, TimeUnit.SECONDS);
            }
        }
        String text = Files.readString(log);
        assertFalse(text.contains("\tat "), "no stack trace in the log");
    }

    /** A POST /api/runs that declares 60,000 bytes and sends the first. */
    private static Socket startSlowBody(int port, int i) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(1);
        String client = "10." + (i / 65_536 % 256) + "." + (i / 256 % 256) + "." + (i % 256);
        String head = "POST /api/runs HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Content-Length: 60000\r\nX-Forwarded-For: " + client + "\r\n\r\n{";
        socket.getOutputStream().write(head.getBytes(StandardCharsets.ISO_8859_1));
        return socket;
    }

    /**
     * Opens the slow bodies, 200 a second as a patient attacker would (a burst only makes the pool start idle
     * threads), then sends one more byte on each every {@link #DRIP_MILLIS}, until interrupted.
     */
    private static void openAndDrip(int port, List<Socket> slow) {
        try {
            for (int i = 0; i < SLOW_CONNECTIONS; i++) {
                Socket socket = startSlowBody(port, i);
                synchronized (slow) {
                    slow.add(socket);
                }
                Thread.sleep(5);
            }
            while (true) {
                Thread.sleep(DRIP_MILLIS);
                for (Socket socket : slow) {
                    try {
                        OutputStream out = socket.getOutputStream();
                        out.write(' ');
                        out.flush();
                    } catch (IOException e) {
                        // the server closed it: good
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            throw new IllegalStateException("could not open a slow body", e);
        }
    }

    /** Connections on which the server has neither answered nor closed. */
    private static int stillOpen(List<Socket> slow) {
        int open = 0;
        for (Socket socket : slow) {
            try {
                InputStream in = socket.getInputStream();
                in.read(); // an answer's first byte, or -1 for a close: either way the server let go
            } catch (SocketTimeoutException e) {
                open++;
            } catch (IOException e) {
                // reset by the server: it let go
            }
        }
        return open;
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private int liveThreads(String url) throws IOException, InterruptedException {
        Matcher m = LIVE_THREADS.matcher(get(url + "metrics").body());
        assertTrue(m.find(), "/metrics has jvm_threads_live_threads");
        return (int) Double.parseDouble(m.group(1));
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}
