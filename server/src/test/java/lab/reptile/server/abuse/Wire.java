package lab.reptile.server.abuse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The two ways the suite talks to the server over loopback: exact bytes on a socket (for what java.net.http refuses
 * to send) and java.net.http for well-formed requests; both turn any outcome into a {@link Reply}, never an exception.
 */
final class Wire {
    /** Longest wait for an answer; every raw exchange is bounded by it. */
    static final int READ_TIMEOUT_MILLIS = 10_000;
    private static final int MAX_READ = 4 << 20;
    private static final Pattern CONTENT_LENGTH = Pattern.compile("(?im)^Content-Length: *(\\d+)");
    private final int port;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    Wire(int port) {
        this.port = port;
    }

    Reply raw(String request) {
        return raw(request.getBytes(StandardCharsets.UTF_8), new byte[0]);
    }

    /**
     * Writes {@code head} then {@code body} (in 8 KB pieces, as a client streams a file), half-closes, and reads until
     * the server closes the connection or {@link #READ_TIMEOUT_MILLIS} pass. A failed write is noted, not fatal: what
     * the server answered before the failure is still read.
     */
    Reply raw(byte[] head, byte[] body) {
        long start = System.nanoTime();
        String note = "";
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            try {
                OutputStream out = socket.getOutputStream();
                out.write(head);
                for (int at = 0; at < body.length; at += 8192) {
                    out.write(body, at, Math.min(8192, body.length - at));
                }
                out.flush();
                socket.shutdownOutput();
            } catch (IOException e) {
                note = "write failed after the server stopped reading: " + e.getMessage();
            }
            note = join(note, readAll(socket.getInputStream(), got));
        } catch (IOException e) {
            note = join(note, "connect failed: " + e.getMessage());
        }
        return Reply.parse(got.toByteArray(), note, (System.nanoTime() - start) / 1_000_000);
    }

    /**
     * Sends {@code requests} one after another on one kept-alive connection, each after the answer to the one before
     * (read by its Content-Length); the statuses in order, 0 where the connection ended first.
     */
    List<Integer> conversation(List<String> requests) {
        List<Integer> statuses = new ArrayList<>();
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            InputStream in = socket.getInputStream();
            for (String request : requests) {
                socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
                String head = readHead(in);
                if (!head.startsWith("HTTP/1.")) {
                    statuses.add(0);
                    continue;
                }
                statuses.add(Integer.parseInt(head.substring(9, 12)));
                Matcher length = CONTENT_LENGTH.matcher(head);
                in.readNBytes(length.find() ? Integer.parseInt(length.group(1)) : 0);
            }
        } catch (IOException e) {
            while (statuses.size() < requests.size()) {
                statuses.add(0);
            }
        }
        return statuses;
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        for (int b; !head.toString().endsWith("\r\n\r\n") && (b = in.read()) >= 0; ) {
            head.append((char) b);
        }
        return head.toString();
    }

    /** Reads until EOF; returns how the read ended if not by EOF. */
    static String readAll(InputStream in, ByteArrayOutputStream got) {
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                if (got.size() < MAX_READ) {
                    got.write(buffer, 0, n);
                }
            }
            return "";
        } catch (SocketTimeoutException e) {
            return "no close within " + READ_TIMEOUT_MILLIS / 1000 + " s";
        } catch (SocketException e) {
            return "read: " + e.getMessage();
        } catch (IOException e) {
            return "read: " + e;
        }
    }

    /** Sends {@code builder}'s request with {@code headers} (name, value, …) through java.net.http. */
    Reply send(HttpRequest.Builder builder, String... headers) {
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        long start = System.nanoTime();
        try {
            HttpResponse<byte[]> response = client.send(builder.timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            return Reply.of(response, (System.nanoTime() - start) / 1_000_000);
        } catch (IOException e) {
            return Reply.failed(e, (System.nanoTime() - start) / 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Reply.failed(e, 0);
        }
    }

    Reply get(String path, String... headers) {
        return send(HttpRequest.newBuilder(uri(path)).GET(), headers);
    }

    Reply post(String path, String body, String... headers) {
        return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body)), headers);
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static String join(String a, String b) {
        return a.isEmpty() ? b : b.isEmpty() ? a : a + "; " + b;
    }
}
