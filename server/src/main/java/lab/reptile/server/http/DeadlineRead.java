package lab.reptile.server.http;

import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.http.BadMessageException;
import org.eclipse.jetty.io.EndPoint;

/**
 * Reads one request body before a deadline. Each wait for bytes is cut to the time left by lowering the connection's
 * idle timeout (Jetty then fails the blocked read), so bytes that trickle in never keep a thread past the deadline;
 * Jetty's minimum data rate ({@link RequestBodies#MIN_BYTES_PER_SECOND}) ends a slow body sooner. Close it to give
 * the connection its idle timeout back.
 */
final class DeadlineRead implements AutoCloseable {
    private final InputStream in;
    private final EndPoint endPoint;
    private final long idleTimeout;
    private final long deadlineNanos;

    DeadlineRead(Context ctx, long timeoutMillis) throws IOException {
        this.in = ctx.req().getInputStream(); // the container owns the stream: read it, do not close it
        ServletContextRequest request = ServletContextRequest.getServletContextRequest(ctx.req());
        this.endPoint = request == null ? null : request.getConnectionMetaData().getConnection().getEndPoint();
        this.idleTimeout = endPoint == null ? 0 : endPoint.getIdleTimeout();
        this.deadlineNanos = System.nanoTime() + timeoutMillis * 1_000_000;
    }

    /** Up to {@code limit} bytes, fewer if the body ends first; 408 past the deadline or below the rate. */
    byte[] upTo(int limit) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        while (bytes.size() < limit) {
            int n = next(buffer, Math.min(buffer.length, limit - bytes.size()));
            if (n < 0) {
                break;
            }
            bytes.write(buffer, 0, n);
        }
        return bytes.toByteArray();
    }

    /**
     * Reads and drops up to {@code limit} more bytes, until the body ends, the deadline passes or the body comes too
     * slowly, so that a client which sends its whole body before it reads finds the answer rather than a reset.
     */
    void discard(long limit) {
        byte[] buffer = new byte[65536];
        try {
            for (long dropped = 0; dropped < limit; ) {
                int n = next(buffer, (int) Math.min(buffer.length, limit - dropped));
                if (n < 0) {
                    return;
                }
                dropped += n;
            }
        } catch (ApiException timedOut) {
            // the answer stays what it was going to be; the connection closes after it
        }
    }

    @Override
    public void close() {
        if (endPoint != null && endPoint.getIdleTimeout() != idleTimeout) {
            endPoint.setIdleTimeout(idleTimeout);
        }
    }

    private int next(byte[] buffer, int length) {
        long leftMillis = (deadlineNanos - System.nanoTime()) / 1_000_000;
        if (leftMillis <= 0) {
            throw timedOut();
        }
        if (endPoint != null) {
            endPoint.setIdleTimeout(idleTimeout > 0 ? Math.min(idleTimeout, leftMillis) : leftMillis);
        }
        try {
            return in.read(buffer, 0, length);
        } catch (BadMessageException e) { // Jetty's minimum data rate
            throw timedOut();
        } catch (IOException e) {
            if (System.nanoTime() >= deadlineNanos || causedByTimeout(e)) {
                throw timedOut();
            }
            throw new ApiException(400, "could not read the body: " + e.getMessage());
        }
    }

    private static boolean causedByTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static ApiException timedOut() {
        return new ApiException(408, "the body did not arrive in time: a body must arrive within "
                + RequestBodies.DEADLINE_MILLIS / 1000 + " s and at " + RequestBodies.MIN_BYTES_PER_SECOND
                + " bytes/s or faster");
    }
}
