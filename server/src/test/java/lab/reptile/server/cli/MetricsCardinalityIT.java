package lab.reptile.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real server process keeps /metrics bounded however many distinct request methods it is sent: labels come from a
 * closed set, so 2,000 made-up methods add at most a handful of series, not one per method (issue 20, defect 2:
 * 23,000 such methods once grew /metrics to 143 MB).
 */
class MetricsCardinalityIT {
    private static final int REQUESTS = 2_000;
    private static final Pattern SERIES = Pattern.compile("(?m)^http_server_requests_seconds_count\\{[^}]*}");

    @TempDir
    Path dataDir;

    @Test
    void twoThousandMadeUpMethodsLeaveMetricsBounded() throws Exception {
        Path log = dataDir.resolve("server.log");
        Process server = ServerProcesses.start(dataDir, log, List.of("-Xmx512m"), "1", "--tasks", "200");
        try {
            URI url = URI.create(ServerProcesses.awaitUrl(server, log));
            int port = url.getPort();
            for (String method : new String[] {"GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS",
                    "TRACE", "QUERY"}) {
                status(port, method, "/api/weights"); // every known method's series exist before the count
            }
            status(port, "MADEUP", "/api/weights");
            status(port, "MADEUP", "/");
            metrics(port); // so that the scrape's own series exists in the first count too
            String before = metrics(port);

            Random random = new Random(20);
            Set<String> methods = new HashSet<>();
            while (methods.size() < REQUESTS) {
                methods.add("M" + Long.toString(random.nextLong() & Long.MAX_VALUE, 36).toUpperCase());
            }
            Set<Integer> statuses = new HashSet<>();
            int i = 0;
            for (String method : methods) {
                statuses.add(status(port, method, i++ % 2 == 0 ? "/api/weights" : "/"));
            }
            String after = metrics(port);

            System.out.printf("/metrics: %d bytes and %d http_server_requests series before %d made-up methods, "
                            + "%d bytes and %d series after (statuses %s); resident %s -> %s MB%n",
                    before.length(), series(before).size(), REQUESTS, after.length(), series(after).size(), statuses,
                    residentMb(before), residentMb(after));
            Set<String> added = new HashSet<>(series(after));
            added.removeAll(series(before));
            assertTrue(added.size() <= 4, added.size() + " series added by made-up methods, e.g. "
                    + added.stream().limit(3).toList());
            assertTrue(after.length() < before.length() + 64 * 1024,
                    "/metrics grew from " + before.length() + " to " + after.length() + " bytes");
            assertTrue(after.contains("method=\"other\""), "made-up methods count as other");
            assertTrue(!after.contains("method=\"M"), "no made-up method is a label");
        } finally {
            server.destroy();
            assertTrue(server.waitFor(20, TimeUnit.SECONDS), "stopped within 20 s of SIGTERM");
        }
        assertEquals(0, server.exitValue());
    }

    private static Set<String> series(String scrape) {
        Set<String> found = new HashSet<>();
        Matcher m = SERIES.matcher(scrape);
        while (m.find()) {
            found.add(m.group());
        }
        return found;
    }

    private static String residentMb(String scrape) {
        Matcher m = Pattern.compile("(?m)^process_resident_memory_bytes (\\S+)$").matcher(scrape);
        return m.find() ? String.format("%.0f", Double.parseDouble(m.group(1)) / 1e6) : "?";
    }

    private static String metrics(int port) throws IOException {
        String reply = exchange(port, "GET", "/metrics");
        assertTrue(reply.startsWith("HTTP/1.1 200"), reply.substring(0, Math.min(200, reply.length())));
        return reply.substring(reply.indexOf("\r\n\r\n") + 4);
    }

    private static int status(int port, String method, String path) throws IOException {
        String reply = exchange(port, method, path);
        assertTrue(reply.startsWith("HTTP/1.1 "), method + " " + path + ": " + reply);
        return Integer.parseInt(reply.substring(9, 12));
    }

    /** One request on its own loopback connection, read until the server closes it. */
    private static String exchange(int port, String method, String path) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write((method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
