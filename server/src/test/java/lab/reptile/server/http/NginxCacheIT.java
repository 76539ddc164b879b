package lab.reptile.server.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import lab.reptile.server.Await;
import lab.reptile.server.TestLab;
import lab.reptile.server.lab.RunState;
import lab.reptile.server.training.TrainingDefaults;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reverse-proxy recipe, deploy/nginx.conf, in Debian's real nginx (a child process on 127.0.0.1, its cache in a
 * temp dir) in front of a server whose default run has finished: thousands of visitors' requests reach the origin
 * as at most one full answer per snapshot, counted by the origin's own /metrics.
 */
class NginxCacheIT {
    private static final Path NGINX = Path.of("/usr/sbin/nginx");
    private static final Path RECIPE = Path.of("../deploy/nginx.conf");
    private static final int REQUESTS = 4_000;
    private static final int CLIENTS = 8;

    @TempDir
    Path dir;
    private TestLab runner;
    private ReptileServer origin;
    private Process nginx;
    private int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void start() throws Exception {
        assertTrue(Files.isExecutable(NGINX), NGINX + " is missing: ./test-all.sh installs Debian's nginx");
        runner = TestLab.plain(TrainingDefaults.config().withTasks(3_000)).start();
        origin = new ReptileServer(new ServerOptions("127.0.0.1", 0, null), runner.lab()).start();
        Await.until("the default run to finish", runner::state, state -> state == RunState.FINISHED);
        port = freePort();
        Path conf = dir.resolve("nginx.conf");
        Files.writeString(conf, mainConfig(Files.readString(RECIPE)));
        nginx = new ProcessBuilder(NGINX.toString(), "-p", dir.toString(), "-c", conf.toString(), "-e",
                dir.resolve("error.log").toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("nginx.out").toFile()).start();
        Await.until("nginx to proxy /healthz", () -> {
            try {
                return get("/healthz", "identity").statusCode() == 200;
            } catch (IOException e) {
                assertTrue(nginx.isAlive(), () -> "nginx exited: " + read("nginx.out") + read("error.log"));
                return false;
            }
        });
    }

    @AfterEach
    void stop() throws Exception {
        if (nginx != null) {
            nginx.destroy();
            nginx.waitFor(10, TimeUnit.SECONDS);
        }
        origin.close();
        runner.close();
    }

    @Test
    void theCacheAnswersThousandsWithOneOriginRequestPerSnapshot() throws Exception {
        List<String> paths = new ArrayList<>();
        paths.add("/api/weights");
        int snapshots = runner.view().timeline().size();
        for (int i = 0; i < snapshots; i++) {
            paths.add(runner.snapshotsUrl() + i);
        }
        byte[] weights = runner.snapshot().jsonCopy();
        String before = scrape();
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
        String after = scrape();
        assertEquals(REQUESTS, answered);

        double snapshotOrigin = count(after, "/api/runs/{id}/generations/{generation}/snapshots/{index}", "200")
                - count(before, "/api/runs/{id}/generations/{generation}/snapshots/{index}", "200");
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
        HttpRequest revalidateUnzipped = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/api/weights")).header("Accept-Encoding", "identity").header("If-None-Match", unzippedTag).build();
        assertEquals(304, http.send(revalidateUnzipped, HttpResponse.BodyHandlers.discarding()).statusCode());
        HttpRequest revalidate = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/weights"))
                .header("Accept-Encoding", "gzip").header("If-None-Match", etag).build();
        assertEquals(304, http.send(revalidate, HttpResponse.BodyHandlers.discarding()).statusCode());
    }

    private String mainConfig(String recipe) {
        String site = recipe.replace("127.0.0.1:8080", "127.0.0.1:" + origin.port())
                .replace("listen 80;", "listen 127.0.0.1:" + port + ";")
                .replace("/var/cache/nginx/reptile", dir.resolve("cache").toString());
        assertTrue(site.contains(dir.resolve("cache").toString()) && site.contains(":" + origin.port()), site);
        String temp = dir.toString();
        return "daemon off;\nmaster_process off;\npid " + temp + "/nginx.pid;\nerror_log " + temp + "/error.log;\n"
                + "events { worker_connections 256; }\nhttp {\naccess_log off;\n"
                + "client_body_temp_path " + temp + "/client_temp;\nproxy_temp_path " + temp + "/proxy_temp;\n"
                + "fastcgi_temp_path " + temp + "/fastcgi_temp;\nuwsgi_temp_path " + temp + "/uwsgi_temp;\n"
                + "scgi_temp_path " + temp + "/scgi_temp;\n" + site + "\n}\n";
    }

    private HttpResponse<byte[]> get(String path, String encoding) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Accept-Encoding", encoding).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static byte[] body(HttpResponse<byte[]> response) throws IOException {
        if (!response.headers().firstValue("Content-Encoding").orElse("").equals("gzip")) {
            return response.body();
        }
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(response.body()))) {
            return in.readAllBytes();
        }
    }

    /** The origin's own metrics, read directly (not through nginx). */
    private String scrape() throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + origin.port() + "/metrics"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static double count(String scrape, String route, String status) {
        Matcher m = Pattern.compile("(?m)^http_server_requests_seconds_count\\{method=\"GET\",route=\""
                + Pattern.quote(route) + "\",status=\"" + status + "\"} (\\S+)$").matcher(scrape);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private String read(String name) {
        try {
            return Files.readString(dir.resolve(name));
        } catch (IOException e) {
            return "(no " + name + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
