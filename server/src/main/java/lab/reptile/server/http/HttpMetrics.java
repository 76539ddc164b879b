package lab.reptile.server.http;

import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Times every request into {@code http_server_requests_seconds}, a histogram tagged by method, route and status,
 * each from a closed set: a label value taken from the request would add a series per distinct value, and 23,000
 * made-up methods once grew /metrics to 143 MB (issue 20).
 */
final class HttpMetrics {
    private static final String START = "reptile.requestStartNanos";
    /** RFC 9110's methods and PATCH; any other method is counted as {@code other}. */
    static final Set<String> KNOWN_METHODS =
            Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT");
    /** Thread-safe, unlike a Timer.Builder, whose tags() changes the builder itself. */
    private final Meter.MeterProvider<Timer> timers;

    HttpMetrics(MeterRegistry registry) {
        timers = Timer.builder("http.server.requests")
                .description("HTTP requests by method, route and status")
                .publishPercentileHistogram()
                .maximumExpectedValue(Duration.ofSeconds(10))
                .withRegistry(registry);
    }

    void start(Context ctx) {
        ctx.attribute(START, System.nanoTime());
    }

    void finish(Context ctx) {
        Long start = ctx.attribute(START);
        if (start == null) {
            return;
        }
        int status = ctx.statusCode();
        timers.withTags("method", method(ctx.method().name()), "route", route(ctx, status), "status", status(status))
                .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }

    /** The method if it is a known one (methods are case-sensitive), else {@code other}. */
    static String method(String name) {
        return KNOWN_METHODS.contains(name) ? name : "other";
    }

    /**
     * The status code: set by the server's own code and Jetty's, never copied from a request, but bounded here to
     * HTTP's three-digit range all the same, so that no path can make it a label of its own.
     */
    static String status(int status) {
        return status >= 100 && status <= 599 ? Integer.toString(status) : "other";
    }

    /**
     * The matched route's template (never the raw path: a label per run id or per probe would grow without bound),
     * {@code files} for the page and its files, {@code none} for a request that matched neither or was refused
     * before a route was matched (a before-handler's 400, 413, 429: the page's files answer only 200 and 304).
     */
    private static String route(Context ctx, int status) {
        Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
        if (endpoint != null) {
            return endpoint.path;
        }
        return status >= 400 ? "none" : "files";
    }
}
