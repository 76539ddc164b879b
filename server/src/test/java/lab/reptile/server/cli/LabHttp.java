package lab.reptile.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Plain HTTP for the multi-process tests: one shared client, bodies as bytes, headers given as name-value pairs. */
final class LabHttp {
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private LabHttp() {
    }

    /** An answer: status, exact body bytes and the headers a test looks at. */
    record Reply(int status, byte[] body, String etag, String retryAfter, String contentType) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        JsonNode json() {
            try {
                return MAPPER.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON (" + status + "): " + text(), e);
            }
        }
    }

    static Reply get(String url, String... headers) throws IOException, InterruptedException {
        return send(request(url, headers).GET());
    }

    /** GET {@code url}, which must answer 200, as JSON. */
    static JsonNode json(String url) throws IOException, InterruptedException {
        Reply reply = get(url);
        assertEquals(200, reply.status(), url + ": " + reply.text());
        return reply.json();
    }

    static Reply post(String url, String json, String... headers) throws IOException, InterruptedException {
        return send(request(url, headers).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    static Reply delete(String url, String... headers) throws IOException, InterruptedException {
        return send(request(url, headers).DELETE());
    }

    private static HttpRequest.Builder request(String url, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20));
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return builder;
    }

    private static Reply send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Reply(response.statusCode(), response.body(), header(response, "ETag"),
                header(response, "Retry-After"), header(response, "Content-Type"));
    }

    private static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse(null);
    }
}
