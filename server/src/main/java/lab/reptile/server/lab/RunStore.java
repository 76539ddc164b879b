package lab.reptile.server.lab;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import lab.reptile.model.ValidationPoint;
import lab.reptile.server.checkpoint.DamagedFileException;
import lab.reptile.server.checkpoint.SealedFiles;
import lab.reptile.server.snapshot.ContentEtag;
import lab.reptile.server.store.Jdbc;
import lab.reptile.server.training.ConfigJson;

/**
 * The runs in the database, as every process sees them: the catalogue's rows, a run's heavy parts (latest weights,
 * curve, report, timeline), snapshot bytes checked against their SHA-256, and the changes a web replica makes
 * (admission, pause, resume, delete, the default run). A worker's writes are {@link FencedWrites}.
 */
public final class RunStore {
    static final ObjectMapper MAPPER = new ObjectMapper();
    /** A worker not seen for this long is not live (it announces itself every second). */
    static final long WORKER_LIVE_MILLIS = 5_000;
    static final String LIGHT_COLUMNS = "id, generation, origin, created_at, config, state, problem, queue_at, worker,"
            + " kills, meta_iteration, tasks_done, tasks_per_second, change";

    private final Jdbc jdbc;

    public RunStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    Jdbc jdbc() {
        return jdbc;
    }

    /** A run's row without its heavy columns: what the catalogue reads every refresh. */
    record Row(RunSpec spec, RunState state, String problem, long queueAt, String worker, int kills,
               long metaIteration, long tasksDone, double tasksPerSecond, long change) {
    }

    /** A run's heavy parts, read when its row's change moved. */
    record Heavy(byte[] latest, List<ValidationPoint> curve, RunReport report, List<TimelineEntry> timeline) {
    }

    /** Every run's row, in queue order (the default run's reset puts it first). */
    List<Row> rows() {
        return jdbc.query("SELECT " + LIGHT_COLUMNS + " FROM runs ORDER BY queue_at, id", RunStore::row);
    }

    static Row row(ResultSet r) throws SQLException {
        RunId id = RunId.parse(r.getString("id"));
        Instant createdAt = r.getObject("created_at", OffsetDateTime.class).toInstant();
        RunSpec spec = new RunSpec(id, ConfigJson.read(readTree(r.getString("config"))),
                RunSpec.Origin.fromApiName(r.getString("origin")), createdAt, r.getString("generation"));
        return new Row(spec, RunState.fromApiName(r.getString("state")), r.getString("problem"), r.getLong("queue_at"),
                r.getString("worker"), r.getInt("kills"), r.getLong("meta_iteration"), r.getLong("tasks_done"),
                r.getDouble("tasks_per_second"), r.getLong("change"));
    }

    /** True if the database holds a run {@code id} (of any generation). */
    boolean exists(RunId id) {
        return jdbc.first("SELECT 1 FROM runs WHERE id = ?", r -> r.getInt(1), id.value()) != null;
    }

    /** The heavy parts of {@code spec}'s generation; null if the run or that generation is gone. */
    Heavy heavy(RunSpec spec) {
        return jdbc.inTransaction(tx -> {
            Heavy parts = tx.first("SELECT latest, curve, report FROM runs WHERE id = ? AND generation = ?",
                    r -> new Heavy(r.getBytes("latest"), curve(r.getString("curve")), report(r.getString("report")),
                            List.of()), spec.id().value(), spec.generation());
            if (parts == null) {
                return null;
            }
            List<TimelineEntry> timeline = tx.query("SELECT idx, meta_iteration, tasks_done, sha256, OCTET_LENGTH(bytes)"
                    + " AS size FROM snapshots WHERE run_id = ? AND generation = ? ORDER BY idx",
                    r -> new TimelineEntry(r.getInt("idx"), r.getLong("meta_iteration"), r.getLong("tasks_done"),
                            ContentEtag.ofSha256(r.getString("sha256")), r.getLong("size")),
                    spec.id().value(), spec.generation());
            return new Heavy(parts.latest(), parts.curve(), parts.report(), timeline);
        });
    }

    /**
     * The bytes of timeline snapshot {@code index} of {@code spec}'s generation, as written: NoSuchFileException if
     * there is none (reset or deleted), DamagedFileException if they no longer match their SHA-256.
     */
    public byte[] readSnapshot(RunSpec spec, int index) throws IOException {
        record Stored(byte[] bytes, String sha256) {
        }
        Stored stored = jdbc.first("SELECT bytes, sha256 FROM snapshots WHERE run_id = ? AND generation = ? AND idx = ?",
                r -> new Stored(r.getBytes("bytes"), r.getString("sha256")), spec.id().value(), spec.generation(),
                index);
        if (stored == null) {
            throw new NoSuchFileException("snapshot " + index + " of run " + spec.id() + " generation "
                    + spec.generation());
        }
        if (!SealedFiles.sha256(stored.bytes()).equals(stored.sha256())) {
            throw new DamagedFileException("snapshot " + index, "its bytes do not match their SHA-256");
        }
        return stored.bytes();
    }

