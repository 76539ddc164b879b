package lab.reptile.server.cli;

import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Stops the service on SIGTERM or SIGINT, as a service manager expects: the HTTP server stops accepting and finishes
 * the requests in flight, the lab checkpoints its runs, and the process exits with status 0 (the JVM's own handler
 * would exit 143 after the shutdown hooks).
 */
final class GracefulStop {
    private static final Logger LOG = LoggerFactory.getLogger(GracefulStop.class);
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final AutoCloseable[] parts;

    /** @param parts closed in this order */
    private GracefulStop(AutoCloseable... parts) {
        this.parts = parts;
    }

    /** Closes {@code parts} in order on SIGTERM or SIGINT, then exits 0; also on any other JVM shutdown. */
    static void install(AutoCloseable... parts) {
        GracefulStop stop = new GracefulStop(parts);
        for (String name : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(name), signal -> {
                LOG.info("SIG{}: stopping", signal.getName());
                stop.run();
                System.exit(0);
            });
        }
        Runtime.getRuntime().addShutdownHook(new Thread(stop::run, "shutdown"));
    }

    /** Closes every part once, logging rather than propagating a failure so the next part still closes. */
    private void run() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        long start = System.nanoTime();
        for (AutoCloseable part : parts) {
            try {
                part.close();
            } catch (Exception e) {
                LOG.error("closing {} failed", part.getClass().getSimpleName(), e);
            }
        }
        LOG.info("stopped in {} ms", (System.nanoTime() - start) / 1_000_000);
    }
}
