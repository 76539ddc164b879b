package lab.reptile.server.lab;

import java.util.ArrayList;
import java.util.List;

/**
 * The meta-iterations at which a run keeps a timeline snapshot: 0, then the round numbers 1, 1.5, 2, 3, 5, 7.5 × 10^k
 * (roughly geometric, six a decade) from 1/200 of the run on, then the last meta-iteration. A run of at least
 * {@link #MIN_META_ITERATIONS} meta-iterations gets 12 to 64 snapshots whatever its length.
 */
public final class TimelinePlan {
    /** The fewest meta-iterations that still give 12 distinct snapshots. */
    public static final int MIN_META_ITERATIONS = 100;
    private static final double[] MANTISSAS = {1, 1.5, 2, 3, 5, 7.5};
    /** The first round number after 0 is at least this share of the run. */
    private static final double FIRST_SHARE = 1.0 / 200;

    private TimelinePlan() {
    }

    /** Ascending, distinct meta-iterations from 0 to {@code metaIterations} inclusive. */
    public static long[] of(long metaIterations) {
        if (metaIterations < 1) {
            throw new IllegalArgumentException("a run needs at least 1 meta-iteration, got " + metaIterations);
        }
        List<Long> plan = new ArrayList<>();
        plan.add(0L);
        double first = metaIterations * FIRST_SHARE;
        for (double decade = 1; decade < metaIterations; decade *= 10) {
            for (double mantissa : MANTISSAS) {
                long at = Math.round(mantissa * decade);
                if (at >= first && at < metaIterations && at > plan.get(plan.size() - 1)) {
                    plan.add(at);
                }
            }
        }
        plan.add(metaIterations);
        return plan.stream().mapToLong(Long::longValue).toArray();
    }
}
