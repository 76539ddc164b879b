package lab.reptile.server.lab;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import lab.reptile.model.ValidationPoint;
import lab.reptile.server.checkpoint.Checkpoint;
import lab.reptile.server.checkpoint.CheckpointCodec;
import lab.reptile.server.checkpoint.SealedFiles;
import lab.reptile.server.snapshot.Snapshot;
import lab.reptile.server.store.Jdbc;

/**
 * One run read from an older release's files, as {@link FileImport} puts it into the database: its row, its
 * timeline, its newest checkpoint that verifies and its parts.
 *
 * @param queueAt  epoch milliseconds: its place in the queue (the default run's 0 puts it first, as before)
 * @param latest   the newest weights on disk, served as the run's latest
 * @param timeline every timeline snapshot up to the last one found, in index order, none left out: the page and a
 *                 resumed trainer find snapshot i at position i
 */
record ImportedRun(RunSpec spec, RunState state, String problem, long queueAt, Snapshot latest, List<Kept> timeline,
                   List<ValidationPoint> curve, RunReport report, Optional<Checkpoint> checkpoint) {
    /**
     * The digest stored for a snapshot that is not served: SHA-256 gives it to no bytes, so every read of the row
     * finds its bytes damaged (410, as main answered for a damaged snapshot file), while it keeps its place.
     */
    static final String NOT_SERVED = "0".repeat(64);

    /**
     * A timeline snapshot.
     *
     * @param bytes the weights file exactly as the old release served it (its ETag follows from them), or null if
     *              its file was damaged or the release never kept it
     */
    record Kept(int index, long metaIteration, byte[] bytes) {
    }

    /** Inserts the run, its snapshots and its checkpoint in {@code tx}. */
    void insert(Jdbc.Tx tx) throws SQLException {
        RunStore.insert(tx, spec, null, queueAt, latest.jsonCopy());
        tx.update("UPDATE runs SET state = ?, problem = ?, meta_iteration = ?, tasks_done = ?, curve = ?, report = ?"
                        + " WHERE id = ?", state.apiName(), problem, latest.metaIteration(), latest.tasksDone(),
                RunStore.curveText(curve), report == null ? null : RunStore.reportText(report), spec.id().value());
        for (Kept kept : timeline) {
            byte[] bytes = kept.bytes() == null ? new byte[0] : kept.bytes();
            tx.update("INSERT INTO snapshots (run_id, generation, idx, meta_iteration, tasks_done, bytes, sha256)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?)", spec.id().value(), spec.generation(), kept.index(),
                    kept.metaIteration(), kept.metaIteration() * spec.config().metaBatchSize(), bytes,
                    kept.bytes() == null ? NOT_SERVED : SealedFiles.sha256(bytes));
        }
        if (checkpoint.isPresent()) {
            tx.update("INSERT INTO checkpoints (run_id, generation, bytes) VALUES (?, ?, ?)", spec.id().value(),
                    spec.generation(), CheckpointCodec.encode(checkpoint.get()));
        }
    }
}
