package lab.reptile.server.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import java.net.InetAddress;
import java.net.UnknownHostException;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import lab.reptile.server.baseline.PretrainedBaseline;
import lab.reptile.server.lab.Lab;
import lab.reptile.server.lab.LabRefusal;
import lab.reptile.server.store.StoreUnavailable;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web app: the page, the compiled client, Chart.js and the JSON API over a {@link Lab}. Build it,
 * {@link #start()} it (port 0 picks a free port), read {@link #port()}, {@link #close()} it.
 */
public final class ReptileServer implements AutoCloseable {
    /** Only the server's own scripts; Chart.js sets canvas sizes through inline styles. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; "
            + "base-uri 'none'; frame-ancestors 'none'";
    /**
     * Connections waiting to be accepted. The JDK's default of 50 made a burst of 64 new connections lose SYNs,
     * which TCP retries only after 1 s; the kernel caps this at net.core.somaxconn.
     */
    static final int ACCEPT_QUEUE_SIZE = 1024;
    private static final Logger LOG = LoggerFactory.getLogger(ReptileServer.class);

    /** Requests in flight when a stop begins get this long to finish; then Jetty closes their connections. */
    static final long STOP_TIMEOUT_MILLIS = 5_000;
    private final Javalin app;
    private final ServiceMetrics metrics;
    private final String host;
    /** Strict: a second JSON value after the first, or a repeated field, is an error rather than ignored. */
    private final ObjectMapper mapper = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    /** A server without a pretrained baseline: {@code /api/weights?init=pretrained} answers 404. */
    public ReptileServer(ServerOptions options, Lab lab) {
        this(options, lab, null);
    }

    /** @param pretrained the baseline served at {@code /api/weights?init=pretrained}, or null for none */
    public ReptileServer(ServerOptions options, Lab lab, PretrainedBaseline pretrained) {
        this(options, lab, pretrained, true);
    }

    /** A worker's server: /healthz, /readyz and /metrics only (it trains; web replicas serve the page and API). */
    public static ReptileServer forWorker(ServerOptions options, Lab lab) {
        return new ReptileServer(options, lab, null, false);
    }

    private ReptileServer(ServerOptions options, Lab lab, PretrainedBaseline pretrained, boolean serveApi) {
        this.host = options.host();
        AdminGuard guard = new AdminGuard(options.adminToken());
        WeightsEndpoint weights = new WeightsEndpoint(lab, pretrained);
        ClientAddress clients = new ClientAddress(options.trustProxy());
        RequestBodies bodies = new RequestBodies(clients,
                new BodyGate(RequestBodies.READS_PER_CLIENT, RequestBodies.READS_IN_ALL));
        TrainingEndpoints training = new TrainingEndpoints(lab, guard, mapper, bodies, pretrained);
        RunsEndpoints runs = new RunsEndpoints(lab, guard, mapper, clients, bodies);
        metrics = new ServiceMetrics(lab);
        HttpMetrics requests = new HttpMetrics(metrics.registry());
        HealthEndpoints health = new HealthEndpoints(lab, metrics, mapper, serveApi);
        app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.jetty.addConnector((server, http) -> connector(server, http, options));
            config.http.prefer405over404 = true;
            config.jetty.modifyServer(server -> {
                server.setErrorHandler(new JettyErrors());
                server.insertHandler(new GracefulHandler()); // on stop, waits for requests in flight
                server.setStopTimeout(STOP_TIMEOUT_MILLIS);
            });
            config.http.maxRequestSize = RequestBodies.MAX_BYTES;
            if (serveApi) {
                config.resourceHandler(new StaticFiles()); // the page, the client and Chart.js: see StaticFiles
            }
            config.routes.before(requests::start);
            config.routes.before(ReptileServer::securityHeaders);
            config.routes.before(ReptileServer::varyOnEncoding);
            config.routes.before(ctx -> checkRequest(ctx, bodies));
            config.routes.before("/api/*", ctx -> lab.requireDatabase()); // stale answers would mislead
            config.routes.after(requests::finish);
            getAndHead(config, "/healthz", health::health);
            getAndHead(config, "/readyz", health::ready);
            getAndHead(config, "/metrics", health::metrics);
            if (serveApi) {
                apiRoutes(config, weights, training, runs);
            }
            config.routes.exception(LabRefusal.class, (e, ctx) -> {
                if (e.retryAfterSeconds() > 0) {
                    ctx.header("Retry-After", Long.toString(e.retryAfterSeconds()));
                }
                JsonResponses.error(ctx, mapper, RunsEndpoints.status(e.reason()), e.getMessage());
            });
            config.routes.exception(StoreUnavailable.class, (e, ctx) -> {
                LOG.warn("{} {}: {}", ctx.method(), ctx.path(), e.getMessage());
                ctx.header("Retry-After", "5");
                JsonResponses.error(ctx, mapper, 503, "the lab's database is unavailable; try again in a few seconds");
            });
            config.routes.exception(ApiException.class,
                    (e, ctx) -> JsonResponses.error(ctx, mapper, e.status(), e.getMessage()));
            config.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("unexpected error on {} {}", ctx.method(), ctx.path(), e);
                JsonResponses.error(ctx, mapper, 500, "internal error");
            });
            config.routes.error(404, ctx -> notFound(ctx, mapper));
            config.routes.error(405, ctx -> JsonResponses.error(ctx, mapper, 405,
                    ctx.method() + " is not allowed on " + ctx.path()));
        });
    }

    public ReptileServer start() {
        app.start();
        return this;
    }

    /** The bound port, useful after starting on port 0. */
    public int port() {
        return app.port();
    }

    /** True if the server listens on a loopback address only (unreachable from other machines). */
    public boolean isLoopbackOnly() {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /**
     * Stops accepting connections, lets requests in flight finish (up to {@link #STOP_TIMEOUT_MILLIS}), then stops.
     */
    @Override
    public void close() {
        app.stop();
        metrics.close();
    }

    private static void apiRoutes(JavalinConfig config, WeightsEndpoint weights, TrainingEndpoints training,
                                  RunsEndpoints runs) {
        getAndHead(config, "/api/weights", weights::get);
        getAndHead(config, "/api/training", training::status);
        config.routes.post("/api/training/pause", training::pause);
        config.routes.post("/api/training/resume", training::resume);
        config.routes.post("/api/training/reset", training::reset);
        getAndHead(config, "/api/runs", runs::list);
        config.routes.post("/api/runs", runs::create);
        getAndHead(config, "/api/runs/{id}", runs::get);
        config.routes.delete("/api/runs/{id}", runs::delete);
        getAndHead(config, "/api/runs/{id}/weights", runs::weights);
        getAndHead(config, "/api/runs/{id}/generations/{generation}/snapshots/{index}", runs::snapshot);
        getAndHead(config, "/api/runs/{id}/snapshots/{index}", runs::ungenerationedSnapshot);
    }

    /**
     * The same handler for GET and HEAD, so HEAD gives GET's status and headers (ETag, Content-Length, type);
     * Jetty sends no body for HEAD. Without it Javalin answers HEAD with a bare 200.
     */
    private static void getAndHead(JavalinConfig config, String path, Handler handler) {
        config.routes.get(path, handler);
        config.routes.head(path, handler);
    }

    private static ServerConnector connector(Server server, HttpConfiguration http, ServerOptions options) {
        http.setMinRequestDataRate(RequestBodies.MIN_BYTES_PER_SECOND); // Jetty's servlet input checks it per body
        // Jetty caches header lines per connection and by default matches their values ignoring case, so after
        // "Authorization: Bearer T" a kept-alive connection (nginx keeps 16 to the origin) handed "Bearer t" to the
        // app as "Bearer T": a wrong token accepted. Values are compared exactly.
        http.setHeaderCacheCaseSensitive(true);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(options.host());
        connector.setPort(options.port());
        connector.setAcceptQueueSize(ACCEPT_QUEUE_SIZE);
        return connector;
    }

    /** Refuses what no route takes: a declared body over the limit, and query parameters on the API. */
    private static void checkRequest(Context ctx, RequestBodies bodies) {
        bodies.refuseDeclaredOversize(ctx);
        String query = ctx.queryString();
        if (ctx.path().startsWith("/api/") && query != null && !query.isEmpty()) {
            boolean weights = ctx.path().equals("/api/weights");
            if (!(weights && query.matches("init=[A-Za-z0-9_-]{0,40}"))) {
                throw new ApiException(400, ctx.path() + (weights ? " takes only the query parameter init=meta or init=pretrained"
                        : " takes no query parameters") + ", got \"?" + RequestBodies.shorten(query) + "\"");
            }
        }
    }

    /** The page and its files are read-only, so another method than GET or HEAD there is a 405, not a 404. */
    private static void notFound(Context ctx, ObjectMapper mapper) {
        String method = ctx.method().name();
        if (!ctx.path().startsWith("/api/") && !method.equals("GET") && !method.equals("HEAD")) {
            ctx.header("Allow", "GET, HEAD");
            JsonResponses.error(ctx, mapper, 405, method + " is not allowed on " + ctx.path()
                    + "; the page and its files take GET");
        } else if (!String.valueOf(ctx.res().getContentType()).startsWith("application/json")) {
            JsonResponses.error(ctx, mapper, 404, "no such resource: " + ctx.path()); // an endpoint's own 404 stays
        }
    }

    /**
     * {@code Vary: Accept-Encoding} on every answer: Javalin gzips any dynamic body of 1,500 bytes or more for a
     * client that lists gzip (its exact token only, so {@code gzip;q=0} gets plain bytes), so any answer's body may
     * depend on that header, and a cache must know it. Prepared bodies and files set it themselves too.
     */
    private static void varyOnEncoding(Context ctx) {
        ctx.header("Vary", "Accept-Encoding");
    }

    private static void securityHeaders(Context ctx) {
        ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
    }
}
