package lab.reptile.server.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import lab.reptile.jackson.JacksonTree;
import lab.reptile.model.ReptileConfig;
import lab.reptile.model.ReptileTrainer;
import lab.reptile.model.WeightsJson;
import lab.reptile.server.http.ReptileServer;
import lab.reptile.server.http.ServerOptions;
import lab.reptile.server.TestLab;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The page behind a pass-through proxy to the real server that can swap in broken meta-weights: the client refuses
 * them with its banner, keeps drawing the last good meta curve and keeps adapting from it.
 */
class InvalidWeightsEndToEndIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newHttpClient();
    /** The body the proxy serves for /api/weights instead of the server's; null passes the request through. */
    private final AtomicReference<String> override = new AtomicReference<>();
    private TestLab runner;
    private ReptileServer server;
    private HttpServer proxy;

    @BeforeEach
    void start() throws IOException {
        runner = TestLab.plain(ReptileConfig.reference().withTasks(300));
        server = new ReptileServer(new ServerOptions("127.0.0.1", 0, null), runner.lab()).start();
        runner.start();
        proxy = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        proxy.createContext("/", this::handle);
        proxy.start();
    }

    @AfterEach
    void stop() {
        proxy.stop(0);
        server.close();
        runner.close();
    }

    @Test
    void invalidWeightsFromTheServerShowTheBannerAndTheLastGoodWeightsStayInUse() throws Exception {
        String good = client.send(HttpRequest.newBuilder(URI.create(serverUrl("/api/weights"))).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        try (Browser browser = new Browser()) {
            browser.open("http://127.0.0.1:" + proxy.getAddress().getPort() + "/");
            String iteration = browser.byTestId("meta-iteration").getText();
            double[][] meta = browser.dataset("meta");
            assertEquals(201, meta.length);

            ObjectNode missingRow = (ObjectNode) JSON.readTree(good);
            ((ArrayNode) missingRow.path("layers").get(1).path("weights")).remove(63);
            assertRefused(browser, missingRow.toString(), "layers[1].weights has 63 rows but sizes needs 64");

            ObjectNode shortBias = (ObjectNode) JSON.readTree(good);
            ((ArrayNode) shortBias.path("layers").get(2).path("bias")).add(0.5);
            assertRefused(browser, shortBias.toString(), "layers[2].bias has 2 values");

            // JSON has no Infinity; a literal too large for a double is how one arrives (JSON.parse makes it one).
            String huge = good.replaceFirst("\"weights\":\\[\\[(-?[0-9.eE-]+)", "\"weights\":[[1e999");
            assertTrue(!huge.equals(good), "the first weight was replaced");
            assertRefused(browser, huge, "layers[0].weights[0][0] is Infinity; every number must be finite");

            assertEquals(iteration, browser.byTestId("meta-iteration").getText(), "the good weights stay");
            assertEquals(201, browser.dataset("meta").length);
            for (int i = 0; i < meta.length; i++) {
                assertArrayEquals(meta[i], browser.dataset("meta")[i], "meta curve unchanged at point " + i);
            }
            browser.click("random-sine");
            browser.awaitAdapted();
            double[][] adapted = browser.dataset("adapted");
            assertEquals(201, adapted.length, "adaptation still runs from the good weights");
            for (double[] point : adapted) {
                assertTrue(Double.isFinite(point[1]), "adapted curve is finite");
            }
        }
    }

    /**
     * Files on which the page's reader and the JVM's once disagreed: the page now says what the JVM says. (Repeated
     * keys are the JVM readers' concern alone: they read files; the page reads only what the server writes.)
     */
    @Test
    void theBannerGivesTheJvmReadersMessageForFilesTheTwoReadersOnceDisagreedOn() throws Exception {
        String good = client.send(HttpRequest.newBuilder(URI.create(serverUrl("/api/weights"))).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        List<String> broken = List.of(
                good.replaceFirst("\"version\":[0-9]+", "\"version\":-1"),
                good.replaceFirst("\"version\":[0-9]+", "\"version\":1e16"),
                good.replace("\"sizes\":[1,64,", "\"sizes\":[1,4294967298,"),
                good.replace("\"sizes\":[1,64,", "\"sizes\":[1,1e16,"));
        try (Browser browser = new Browser()) {
            browser.open("http://127.0.0.1:" + proxy.getAddress().getPort() + "/");
            for (String body : broken) {
                assertNotEquals(good, body, "the edit applied");
                String jvm = assertThrows(IllegalArgumentException.class,
                        () -> WeightsJson.read(JacksonTree.parse(body))).getMessage();
                assertRefused(browser, body, jvm);
            }
        }
    }

    /** Serves {@code body} as the next weights, clicks fetch, and waits for the banner to say {@code problem}. */
    private void assertRefused(Browser browser, String body, String problem) throws IOException {
        override.set(body);
        browser.click("fetch-weights");
        browser.waitFor("the banner to name: " + problem, "var e = document.querySelector('[data-testid=error]');"
                + " return !e.hidden && e.textContent.indexOf(" + JSON.writeValueAsString(problem) + ") >= 0;");
        String banner = browser.byTestId("error").getText();
        assertTrue(banner.startsWith("Server sent invalid weights for the meta-weights: "), banner);
        assertTrue(banner.contains("Keeping meta-weights version"), banner);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().toString();
            String body = override.get();
            if (path.equals("/api/weights") && body != null) {
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.getResponseHeaders().set("ETag", "\"999999\"");
                send(exchange, 200, body.getBytes(StandardCharsets.UTF_8));
                return;
            }
            HttpRequest.Builder forward = HttpRequest.newBuilder(URI.create(serverUrl(path)));
            String tag = exchange.getRequestHeaders().getFirst("If-None-Match");
            if (tag != null) {
                forward.header("If-None-Match", tag);
            }
            HttpResponse<byte[]> response = client.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
            for (String header : new String[] {"Content-Type", "ETag"}) {
                response.headers().firstValue(header).ifPresent(v -> exchange.getResponseHeaders().set(header, v));
            }
            send(exchange, response.statusCode(), response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, status == 304 || body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }

    private String serverUrl(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }
}
