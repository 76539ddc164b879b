package lab.reptile.server.lab;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import lab.reptile.model.ValidationPoint;
import lab.reptile.server.checkpoint.Checkpoint;
import lab.reptile.server.checkpoint.CheckpointCodec;
import lab.reptile.server.checkpoint.SealedFiles;
import lab.reptile.server.store.Jdbc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the worker training one run writes, each write fenced by its claim: jobs are at-least-once, so a worker
 * declared dead may still run, and its writes must change nothing once another execution has claimed the run (a
 * {@link FencedOut} instead). A claim takes the run's fence one higher (a new db-scheduler execution of the same
 * instance starts its version at 1 again, so the version alone is not monotonic); every write first updates the
 * run's row {@code WHERE fence = ?}, which also locks it until the write's transaction ends.
 */
final class FencedWrites {
    /** A run that has lost its worker this many times ends as failed instead of being revived for ever. */
    static final int MAX_KILLS = 3;
    private static final Logger LOG = LoggerFactory.getLogger(FencedWrites.class);

    private final Jdbc jdbc;
    private final RunSpec spec;
    private final long fence;

    private FencedWrites(Jdbc jdbc, RunSpec spec, long fence) {
        this.jdbc = jdbc;
        this.spec = spec;
        this.fence = fence;
    }

    /** A run's row as a worker claims it. */
    record Claim(FencedWrites writes, RunStore.Row row) {
    }

    /**
     * Claims {@code id}'s generation for {@code worker}'s execution of version {@code execution}: empty if that
     * generation is gone, has ended or is paused. A run whose previous worker never released it (killed, or cut off
     * and declared dead) counts a kill; at {@link #MAX_KILLS} it ends as failed, and the claim is empty.
     */
    static Optional<Claim> claim(Jdbc jdbc, RunId id, String generation, long execution, String worker) {
        return Optional.ofNullable(jdbc.inTransaction(tx -> {
            record Held(RunStore.Row row, long fence) {
            }
            Held held = tx.first("SELECT " + RunStore.LIGHT_COLUMNS + ", fence FROM runs WHERE id = ?"
                    + " AND generation = ? FOR UPDATE", r -> new Held(RunStore.row(r), r.getLong("fence")),
                    id.value(), generation);
            RunStore.Row row = held == null ? null : held.row();
            if (row == null || !(row.state() == RunState.QUEUED || row.state() == RunState.RUNNING)) {
                return null;
            }
            long fence = held.fence() + 1;
            int kills = row.kills() + (row.worker() != null ? 1 : 0);
            if (kills >= MAX_KILLS) {
                String problem = "it stopped its worker " + kills + " times (killed or lost), the most allowed";
                tx.update("UPDATE runs SET state = ?, problem = ?, kills = ?, worker = NULL, fence = ?,"
                        + " change = change + 1 WHERE id = ?", RunState.FAILED.apiName(), problem, kills, fence,
                        id.value());
                LOG.warn("run {}: {}; it ends as failed", id, problem);
                return null;
            }
            tx.update("UPDATE runs SET state = ?, worker = ?, kills = ?, fence = ?, change = change + 1"
                    + " WHERE id = ?", RunState.RUNNING.apiName(), worker, kills, fence, id.value());
            LOG.info("run {}: claimed by {} (execution version {}, fence {}{})", id, worker, execution, fence,
                    kills > row.kills() ? ", after its previous worker was lost" : "");
            return new Claim(new FencedWrites(jdbc, row.spec(), fence), row);
        }));
    }

    RunSpec spec() {
        return spec;
    }

