package lab.reptile.server.lab;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.OptionalLong;

/**
 * How many runs each client (a remote address) may start per sliding window, e.g. 3 per hour. Not thread-safe: the
 * {@link Lab} calls it under its lock. Times are nanoseconds from one monotonic clock.
 */
final class ClientQuota {
    private final int limit;
    private final long windowNanos;
    private final Map<String, Deque<Long>> starts = new HashMap<>();

    ClientQuota(int limit, long windowNanos) {
        if (limit < 0 || windowNanos <= 0) {
            throw new IllegalArgumentException("quota needs limit >= 0 and a positive window, got " + limit + " per "
                    + windowNanos + " ns");
        }
        this.limit = limit;
        this.windowNanos = windowNanos;
    }

    /** Empty if {@code client} may start a run at {@code now}; otherwise the nanoseconds until it may. */
    OptionalLong waitFor(String client, long now) {
        forgetExpired(now);
        Deque<Long> times = starts.getOrDefault(client, new ArrayDeque<>()); // asking adds no client
        if (times.size() < limit) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(limit == 0 ? windowNanos : times.peekFirst() + windowNanos - now);
    }

    /** Counts a run that {@code client} started at {@code now}. */
    void record(String client, long now) {
        recent(client, now).addLast(now);
    }

    /** Takes back a start recorded at {@code at} that did not happen after all (its run could not be saved). */
    void forget(String client, long at) {
        Deque<Long> times = starts.get(client);
        if (times != null) {
            times.removeLastOccurrence(at);
        }
    }

    private Deque<Long> recent(String client, long now) {
        forgetExpired(now);
        return starts.computeIfAbsent(client, key -> new ArrayDeque<>());
    }

    /** Drops starts older than the window, and clients with none left, so the map stays bounded. */
    private void forgetExpired(long now) {
        for (Iterator<Deque<Long>> it = starts.values().iterator(); it.hasNext(); ) {
            Deque<Long> times = it.next();
            while (!times.isEmpty() && now - times.peekFirst() >= windowNanos) {
                times.removeFirst();
            }
            if (times.isEmpty()) {
                it.remove();
            }
        }
    }
}
