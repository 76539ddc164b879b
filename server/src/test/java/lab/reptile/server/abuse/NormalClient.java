package lab.reptile.server.abuse;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * A visitor who knows nothing of the attack: every ~100 ms, on its own connections, GETs /api/weights (with the last
 * ETag, as the page does) and /api/runs, recording each status (-1 for a request that failed or timed out) and latency.
 */
final class NormalClient implements AutoCloseable {
    /** One request: which URL, its status, how long it took and when (ms since the client started). */
    record Call(String path, int status, long millis, long at) {
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final String url;
    private final List<Call> calls = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;
    private String etag;

    NormalClient(String url) {
        this.url = url;
        thread = new Thread(this::loop, "normal-client");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        long started = System.nanoTime();
        for (int i = 0; running; i++) {
            String path = i % 2 == 0 ? "api/weights" : "api/runs";
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path))
                    .timeout(Duration.ofSeconds(10));
            if (path.equals("api/weights") && etag != null) {
                request.header("If-None-Match", etag);
            }
            long start = System.nanoTime();
            int status;
            try {
                HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                status = response.statusCode();
                if (path.equals("api/weights") && status == 200) {
                    etag = response.headers().firstValue("ETag").orElse(null);
                }
            } catch (IOException e) {
                status = -1;
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            synchronized (calls) {
                calls.add(new Call("/" + path, status, (now - start) / 1_000_000, (start - started) / 1_000_000));
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    List<Call> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    /** The {@code q}-quantile of the latencies in ms (0.99 for p99). */
    long latencyQuantile(double q) {
        List<Long> millis = new ArrayList<>(calls().stream().map(Call::millis).toList());
        if (millis.isEmpty()) {
            return 0;
        }
        millis.sort(null);
        return millis.get((int) Math.min(millis.size() - 1, Math.ceil(q * millis.size()) - 1));
    }

    TreeMap<Integer, Integer> statuses() {
        TreeMap<Integer, Integer> counts = new TreeMap<>();
        for (Call call : calls()) {
            counts.merge(call.status(), 1, Integer::sum);
        }
        return counts;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(15_000);
    }
}
