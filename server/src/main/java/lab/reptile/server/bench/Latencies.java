package lab.reptile.server.bench;

/** A latency histogram with 10 µs buckets up to 1 s (longer ones count in the last bucket), for percentiles. */
final class Latencies {
    private static final long BUCKET_NANOS = 10_000;
    private final long[] counts = new long[100_000];
    private long total;
    private long max;

    void add(long nanos) {
        counts[(int) Math.min(counts.length - 1, Math.max(0, nanos / BUCKET_NANOS))]++;
        total++;
        max = Math.max(max, nanos);
    }

    double maxMillis() {
        return max / 1e6;
    }

    /** The latency below which {@code fraction} of the samples fall, in milliseconds (bucket upper bound). */
    double percentileMillis(double fraction) {
        long rank = (long) Math.ceil(fraction * total);
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank && seen > 0) {
                return (i + 1) * BUCKET_NANOS / 1e6;
            }
        }
        return 0;
    }
}
