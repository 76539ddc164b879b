package lab.reptile.server.http;

import lab.reptile.server.snapshot.Snapshot;

/**
 * The {@link CachedBody} of the latest snapshot of one source, made once per snapshot however many ask at once.
 * Gzipping a snapshot costs about 5 ms of CPU; while a run trains it publishes 5 snapshots a second, and each publish
 * meets a burst of concurrent requests: when each of them gzipped its own copy, the bursts took both cores and
 * starved training (issue 13's load figures).
 */
final class LatestBody {
    private record Entry(Snapshot snapshot, CachedBody body) {
    }

    private volatile Entry latest;
    private Entry previous; // guarded by this: a request that read the snapshot just before a publish still hits

    /** The body of {@code snapshot}: the first thread to ask prepares it, the others wait for that one. */
    CachedBody of(Snapshot snapshot) {
        Entry entry = latest;
        if (entry != null && entry.snapshot() == snapshot) {
            return entry.body();
        }
        synchronized (this) {
            entry = latest;
            if (entry != null && entry.snapshot() == snapshot) {
                return entry.body();
            }
            if (previous != null && previous.snapshot() == snapshot) {
                return previous.body();
            }
            Entry made = new Entry(snapshot, CachedBody.of(snapshot.jsonCopy(), snapshot.etag()));
            previous = entry;
            latest = made;
            return made.body();
        }
    }
}
