package lab.reptile.server.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import lab.reptile.server.Await;
import lab.reptile.server.TestLab;
import lab.reptile.server.bench.NginxProcess;
import lab.reptile.server.lab.RunState;
import lab.reptile.server.training.TrainingDefaults;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reverse-proxy recipe, deploy/nginx.conf, in Debian's real nginx (a child process on 127.0.0.1, its cache in a
 * temp dir) in front of web servers over one lab, counted by the origins' own /metrics: thousands of visitors'
 * requests for a finished run reach the origin as at most one full answer per snapshot, and thousands of followers
 * of a training run as one answer per URL every second or two, whatever their number and however many replicas.
 */
class NginxCacheIT {
    private static final Path RECIPE = Path.of("../deploy/nginx.conf");
    private static final int REQUESTS = 4_000;
    private static final int CLIENTS = 8;
    /** Followers of the training run: at least this many requests, over at least {@link #FOLLOW_NANOS}. */
    private static final int FOLLOWER_REQUESTS = 6_000;
    private static final int FOLLOWERS = 16;
    private static final long FOLLOW_NANOS = 6_000_000_000L;

    @TempDir
    Path dir;
    private TestLab runner;
    private final List<ReptileServer> origins = new ArrayList<>();
    private NginxProcess nginx;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** The default run of {@code tasks} tasks, {@code replicas} web servers over its lab, nginx in front of them. */
    private void start(int tasks, int replicas) throws Exception {
        assertTrue(Files.isExecutable(NginxProcess.BINARY), NginxProcess.BINARY
                + " is missing: ./test-all.sh installs Debian's nginx");
        runner = TestLab.plain(TrainingDefaults.config().withTasks(tasks)).start();
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < replicas; i++) {
            origins.add(new ReptileServer(new ServerOptions("127.0.0.1", 0, null), runner.lab()).start());
            ports.add(origins.get(i).port());
        }
        nginx = NginxProcess.start(RECIPE, dir, ports);
        Await.until("nginx to proxy /healthz", () -> get("/healthz", "identity").statusCode() == 200);
    }

    @AfterEach
    void stop() throws Exception {
        if (nginx != null) {
            nginx.close();
        }
        origins.forEach(ReptileServer::close);
        if (runner != null) {
            runner.close();
        }
    }

    @Test
    void theCacheAnswersThousandsWithOneOriginRequestPerSnapshot() throws Exception {
        start(3_000, 1);
        Await.until("the default run to finish", runner::state, state -> state == RunState.FINISHED);
        List<String> paths = new ArrayList<>();
        paths.add("/api/weights");
        int snapshots = runner.view().timeline().size();
        for (int i = 0; i < snapshots; i++) {
            paths.add(runner.snapshotsUrl() + i);
        }
        byte[] weights = runner.snapshot().jsonCopy();
        List<String> before = scrapes();
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        List<Future<Integer>> results = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            results.add(pool.submit(() -> {
                int ok = 0;
                for (int i = client; i < REQUESTS; i += CLIENTS) {
                    String path = paths.get(i % paths.size());
                    boolean gzip = i % 4 != 0; // a quarter of the clients do not take gzip: nginx unzips for them
                    HttpResponse<byte[]> response = get(path, gzip ? "gzip" : "identity");
                    assertEquals(200, response.statusCode(), path);
                    if (path.equals("/api/weights")) {
                        assertArrayEquals(weights, body(response), "the origin's bytes, gzip " + gzip);
                    }
                    ok++;
                }
                return ok;
            }));
        }
        int answered = 0;
        for (Future<Integer> result : results) {
            answered += result.get(120, TimeUnit.SECONDS);
        }
        pool.shutdown();
        double seconds = (System.nanoTime() - start) / 1e9;
        List<String> after = scrapes();
        assertEquals(REQUESTS, answered);

        String snapshotRoute = "/api/runs/{id}/generations/{generation}/snapshots/{index}";
        double snapshotOrigin = count(after, snapshotRoute, "200") - count(before, snapshotRoute, "200");
        assertTrue(snapshotOrigin <= snapshots, snapshotOrigin + " origin answers for " + snapshots + " snapshots");
        double weightsFull = count(after, "/api/weights", "200") - count(before, "/api/weights", "200");
        double weightsRevalidated = count(after, "/api/weights", "304") - count(before, "/api/weights", "304");
        assertTrue(weightsFull <= 1, weightsFull + " full answers for one unchanging snapshot");
        // Expired after 1 s, revalidated with If-None-Match: at most about one 304 per second of the test.
        assertTrue(weightsRevalidated <= Math.ceil(seconds) + 1, weightsRevalidated + " revalidations in "
                + seconds + " s");
        System.out.printf("nginx answered %d requests in %.1f s; the origin sent %.0f snapshot bodies (%d "
                        + "snapshots), %.0f /api/weights bodies and %.0f 304s%n", answered, seconds, snapshotOrigin,
                snapshots, weightsFull, weightsRevalidated);

        String etag = get("/api/weights", "gzip").headers().firstValue("ETag").orElseThrow();
        String plainTag = runner.snapshot().etag();
        assertEquals(plainTag.substring(0, plainTag.length() - 1) + "-gz\"", etag,
                "the origin's tag for its gzipped bytes passes through");
        // nginx unzips for a client that does not take gzip, and weakens the tag: other bytes, the same content.
        String unzippedTag = get("/api/weights", "identity").headers().firstValue("ETag").orElseThrow();
        assertEquals("W/" + etag, unzippedTag);
        assertEquals(304, get("/api/weights", "identity", unzippedTag).statusCode());
        assertEquals(304, get("/api/weights", "gzip", etag).statusCode());
    }

    /**
     * The page's follow poll at thousands of requests a second, of a run that trains (its JSON changes 5 times a
     * second), through two replicas: the origins together answer each URL once every second or two.
     */
    @Test
    void followersOfATrainingRunCostTheOriginOneAnswerPerUrlEverySecondOrTwo() throws Exception {
        start(100_000_000, 2);
        Await.until("the default run to train", runner::tasksDone, done -> done > 0);
        HttpResponse<byte[]> created = http.send(HttpRequest.newBuilder(URI.create(nginx.url("/api/runs")))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"tasks\": 1000}")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(202, created.statusCode(), "a POST passes through the cached location: " + body(created));
        String queued = created.headers().firstValue("Location").orElseThrow();
        Await.until("the run list through the cache to show the queued run", () -> new String(
                body(get("/api/runs", "gzip"))).contains("\"queuePosition\":1"));
        List<String> urls = List.of("/api/runs/default", queued, "/api/runs", "/api/training");

        List<String> before = scrapes();
        long start = System.nanoTime();
        Followers followers = follow(urls, start);
        double seconds = (System.nanoTime() - start) / 1e9;
        List<String> after = scrapes();
        assertTrue(followers.answered() >= FOLLOWER_REQUESTS, followers.answered() + " follower requests");
        assertEquals(RunState.RUNNING, runner.state(), "the run trained throughout");

        // Per URL: a full answer or a 304 each time the cached copy expires. nginx keeps "1s" for 1 to 2 s (its
        // clock counts whole seconds), so about one every 2 s under steady load; bounded at 2 a second, plus the
        // first fill and a second's edge. Two URLs share the route /api/runs/{id}.
        double allowedPerUrl = 2 * seconds + 3;
        double leastPerUrl = seconds / 3; // fewer would mean a copy kept past its 2 s
        int tags = followers.tags("/api/runs/default").size();
        StringBuilder figures = new StringBuilder();
        Map<String, double[]> answers = new HashMap<>();
        for (String route : List.of("/api/runs/{id}", "/api/runs", "/api/training")) {
            double full = count(after, route, "200") - count(before, route, "200");
            double revalidated = count(after, route, "304") - count(before, route, "304");
            answers.put(route, new double[] {full, revalidated});
            figures.append(String.format(" %s %.0f + %.0f 304s;", route, full, revalidated));
        }
        System.out.printf("nginx answered %d follower requests (%d 304s) in %.1f s, through 2 replicas; the origins "
                + "answered%s the followers saw %d tags of the training run%n", followers.answered(),
                followers.notModified(), seconds, figures, tags);
        answers.forEach((route, counts) -> {
            int sharing = route.equals("/api/runs/{id}") ? 2 : 1;
            assertTrue(counts[0] + counts[1] <= sharing * allowedPerUrl, route + ": the origins answered "
                    + counts[0] + " + " + counts[1] + " 304s in " + seconds + " s for " + sharing + " URL(s)");
            assertTrue(counts[0] >= leastPerUrl, route + ": only " + counts[0] + " full answers in " + seconds
                    + " s of a training run: the cache must fetch its changes every 1 to 2 s");
        });
        // The followers saw the run move on every second or two: a tag per cached copy, not one frozen copy.
        assertTrue(tags >= leastPerUrl && tags <= allowedPerUrl, tags + " different tags of /api/runs/default in "
                + seconds + " s");
        assertEquals(1, followers.tags(queued).size(), "a queued run's body does not change: "
                + followers.tags(queued));
    }

    /** What the followers got: how many answers, how many of them 304, and the tags seen per URL. */
    private record Followers(int answered, int notModified, Map<String, Set<String>> tagsByUrl) {
        Set<String> tags(String url) {
            return tagsByUrl.getOrDefault(url, Set.of());
        }
    }

    /**
     * {@link #FOLLOWERS} threads polling {@code urls} in turn, as pages do: most take gzip, and every other request
     * sends back the tag last seen for its URL (a browser revalidating a no-cache answer); until both
     * {@link #FOLLOWER_REQUESTS} and {@link #FOLLOW_NANOS} from {@code start} are done.
     */
    private Followers follow(List<String> urls, long start) throws Exception {
        AtomicInteger sent = new AtomicInteger();
        AtomicInteger notModified = new AtomicInteger();
        Map<String, Set<String>> tags = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(FOLLOWERS);
        List<Future<?>> results = new ArrayList<>();
        for (int f = 0; f < FOLLOWERS; f++) {
            int follower = f;
            results.add(pool.submit(() -> {
                Map<String, String> lastTag = new HashMap<>();
                for (int i = follower; sent.get() < FOLLOWER_REQUESTS || System.nanoTime() - start < FOLLOW_NANOS;
                     i++) {
                    String url = urls.get(i % urls.size());
                    String encoding = follower % 4 == 0 ? "identity" : "gzip";
                    HttpResponse<byte[]> response = get(url, encoding, i % 2 == 0 ? lastTag.get(url) : null);
                    sent.incrementAndGet();
                    if (response.statusCode() == 304) {
                        notModified.incrementAndGet();
                        continue;
                    }
                    assertEquals(200, response.statusCode(), url + ": " + body(response));
                    String tag = response.headers().firstValue("ETag").orElseThrow();
                    lastTag.put(url, tag);
                    if (encoding.equals("gzip")) { // the origin's own tag: nginx weakens it when it unzips
                        tags.computeIfAbsent(url, u -> ConcurrentHashMap.newKeySet()).add(tag);
                    }
                }
                return null;
            }));
        }
        for (Future<?> result : results) {
            result.get(120, TimeUnit.SECONDS);
        }
        pool.shutdown();
        return new Followers(sent.get(), notModified.get(), tags);
    }

    private HttpResponse<byte[]> get(String path, String encoding) throws IOException, InterruptedException {
        return get(path, encoding, null);
    }

    private HttpResponse<byte[]> get(String path, String encoding, String ifNoneMatch)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(nginx.url(path)))
                .header("Accept-Encoding", encoding).timeout(Duration.ofSeconds(20));
        if (ifNoneMatch != null) {
            request.header("If-None-Match", ifNoneMatch);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static byte[] body(HttpResponse<byte[]> response) throws IOException {
        if (!response.headers().firstValue("Content-Encoding").orElse("").equals("gzip")) {
            return response.body();
        }
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(response.body()))) {
            return in.readAllBytes();
        }
    }

    /** Each origin's own metrics, read directly (not through nginx). */
    private List<String> scrapes() throws IOException, InterruptedException {
        List<String> scrapes = new ArrayList<>();
        for (ReptileServer origin : origins) {
            scrapes.add(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + origin.port()
                    + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body());
        }
        return scrapes;
    }

    /** GET answers of {@code route} with {@code status}, summed over the origins' scrapes. */
    private static double count(List<String> scrapes, String route, String status) {
        double sum = 0;
        for (String scrape : scrapes) {
            Matcher m = Pattern.compile("(?m)^http_server_requests_seconds_count\\{method=\"GET\",route=\""
                    + Pattern.quote(route) + "\",status=\"" + status + "\"} (\\S+)$").matcher(scrape);
            sum += m.find() ? Double.parseDouble(m.group(1)) : 0;
        }
        return sum;
    }
}
