package lab.reptile.server.http;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Prepared bodies of runs' weights and snapshots, most recently used kept, up to {@link #MAX_ENTRIES}; keyed by
 * their ETag, which is derived from the bytes, so a cached body can never be another one's. Each body is prepared
 * once however many requests ask for it at the same moment: the first prepares it (reading a file and gzipping cost
 * milliseconds), the others wait for it; a failure is given to them all and not kept.
 */
final class BodyCache {
    /** About 90 KB plain and 40 KB gzipped each: a few MB in all. */
    static final int MAX_ENTRIES = 64;

    /** Where a missing body's bytes come from (a file, a snapshot in memory). */
    @FunctionalInterface
    interface Source {
        byte[] bytes() throws IOException;
    }

    private final Map<String, FutureTask<CachedBody>> bodies = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, FutureTask<CachedBody>> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    /** The body tagged {@code etag}, prepared from {@code source} if it is not kept. */
    CachedBody of(String etag, Source source) throws IOException {
        FutureTask<CachedBody> task;
        boolean prepareHere = false;
        synchronized (bodies) {
            task = bodies.get(etag);
            if (task == null) {
                task = new FutureTask<>(() -> CachedBody.of(source.bytes(), etag));
                bodies.put(etag, task);
                prepareHere = true;
            }
        }
        if (prepareHere) {
            task.run(); // outside the lock: may read a file
        }
        try {
            return task.get();
        } catch (ExecutionException e) {
            synchronized (bodies) {
                bodies.remove(etag, task);
            }
            throw rethrown(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while another request prepared this body", e);
        }
    }

    private static IOException rethrown(Throwable cause) {
        if (cause instanceof IOException io) {
            return io;
        }
        if (cause instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new IOException(cause);
    }
}
