package lab.reptile.server.http;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Prepared bodies of runs' weights and snapshots, most recently used kept, up to {@link #MAX_ENTRIES}; keyed by
 * their ETag, which is derived from the bytes, so a cached body can never be another one's.
 */
final class BodyCache {
    /** About 90 KB plain and 40 KB gzipped each: a few MB in all. */
    static final int MAX_ENTRIES = 64;

    /** Where a missing body's bytes come from (a file, a snapshot in memory). */
    @FunctionalInterface
    interface Source {
        byte[] bytes() throws IOException;
    }

    private final Map<String, CachedBody> bodies = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CachedBody> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    /** The body tagged {@code etag}, prepared from {@code source} if it is not kept. */
    CachedBody of(String etag, Source source) throws IOException {
        synchronized (bodies) {
            CachedBody body = bodies.get(etag);
            if (body != null) {
                return body;
            }
        }
        CachedBody body = CachedBody.of(source.bytes(), etag); // outside the lock: may read a file
        synchronized (bodies) {
            bodies.put(etag, body);
        }
        return body;
    }
}
