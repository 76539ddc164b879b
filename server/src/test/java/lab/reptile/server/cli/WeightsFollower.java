package lab.reptile.server.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Follows one run's latest weights on several web replicas, and its row in the database, at the same time, as a
 * page would (conditional GETs with the last ETag): every version each one showed, and when it first showed it.
 */
final class WeightsFollower {
    private static final Pattern VERSION = Pattern.compile("\"version\"\\s*:\\s*(\\d+)");
    private static final long POLL_MILLIS = 20;

    private WeightsFollower() {
    }

    /** A version first shown at {@code nanos} (System.nanoTime), with its ETag and bytes (none for the database). */
    record Seen(long nanos, long version, String etag, byte[] body) {
    }

    /** What each replica (in the order given) and the database showed, until {@code endNanos}. */
    record Followed(List<List<Seen>> replicas, List<Seen> database, long endNanos) {
    }

    /** Follows run {@code id} on each of {@code replicaUrls} and in {@code lab}'s database for {@code window}. */
    static Followed follow(List<String> replicaUrls, String id, ScaleOutLab lab, Duration window) throws Exception {
        long end = System.nanoTime() + window.toNanos();
        ExecutorService threads = Executors.newFixedThreadPool(replicaUrls.size() + 1);
        try {
            List<Future<List<Seen>>> replicas = new ArrayList<>();
            for (String url : replicaUrls) {
                replicas.add(threads.submit(() -> replica(url + "api/runs/" + id + "/weights", end)));
            }
            Future<List<Seen>> database = threads.submit(database(lab, id, end));
            List<List<Seen>> seen = new ArrayList<>();
            for (Future<List<Seen>> replica : replicas) {
                seen.add(replica.get());
            }
            return new Followed(seen, database.get(), end);
        } finally {
            threads.shutdownNow();
        }
    }

    private static List<Seen> replica(String url, long end) throws Exception {
        List<Seen> seen = new ArrayList<>();
        String etag = null;
        while (System.nanoTime() < end) {
            LabHttp.Reply reply = etag == null ? LabHttp.get(url) : LabHttp.get(url, "If-None-Match", etag);
            long now = System.nanoTime();
            if (reply.status() == 200) {
                Matcher version = VERSION.matcher(reply.text());
                if (!version.find()) {
                    throw new AssertionError(url + " served weights without a version");
                }
                etag = reply.etag();
                seen.add(new Seen(now, Long.parseLong(version.group(1)), etag, reply.body()));
            } else if (reply.status() != 304) {
                throw new AssertionError(url + " answered " + reply.status() + ": " + reply.text());
            }
            Thread.sleep(POLL_MILLIS);
        }
        return seen;
    }

    private static Callable<List<Seen>> database(ScaleOutLab lab, String id, long end) {
        return () -> {
            List<Seen> seen = new ArrayList<>();
            while (System.nanoTime() < end) {
                long version = lab.metaIteration(id); // the served weights' version is their meta-iteration
                if (seen.isEmpty() || seen.get(seen.size() - 1).version() != version) {
                    seen.add(new Seen(System.nanoTime(), version, null, null));
                }
                Thread.sleep(POLL_MILLIS / 2);
            }
            return seen;
        };
    }

    /**
     * For each version {@code leader} showed after its first, how long {@code follower} took to show it or a newer
     * one, in ms (negative if the follower was first). A version the follower had not reached by {@code endNanos}
     * counts the time until then if that is long enough to matter (over {@code minMillis}), and is left out otherwise
     * (it came too late in the window to tell).
     */
    static List<Long> lagsMillis(List<Seen> leader, List<Seen> follower, long endNanos, long minMillis) {
        List<Long> lags = new ArrayList<>();
        for (Seen change : leader.subList(Math.min(1, leader.size()), leader.size())) {
            long reached = follower.stream().filter(s -> s.version() >= change.version()).findFirst()
                    .map(Seen::nanos).orElse(endNanos);
            long lag = (reached - change.nanos()) / 1_000_000;
            if (reached != endNanos || lag > minMillis) {
                lags.add(lag);
            }
        }
        return lags;
    }
}
