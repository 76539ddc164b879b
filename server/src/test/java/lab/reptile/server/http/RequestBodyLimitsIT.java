package lab.reptile.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import lab.reptile.model.ReptileConfig;
import lab.reptile.model.ReptileTrainer;
import lab.reptile.server.Await;
import lab.reptile.server.TestLab;
import lab.reptile.server.lab.LabLimits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The bounds on reading a body, over real HTTP: oversized bodies get a 413 the client reads, slow or unfinished
 * bodies a 408 within the deadline, a client's third body at once a 429, refusals the headers decide come before
 * any read, and a body must say it is JSON.
 */
class RequestBodyLimitsIT {
    private static final String TOKEN = "limits-token";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ReptileConfig SHORT_DEFAULT_RUN = ReptileConfig.builder().seed(1).tasks(200).build();

    private TestLab lab;
    private ReptileServer server;
    private HttpTestClient http;

    private void serve(LabLimits limits) {
        lab = TestLab.open(SHORT_DEFAULT_RUN, ReptileTrainer::new, limits);
        server = new ReptileServer(new ServerOptions("127.0.0.1", 0, TOKEN, true), lab.lab()).start();
        http = new HttpTestClient(server.port());
    }

    @AfterEach
    void stop() {
        server.close();
        lab.close();
    }

    @Test
    void tenAndAHundredMegabyteBodiesGetA413TheClientReadsAfterSendingThemWhole() throws Exception {
        serve(LabLimits.DEFAULTS);
        for (int megabytes : new int[] {10, 100}) {
            Socket socket = new Socket("127.0.0.1", server.port());
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/runs HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
                    + ((long) megabytes << 20) + "\r\nX-Forwarded-For: 203.0.113.1\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            byte[] mebibyte = new byte[1 << 20];
            Arrays.fill(mebibyte, (byte) ' ');
            for (int i = 0; i < megabytes; i++) {
                out.write(mebibyte); // the whole body, before reading, as Python's http.client does
            }
            out.flush();
            String reply = readReply(socket, 10_000).text();
            socket.close();
            assertTrue(reply.startsWith("HTTP/1.1 413 "), megabytes + " MB: " + reply);
            assertTrue(reply.toLowerCase(Locale.ROOT).contains("connection: close"), reply);
            assertTrue(reply.endsWith("{\"error\":\"body is larger than 65536 bytes\",\"status\":413}"), reply);
        }
        assertEquals(1, JSON.readTree(http.get("/api/runs").body()).path("runs").size(), "nothing started");
    }

    @Test
    void anUnfinishedBodyGetsA408AtTheDeadlineAndATrickleSooner() throws Exception {
        serve(LabLimits.DEFAULTS);
        try (Socket unfinished = open("203.0.113.2", 100, "{\"seed\"")) {
            Reply answer = readReply(unfinished, 20_000);
            String reply = answer.text();
            long millis = answer.firstByteMillis();
            assertTrue(reply.startsWith("HTTP/1.1 408 "), reply);
            assertTrue(reply.contains("a body must arrive within 10 s and at 1024 bytes/s or faster"), reply);
            assertTrue(millis >= 9_000 && millis < 13_000, "answered after " + millis + " ms");
        }
        try (Socket trickle = open("203.0.113.3", 10_000, "{")) {
            long t0 = System.nanoTime();
            try {
                for (int i = 0; i < 3; i++) {
                    Thread.sleep(1_000);
                    trickle.getOutputStream().write(' ');
                }
            } catch (IOException e) {
                // already cut off
            }
            String reply = readReply(trickle, 20_000).text();
            long millis = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(reply.startsWith("HTTP/1.1 408 "), reply);
            assertTrue(millis < 6_000, "a trickle under 1024 bytes/s is cut off before the deadline: " + millis + " ms");
        }
        assertEquals(1, JSON.readTree(http.get("/api/runs").body()).path("runs").size(), "nothing started");
    }

    @Test
    void aClientsThirdBodyAtOnceGetsA429WithRetryAfterAndOtherClientsGoOn() throws Exception {
        serve(LabLimits.DEFAULTS);
        try (Socket first = open("198.51.100.5", 100, "{");
             Socket second = open("198.51.100.5", 100, "{")) {
            Thread.sleep(500); // both are being read
            long t0 = System.nanoTime();
            HttpResponse<String> third = http.post("/api/runs", "{\"tasks\": 1000}", "Content-Type",
                    "application/json", "X-Forwarded-For", "198.51.100.5");
            assertTrue((System.nanoTime() - t0) / 1_000_000 < 2_000, "refused at once");
            assertEquals(429, third.statusCode(), third.body());
            assertEquals("10", third.headers().firstValue("Retry-After").orElseThrow());
            assertTrue(JSON.readTree(third.body()).path("error").asText()
                    .startsWith("this client is sending 2 request bodies already"), third.body());
            HttpResponse<String> other = http.post("/api/runs", "{\"tasks\": 1000}", "Content-Type",
                    "application/json", "X-Forwarded-For", "198.51.100.6");
            assertEquals(202, other.statusCode(), other.body());
        }
        Await.until("the closed bodies' reads to end, so the client may send again", () -> http.post("/api/runs",
                "{\"tasks\": 1000}", "Content-Type", "application/json", "X-Forwarded-For", "198.51.100.5")
                .statusCode() == 202);
    }

