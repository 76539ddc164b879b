package lab.reptile.server.http;

import java.util.Objects;
import java.util.function.Supplier;
import lab.reptile.server.snapshot.ContentEtag;
import lab.reptile.server.snapshot.Snapshot;

/**
 * The {@link CachedBody} of the latest state of one source (a snapshot, a run's JSON), made once per state however
 * many ask at once. Gzipping a snapshot costs about 5 ms of CPU; while a run trains it publishes 5 snapshots a second,
 * and each publish meets a burst of concurrent requests: when each of them gzipped its own copy, the bursts took both
 * cores and starved training (issue 13's load figures). A run's JSON is smaller, but 2,000 followers a second that
 * each serialised and gzipped their own copy took 60 % of the training rate (issue 21).
 */
final class LatestBody {
    private record Entry(Object state, CachedBody body) {
    }

    private volatile Entry latest;
    private Entry previous; // guarded by this: a request that read the state just before a publish still hits

    /** The body of {@code snapshot}: its bytes and its tag. */
    CachedBody of(Snapshot snapshot) {
        return of(snapshot, () -> CachedBody.of(snapshot.jsonCopy(), snapshot.etag()));
    }

    /**
     * The JSON body of {@code state}, tagged from its bytes: {@code json} makes them only when no kept state equals
     * this one, so {@code state} must hold everything the bytes are made of, and equal states must give equal bytes.
     */
    CachedBody ofJson(Object state, Supplier<byte[]> json) {
        return of(state, () -> {
            byte[] bytes = json.get();
            return CachedBody.of(bytes, ContentEtag.of(bytes));
        });
    }

    /** The first thread to ask for a state's body prepares it, the others wait for that one. */
    private CachedBody of(Object state, Supplier<CachedBody> prepare) {
        Entry entry = latest;
        if (entry != null && Objects.equals(entry.state(), state)) {
            return entry.body();
        }
        synchronized (this) {
            entry = latest;
            if (entry != null && Objects.equals(entry.state(), state)) {
                return entry.body();
            }
            if (previous != null && Objects.equals(previous.state(), state)) {
                return previous.body();
            }
            Entry made = new Entry(state, prepare.get());
            previous = entry;
            latest = made;
            return made.body();
        }
    }
}
