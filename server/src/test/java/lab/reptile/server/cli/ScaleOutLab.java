package lab.reptile.server.cli;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import lab.reptile.server.checkpoint.CheckpointCodec;
import lab.reptile.server.store.PostgresCluster;

/**
 * The many-machine setup as real processes on one machine: a throwaway PostgreSQL, two web replicas ({@code r1},
 * {@code r2}) and two workers ({@code w1}, {@code w2}) over it, and what a test reads from the database directly
 * (a run's worker, progress and checkpoint).
 */
final class ScaleOutLab implements AutoCloseable {
    static final String ADMIN_TOKEN = "scale-out-admin-token";

    private final PostgresCluster postgres;
    private final List<LabProcess> web = new ArrayList<>();
    private final List<LabProcess> workers = new ArrayList<>();
    private Connection connection; // the test's own, opened again after an outage

    /** Starts PostgreSQL in {@code dir} and defines (does not start) the replicas and workers with their flags. */
    ScaleOutLab(Path dir, List<String> webFlags, List<String> workerFlags) throws Exception {
        postgres = PostgresCluster.start(dir);
        List<String> db = List.of("--db", postgres.jdbcUrl(), "--db-user", postgres.user());
        for (String name : List.of("r1", "r2")) {
            web.add(new LabProcess(name, false, dir, flags(db, List.of("--role", "web"), webFlags)));
        }
        for (String name : List.of("w1", "w2")) {
            workers.add(new LabProcess(name, true, dir,
                    flags(db, List.of("--role", "worker", "--worker-name", name), workerFlags)));
        }
    }

    private static String[] flags(List<String> db, List<String> role, List<String> own) {
        return Stream.of(db, role, own).flatMap(List::stream).toArray(String[]::new);
    }

    PostgresCluster postgres() {
        return postgres;
    }

    List<LabProcess> web() {
        return web;
    }

    List<LabProcess> workers() {
        return workers;
    }

    LabProcess worker(String name) {
        return workers.stream().filter(w -> w.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no worker " + name));
    }

    LabProcess otherWorker(LabProcess worker) {
        return workers.stream().filter(w -> w != worker).findFirst().orElseThrow();
    }

    /** Starts every process at once (JVMs are slow to start on 2 cores), then waits until each is up. */
    static void startAll(List<LabProcess> processes) throws Exception {
        for (LabProcess process : processes) {
            process.start();
        }
        for (LabProcess process : processes) {
            process.awaitUp();
        }
    }

    /** A run's row as the workers left it. */
    record RunRow(String state, String worker, int kills, long tasksDone) {
    }

    RunRow row(String id) throws SQLException {
        return query("SELECT state, worker, kills, tasks_done FROM runs WHERE id = ?",
                r -> new RunRow(r.getString(1), r.getString(2), r.getInt(3), r.getLong(4)), id);
    }

    /** The meta-iteration of the run's latest weights as stored (their version). */
    long metaIteration(String id) throws SQLException {
        return query("SELECT meta_iteration FROM runs WHERE id = ?", r -> r.getLong(1), id);
    }

    /** The tasks done at the run's stored checkpoint, or -1 if it has none yet. */
    long checkpointTasks(String id) throws SQLException {
        byte[] bytes = query("SELECT bytes FROM checkpoints WHERE run_id = ?", r -> r.getBytes(1), id);
        return bytes == null ? -1 : CheckpointCodec.decode(bytes).tasksDone();
    }

    /** Runs that some worker is training now. */
    long running() throws SQLException {
        return query("SELECT COUNT(*) FROM runs WHERE state = 'running'", r -> r.getLong(1));
    }

    /** Reads what a test wants from a result's row. */
    @FunctionalInterface
    interface Row<T> {
        T read(ResultSet row) throws SQLException;
    }

    /** {@code row} of the first row of {@code sql}'s result, or null if it has none. */
    private synchronized <T> T query(String sql, Row<T> row, Object... params) throws SQLException {
        try {
            return queryOnce(sql, row, params);
        } catch (SQLException e) { // a connection cut by an outage: once more on a new one
            if (connection != null) {
                connection.close();
                connection = null;
            }
            return queryOnce(sql, row, params);
        }
    }

    private <T> T queryOnce(String sql, Row<T> row, Object... params) throws SQLException {
        if (connection == null) {
            connection = DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), "");
        }
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            try (ResultSet result = statement.executeQuery()) {
                return result.next() ? row.read(result) : null;
            }
        }
    }

    /** SIGKILLs whatever still runs, then removes the database. */
    @Override
    public void close() throws Exception {
        for (LabProcess process : Stream.concat(web.stream(), workers.stream()).toList()) {
            if (process.isAlive()) {
                process.kill();
            }
        }
        if (connection != null) {
            connection.close();
        }
        postgres.close();
    }
}