    /** Workers seen in the last {@link #WORKER_LIVE_MILLIS} before {@code nowMillis}. */
    int liveWorkers(long nowMillis) {
        Integer live = jdbc.first("SELECT COUNT(*) FROM workers WHERE seen_at > ?", r -> r.getInt(1),
                nowMillis - WORKER_LIVE_MILLIS);
        return live == null ? 0 : live;
    }

    /** Announces worker {@code name} at {@code nowMillis}, and forgets workers gone for a minute. */
    void announceWorker(String name, int trainers, long nowMillis) {
        jdbc.inTransaction(tx -> {
            if (tx.update("UPDATE workers SET seen_at = ?, trainers = ? WHERE name = ?", nowMillis, trainers, name) == 0) {
                tx.update("INSERT INTO workers (name, seen_at, trainers) VALUES (?, ?, ?)", name, nowMillis, trainers);
            }
            return tx.update("DELETE FROM workers WHERE seen_at < ?", nowMillis - 60_000);
        });
    }

    /** Bytes the runs' weights, snapshots and checkpoints take in the database. */
    long usedBytes() {
        return jdbc.inTransaction(tx -> usedBytes(tx));
    }

    static long usedBytes(Jdbc.Tx tx) throws SQLException {
        return tx.first("SELECT (SELECT COALESCE(SUM(OCTET_LENGTH(bytes)), 0) FROM snapshots)"
                + " + (SELECT COALESCE(SUM(OCTET_LENGTH(bytes)), 0) FROM checkpoints)"
                + " + (SELECT COALESCE(SUM(OCTET_LENGTH(latest)), 0) FROM runs)", r -> r.getLong(1));
    }

    /** Inserts a run's row (state QUEUED unless given) in {@code tx}. */
    static void insert(Jdbc.Tx tx, RunSpec spec, String client, long queueAt, byte[] latest) throws SQLException {
        tx.update("INSERT INTO runs (id, generation, origin, client, created_at, config, state, queue_at, latest,"
                        + " curve) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", spec.id().value(), spec.generation(),
                spec.origin().apiName(), client, OffsetDateTime.ofInstant(spec.createdAt(), ZoneOffset.UTC),
                configText(spec), RunState.QUEUED.apiName(), queueAt, latest, "[]");
    }

    /** Deletes a run and everything of it but its visitor's quota starts, in {@code tx}. */
    static void delete(Jdbc.Tx tx, RunId id) throws SQLException {
        tx.update("DELETE FROM snapshots WHERE run_id = ?", id.value());
        tx.update("DELETE FROM checkpoints WHERE run_id = ?", id.value());
        tx.update("DELETE FROM runs WHERE id = ?", id.value());
    }

    /** Removes the oldest ended visitor runs beyond the {@code keep} newest (never the default run). */
    void evictEnded(int keep) {
        jdbc.inTransaction(tx -> {
            lockLab(tx);
            List<String> ended = tx.query("SELECT id FROM runs WHERE origin = ? AND state IN (?, ?, ?, ?)"
                    + " ORDER BY created_at DESC, queue_at DESC", r -> r.getString(1), RunSpec.Origin.VISITOR.apiName(),
                    RunState.FINISHED.apiName(), RunState.DIVERGED.apiName(), RunState.FAILED.apiName(),
                    RunState.CANCELLED.apiName());
            for (String id : ended.subList(Math.min(keep, ended.size()), ended.size())) {
                delete(tx, RunId.parse(id));
                org.slf4j.LoggerFactory.getLogger(RunStore.class).info("run {} removed: more than {} ended visitor"
                        + " runs", id, keep);
            }
            return null;
        });
    }

    /** Locks the lab's one lock row until {@code tx} ends: admissions and catalogue changes go one at a time. */
    static void lockLab(Jdbc.Tx tx) throws SQLException {
        tx.first("SELECT id FROM lab_lock WHERE id = 1 FOR UPDATE", r -> r.getInt(1));
    }

    static String configText(RunSpec spec) {
        try {
            return MAPPER.writeValueAsString(ConfigJson.write(MAPPER, spec.config()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String curveText(List<ValidationPoint> curve) {
        return RunJson.curve(MAPPER, curve).toString();
    }

    static String reportText(RunReport report) {
        return RunJson.report(MAPPER, report).toString();
    }

    private static List<ValidationPoint> curve(String text) {
        return text == null ? List.of() : RunJson.readCurve(readTree(text));
    }

    private static RunReport report(String text) {
        return text == null ? null : RunJson.readReport(readTree(text));
    }

    private static com.fasterxml.jackson.databind.JsonNode readTree(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException("stored JSON does not parse: " + e.getMessage(), e);
        }
    }
}