    @Test
    void slowOversizedBodiesTakeOnlyTheirOwnShareAndRealBodiesGoOn() throws Exception {
        serve(LabLimits.DEFAULTS);
        List<Socket> drained = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < RequestBodies.DRAINS_IN_ALL; i++) {
                drained.add(open("198.51.100." + (50 + i), 1 << 20, "{")); // 1 MiB declared, one byte sent
            }
            // Each is being drained once its headers passed admission, which now asks the database (a transaction
            // per request): 500 ms left the last ones unadmitted under CI's load, and the ninth took their share.
            Thread.sleep(1_500);
            try (Socket ninth = open("198.51.100.70", 1 << 20, "{")) {
                Reply reply = readReply(ninth, 5_000);
                assertTrue(reply.text().startsWith("HTTP/1.1 413"), reply.text());
                assertTrue(reply.firstByteMillis() < 2_000, "answered at once: " + reply.firstByteMillis() + " ms");
            }
            for (int i = 0; i < 3; i++) { // real bodies read as usual while the drains' share is full
                HttpResponse<String> real = http.post("/api/runs", "{\"tasks\": 1000}", "Content-Type",
                        "application/json", "X-Forwarded-For", "198.51.100." + (80 + i));
                assertEquals(202, real.statusCode(), real.body());
            }
        } finally {
            for (Socket socket : drained) {
                socket.close();
            }
        }
    }

    @Test
    void quotaAndTheLabSwitchAreCheckedBeforeTheBodyIsRead() throws Exception {
        serve(new LabLimits(true, 100_000, 0, 8, 20, 512L << 20)); // no runs per hour for anyone
        try (Socket unsent = open("192.0.2.9", 100, "")) {
            Reply reply = readReply(unsent, 5_000);
            assertTrue(reply.text().startsWith("HTTP/1.1 429 "), reply.text());
            assertTrue(reply.text().contains("Retry-After: "), reply.text());
            assertTrue(reply.firstByteMillis() < 2_000, "refused without waiting for the body: " + reply);
        }
        assertEquals(1, JSON.readTree(http.get("/api/runs").body()).path("runs").size(), "nothing started");
    }

    @Test
    void aBodyWithoutContentTypeIs415AndNoBodyNeedsNone() throws Exception {
        serve(LabLimits.DEFAULTS);
        HttpResponse<String> untyped = http.post("/api/runs", "{\"tasks\": 1000}", "X-Forwarded-For", "192.0.2.20");
        assertEquals(415, untyped.statusCode(), untyped.body());
        assertEquals("a request body needs Content-Type: application/json; this one has none",
                JSON.readTree(untyped.body()).path("error").asText());
        RawHttp.Reply chunked = RawHttp.send(server.port(), "POST /api/runs HTTP/1.1\r\nHost: x\r\n"
                + "Transfer-Encoding: chunked\r\nX-Forwarded-For: 192.0.2.21\r\nConnection: close\r\n\r\n"
                + "f\r\n{\"tasks\": 1000}\r\n0\r\n\r\n");
        assertEquals(415, chunked.status(), chunked.body());
        assertEquals(1, JSON.readTree(http.get("/api/runs").body()).path("runs").size(), "nothing started");
        HttpResponse<String> empty = http.post("/api/runs", "", "X-Forwarded-For", "192.0.2.20");
        assertEquals(202, empty.statusCode(), "no body, no type: the defaults " + empty.body());
    }

    @Test
    void aDeclaredLengthPastTwoGibibytesIsTooLargeNotNoBody() throws Exception {
        serve(LabLimits.DEFAULTS);
        for (String type : new String[] {"", "Content-Type: application/json\r\n"}) {
            RawHttp.Reply reply = RawHttp.send(server.port(), "POST /api/runs HTTP/1.1\r\nHost: x\r\n" + type
                    + "Content-Length: 3000000000\r\nX-Forwarded-For: 192.0.2.30\r\n\r\nxxxx");
            assertEquals(413, reply.status(), type + reply.body());
        }
        assertEquals(1, JSON.readTree(http.get("/api/runs").body()).path("runs").size(), "nothing started");
    }

    @Test
    void theBearerSchemeMayBeInAnyCase() throws Exception {
        serve(LabLimits.DEFAULTS);
        for (String scheme : new String[] {"bearer", "BEARER", "BeArEr"}) {
            HttpResponse<String> pause = http.post("/api/training/pause", "", "Authorization", scheme + " " + TOKEN);
            assertEquals(200, pause.statusCode(), scheme + ": " + pause.body());
            HttpResponse<String> resume = http.post("/api/training/resume", "", "Authorization", scheme + " " + TOKEN);
            assertEquals(200, resume.statusCode(), scheme + ": " + resume.body());
        }
        assertEquals(401, http.post("/api/training/pause", "", "Authorization", "bearer wrong").statusCode());
        assertEquals(401, http.post("/api/training/pause", "", "Authorization", "Bearerx " + TOKEN).statusCode());
    }

    /** A POST /api/runs from {@code client} that declares {@code length} bytes and sends only {@code start}. */
    private Socket open(String client, int length, String start) throws IOException {
        Socket socket = new Socket("127.0.0.1", server.port());
        String head = "POST /api/runs HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
                + length + "\r\nX-Forwarded-For: " + client + "\r\n\r\n" + start;
        OutputStream out = socket.getOutputStream();
        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return socket;
    }

    /** What the server sent, and how long after the read began its first byte came. */
    private record Reply(String text, long firstByteMillis) {
    }

    /** What the server sends until it closes the connection, or {@code millis} pass. */
    private static Reply readReply(Socket socket, int millis) throws IOException {
        long t0 = System.nanoTime();
        long first = -1;
        socket.setSoTimeout(millis);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[4096];
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                first = first < 0 ? (System.nanoTime() - t0) / 1_000_000 : first;
                bytes.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException | java.net.SocketException e) {
            // keep what arrived
        }
        return new Reply(bytes.toString(StandardCharsets.UTF_8), first);
    }
}