    /** The newest checkpoint of this generation that verifies, if any. */
    Optional<Checkpoint> checkpoint() {
        byte[] bytes = jdbc.first("SELECT bytes FROM checkpoints WHERE run_id = ? AND generation = ?",
                r -> r.getBytes(1), spec.id().value(), spec.generation());
        if (bytes == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(CheckpointCodec.decode(bytes));
        } catch (IllegalArgumentException e) {
            LOG.warn("run {}: its checkpoint is damaged ({}); training from the start", spec.id(), e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Publishes progress and the latest weights (as served); returns the control a web replica asked for
     * ({@code pause}, {@code cancel}) or null.
     */
    String progress(long metaIteration, long tasksDone, double tasksPerSecond, byte[] latest) {
        return jdbc.inTransaction(tx -> {
            fenced(tx, "meta_iteration = ?, tasks_done = ?, tasks_per_second = ?, latest = ?", metaIteration,
                    tasksDone, tasksPerSecond, latest);
            return tx.first("SELECT control FROM runs WHERE id = ?", r -> r.getString(1), spec.id().value());
        });
    }

    /** Keeps timeline snapshot {@code index} (its bytes never change) and returns its entry. */
    TimelineEntry snapshot(int index, long metaIteration, byte[] json) {
        TimelineEntry entry = new TimelineEntry(index, metaIteration, metaIteration * spec.config().metaBatchSize(),
                lab.reptile.server.snapshot.ContentEtag.of(json), json.length);
        jdbc.inTransaction(tx -> {
            fenced(tx, "");
            tx.update("DELETE FROM snapshots WHERE run_id = ? AND generation = ? AND idx = ?", spec.id().value(),
                    spec.generation(), index); // made again, bit for bit, after a resume from an older checkpoint
            return tx.update("INSERT INTO snapshots (run_id, generation, idx, meta_iteration, tasks_done, bytes,"
                    + " sha256) VALUES (?, ?, ?, ?, ?, ?, ?)", spec.id().value(), spec.generation(), index,
                    metaIteration, entry.tasksDone(), json, SealedFiles.sha256(json));
        });
        return entry;
    }

    /** Saves the learner's resumable state with the learning curve up to it, in one transaction. */
    void checkpoint(Checkpoint checkpoint, List<ValidationPoint> curve) {
        byte[] bytes = CheckpointCodec.encode(checkpoint);
        jdbc.inTransaction(tx -> {
            fenced(tx, "curve = ?", RunStore.curveText(curve));
            if (tx.update("UPDATE checkpoints SET generation = ?, bytes = ? WHERE run_id = ?", spec.generation(),
                    bytes, spec.id().value()) == 0) {
                tx.update("INSERT INTO checkpoints (run_id, generation, bytes) VALUES (?, ?, ?)", spec.id().value(),
                        spec.generation(), bytes);
            }
            return null;
        });
        LOG.debug("run {}: checkpoint committed at {} tasks", spec.id(), checkpoint.tasksDone());
    }

    /** Ends this stretch of training in {@code state} (QUEUED: handed back to the queue), releasing the run. */
    void release(RunState state, String problem, RunReport report) {
        jdbc.inTransaction(tx -> fenced(tx, "state = ?, problem = ?, worker = NULL, control = NULL"
                        + (report == null ? "" : ", report = ?"),
                report == null ? new Object[] {state.apiName(), problem}
                        : new Object[] {state.apiName(), problem, RunStore.reportText(report)}));
    }

    /** Updates this run's row by {@code assignments}, only while this execution holds it. */
    private int fenced(Jdbc.Tx tx, String assignments, Object... values) throws SQLException {
        Object[] params = new Object[values.length + 3];
        System.arraycopy(values, 0, params, 0, values.length);
        params[values.length] = spec.id().value();
        params[values.length + 1] = spec.generation();
        params[values.length + 2] = fence;
        String set = assignments.isEmpty() ? "" : assignments + ", ";
        int updated = tx.update("UPDATE runs SET " + set + "change = change + 1 WHERE id = ? AND"
                + " generation = ? AND fence = ?", params);
        if (updated == 0) {
            throw new FencedOut(spec.id(), fence);
        }
        return updated;
    }
}
