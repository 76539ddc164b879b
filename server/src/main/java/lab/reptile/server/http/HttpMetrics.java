package lab.reptile.server.http;

import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Times every request into {@code http_server_requests_seconds}, a histogram tagged by method, route (the matched
 * route's template, {@code files} for the page and its files, {@code none} for a 404) and status.
 */
final class HttpMetrics {
    private static final String START = "reptile.requestStartNanos";
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
        timers.withTags("method", ctx.method().name(), "route", route(ctx, status), "status", Integer.toString(status))
                .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }

    /** Route templates only, never the raw path: a label per run id or per probe would grow without bound. */
    private static String route(Context ctx, int status) {
        Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
        if (endpoint != null) {
            return endpoint.path;
        }
        return status == 404 || status == 405 ? "none" : "files";
    }
}
