package lab.reptile.server.abuse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Abuse by bodies and connections: oversized and endless bodies, bodies a byte a second, idle connections. */
final class BodyCases {
    private final Wire wire;
    private final Tally tally;
    private final int port;

    BodyCases(Wire wire, Tally tally, int port) {
        this.wire = wire;
        this.tally = tally;
        this.port = port;
    }

    /**
     * Issue 20 defect 9: a client that sends its whole oversized body, then reads, must read the 413 (the server
     * reads and discards up to a bound, then closes gracefully) rather than see a reset; 25 times in a row.
     */
    void oversizedBodies() {
        Tally.Case c = tally.begin("oversized bodies");
        for (String target : new String[] {"POST /api/runs", "POST /api/training/reset"}) {
            for (int i = 0; i < 25; i++) { // the reset is a race: a few in 10 on main, so try it often
                sendWhole(c, target, 70 * 1024, "70 KB #" + (i + 1));
            }
            sendWhole(c, target, 1 << 20, "1 MB");
        }
        for (int i = 0; i < 5; i++) {
            byte[] huge = ("{\"seed\": 1" + " ".repeat(70_000) + "}").getBytes(StandardCharsets.UTF_8);
            c.expect("java.net.http POST /api/runs 70 KB #" + (i + 1), wire.send(HttpRequest.newBuilder(
                    wire.uri("/api/runs")).POST(HttpRequest.BodyPublishers.ofByteArray(huge)), "Content-Type",
                    "application/json", "X-Forwarded-For", ApiCases.freshClient()), "413, read whole", 413);
        }
        StringBuilder chunks = new StringBuilder();
        for (int i = 0; i < 25; i++) {
            chunks.append("2000\r\n").append(" ".repeat(0x2000)).append("\r\n");
        }
        c.expect("chunked 200 KB", wire.raw(("POST /api/runs HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII),
                (chunks + "0\r\n\r\n").getBytes(StandardCharsets.US_ASCII)), "a chunked body past 64 KB", 413);
        c.expect("Expect: 100-continue with 1 GB declared", wire.raw("POST /api/runs HTTP/1.1\r\nHost: x\r\n"
                + "Content-Type: application/json\r\nContent-Length: 1073741824\r\nExpect: 100-continue\r\n"
                + "Connection: close\r\n\r\n"), "refused before the body is sent", 413, 417);
        chunkedWithoutEnd(c);
    }

    private void sendWhole(Tally.Case c, String target, int size, String what) {
        String head = target + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer T\r\nContent-Type: application/json\r\n"
                + "X-Forwarded-For: " + ApiCases.freshClient() + "\r\nContent-Length: " + size + "\r\n\r\n";
        byte[] body = ("{\"seed\": 1" + " ".repeat(size - 11) + "}").getBytes(StandardCharsets.US_ASCII);
        Reply reply = c.expect(target + " " + what, wire.raw(head.getBytes(StandardCharsets.US_ASCII), body),
                "the client reads the 413", 413);
        c.check(reply.status() != 413 || !reply.note().startsWith("write failed"), target + " " + what
                + ": 413 read, but the server reset the connection while the client was sending ("
                + reply.note() + ")");
    }

    /** A chunked body that stops after a few chunks and never ends: bounded by us at 3 s. */
    private void chunkedWithoutEnd(Tally.Case c) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(3_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/runs HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n5\r\n{\"a\":\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            String ended = Wire.readAll(socket.getInputStream(), got);
            c.expect("chunked without end", Reply.parse(got.toByteArray(), ended, 3_000),
                    "waits for the rest, or times the body out with a 4xx", 0, 400, 408);
        } catch (IOException e) {
            c.expect("chunked without end", Reply.failed(e, 0), "the connection could be opened", 0);
        }
    }

    /**
     * Issue 20 defect 1, scaled to this machine: {@code connections} POSTs declare 60,000 bytes and send one a
     * second for {@code seconds}; then we give up. The server may answer (408, 413, 429, 400) or keep waiting; it
     * must not 5xx, and a visitor's GET during it must be fast.
     */
    void slowBodies(int connections, int seconds) throws InterruptedException {
        Tally.Case c = tally.begin("slow bodies");
        List<Socket> sockets = new ArrayList<>();
        List<ByteArrayOutputStream> got = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            got.add(bytes);
            try {
                Socket socket = new Socket("127.0.0.1", port);
                socket.setSoTimeout(1);
                socket.getOutputStream().write(("POST /api/runs HTTP/1.1\r\nHost: x\r\nContent-Type: application/json"
                        + "\r\nContent-Length: 60000\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
                sockets.add(socket);
                notes.add("");
            } catch (IOException e) {
                sockets.add(null);
                notes.add("connect failed: " + e.getMessage());
            }
        }
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            for (int i = 0; i < connections; i++) {
                Socket socket = sockets.get(i);
                if (socket == null || !notes.get(i).isEmpty()) {
                    continue;
                }
                try {
                    drain(socket.getInputStream(), got.get(i));
                    socket.getOutputStream().write(' ');
                } catch (IOException e) {
                    notes.set(i, "the server closed it: " + e.getMessage());
                }
            }
            Reply visitor = c.expect("GET /api/weights meanwhile", wire.get("/api/weights"), "a visitor is served",
                    200);
            c.check(visitor.millis() < 2_000, "GET /api/weights took " + visitor.millis() + " ms during slow bodies");
            Thread.sleep(1_000);
        }
        for (int i = 0; i < connections; i++) {
            Socket socket = sockets.get(i);
            if (socket != null) {
                try (socket) {
                    drain(socket.getInputStream(), got.get(i));
                } catch (IOException e) {
                    notes.set(i, notes.get(i).isEmpty() ? "read: " + e.getMessage() : notes.get(i));
                }
            }
            c.expect("POST /api/runs a byte a second", Reply.parse(got.get(i).toByteArray(), notes.get(i), 0),
                    "still waiting when we stopped, or cut off with a 4xx", 0, 400, 408, 413, 429);
        }
    }

    /**
     * {@code count} connections that send nothing or half a request line and wait {@code seconds}; meanwhile a
     * visitor's GETs must be fast. Afterwards each may have been closed (or answered 408/400) or still be open.
     */
    void idleConnections(int count, int seconds) throws InterruptedException {
        Tally.Case c = tally.begin("many idle connections");
        List<Socket> sockets = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            try {
                Socket socket = new Socket("127.0.0.1", port);
                socket.setSoTimeout(1);
                if (i % 2 == 1) {
                    socket.getOutputStream().write("GET /api/weights HTTP/1.1\r\nHost: x\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
                }
                sockets.add(socket);
            } catch (IOException e) {
                c.fail("connection " + i + " of " + count + " could not be opened: " + e.getMessage());
            }
        }
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            Reply visitor = c.expect("GET /api/runs meanwhile", wire.get("/api/runs"), "a visitor is served", 200);
            c.check(visitor.millis() < 2_000, "GET /api/runs took " + visitor.millis() + " ms with idle connections");
            Thread.sleep(500);
        }
        for (Socket socket : sockets) {
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            String note = "";
            try (socket) {
                drain(socket.getInputStream(), got);
            } catch (IOException e) {
                note = "read: " + e.getMessage();
            }
            c.expect("an idle connection", Reply.parse(got.toByteArray(), note, 0),
                    "still open, or closed with 408/400", 0, 400, 408);
        }
    }

    /** Reads what has arrived without waiting (the socket's timeout is 1 ms). */
    private static void drain(InputStream in, ByteArrayOutputStream got) throws IOException {
        byte[] buffer = new byte[4096];
        try {
            while (in.available() > 0 || got.size() == 0) {
                int n = in.read(buffer);
                if (n < 0) {
                    return;
                }
                got.write(buffer, 0, n);
            }
        } catch (java.net.SocketTimeoutException e) {
            // nothing more yet
        }
    }
}
