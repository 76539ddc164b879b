package lab.reptile.server.http;

import java.util.concurrent.atomic.AtomicReference;
import lab.reptile.server.snapshot.Snapshot;

/** The {@link CachedBody} of the latest snapshot of one source, made once per snapshot however many ask. */
final class LatestBody {
    private record Entry(Snapshot snapshot, CachedBody body) {
    }

    private final AtomicReference<Entry> latest = new AtomicReference<>();

    /** The body of {@code snapshot}; two threads may both prepare a new one, which is harmless. */
    CachedBody of(Snapshot snapshot) {
        Entry entry = latest.get();
        if (entry == null || entry.snapshot() != snapshot) {
            entry = new Entry(snapshot, CachedBody.of(snapshot.jsonCopy(), snapshot.etag()));
            latest.set(entry);
        }
        return entry.body();
    }
}
