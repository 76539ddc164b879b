package lab.reptile.server.lab;

import java.sql.SQLException;
import lab.reptile.server.store.Jdbc;
import lab.reptile.server.training.LearningCurve;

/** What runs take in the database at most, for admission: a run's estimate, and what all runs hold or may write. */
final class DiskEstimate {
    /** Parts beside the timeline of a snapshot's size: the latest weights, the checkpoint, the report, with room. */
    private static final int EXTRA_SNAPSHOT_SIZES = 3;
    /** The learning curve at its longest: ~50 bytes of JSON a point. */
    private static final long CURVE_BYTES = 64L * LearningCurve.MAX_POINTS;

    private DiskEstimate() {
    }

    /** Bytes a run of {@code spec} takes at most, from the size of a weights file and its timeline's length. */
    static long of(RunSpec spec, long snapshotBytes) {
        return snapshotBytes * (spec.timelinePlan().length + EXTRA_SNAPSHOT_SIZES) + CURVE_BYTES;
    }

    /**
     * Bytes stored now plus what the waiting, training and paused runs may still write (their estimates beyond what
     * they hold): what a new run's estimate is weighed against. Every run has the same net, so one weights file's
     * size serves for all.
     */
    static long committed(Jdbc.Tx tx, long snapshotBytes) throws SQLException {
        long used = RunStore.usedBytes(tx);
        long promised = 0;
        for (long[] run : tx.query("SELECT " + RunStore.LIGHT_COLUMNS + ", COALESCE(OCTET_LENGTH(r.latest), 0)"
                + " + COALESCE((SELECT SUM(OCTET_LENGTH(s.bytes)) FROM snapshots s WHERE s.run_id = r.id), 0)"
                + " + COALESCE((SELECT SUM(OCTET_LENGTH(c.bytes)) FROM checkpoints c WHERE c.run_id = r.id), 0)"
                + " AS stored FROM runs r", r -> {
                    RunState state = RunState.fromApiName(r.getString("state"));
                    if (state.ended()) {
                        return new long[] {0, 0};
                    }
                    RunStore.Row row = RunStore.row(r);
                    return new long[] {of(row.spec(), snapshotBytes), r.getLong("stored")};
                })) {
            promised += Math.max(0, run[0] - run[1]);
        }
        return used + promised;
    }
}
