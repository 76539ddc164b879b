package lab.reptile.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import lab.reptile.server.checkpoint.Checkpoint;
import lab.reptile.server.checkpoint.CheckpointCodec;
import lab.reptile.server.store.Database;
import lab.reptile.server.store.Jdbc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded database (H2 in the data dir) as processes meet it: it serves one process, and a second one on the
 * same data dir exits with an error that names PostgreSQL; a commit is on disk when it returns, so a SIGKILL right
 * after loses nothing.
 */
class EmbeddedDatabaseIT {
    /** Commits the child makes before it is killed, mid-way through its next ones. */
    private static final int COMMITS = 50;

    @TempDir
    Path dir;

    @Test
    void aSecondProcessOnTheSameDataDirExitsWithAnErrorNamingPostgresql() throws Exception {
        Path dataDir = Files.createDirectory(dir.resolve("data"));
        Process first = ServerProcesses.start(dataDir, dir.resolve("first.log"), List.of("-Xmx384m"), "1");
        try {
            ServerProcesses.awaitUrl(first, dir.resolve("first.log"));
            Path secondLog = dir.resolve("second.log");
            Process second = ServerProcesses.start(dataDir, secondLog, List.of("-Xmx384m"), "1");
            assertTrue(second.waitFor(120, TimeUnit.SECONDS), "the second process exits");
            String log = Files.readString(secondLog);
            assertNotEquals(0, second.exitValue(), log);
            assertTrue(log.contains("is open in another process: embedded H2 serves one process only")
                    && log.contains("use PostgreSQL with --db jdbc:postgresql://"), log);
            assertTrue(first.isAlive(), "the first process serves on");
        } finally {
            first.destroyForcibly();
            first.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aCheckpointCommittedJustBeforeASigkillIsThereWhenTheDatabaseIsOpenedAgain() throws Exception {
        Path dataDir = Files.createDirectory(dir.resolve("data"));
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), CheckpointCommitter.class.getName(), dataDir.toString())
                .redirectError(dir.resolve("child.log").toFile()).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            do {
                line = out.readLine();
                assertNotNull(line, "the child exited: " + Files.readString(dir.resolve("child.log")));
            } while (!line.equals("committed " + COMMITS));
        } finally {
            child.destroyForcibly(); // SIGKILL while it commits the next ones
            child.waitFor(30, TimeUnit.SECONDS);
        }
        try (Database database = Database.open(Database.embeddedUrl(dataDir), null, null)) {
            byte[] bytes = new Jdbc(database.dataSource()).first("SELECT bytes FROM checkpoints WHERE run_id = ?",
                    r -> r.getBytes(1), "default");
            assertNotNull(bytes, "the checkpoint is there");
            Checkpoint stored = CheckpointCodec.decode(bytes); // whole: its own SHA-256 verifies
            assertTrue(stored.metaIteration() >= COMMITS, "at least the last one printed: " + stored);
            assertEquals(CheckpointCommitter.checkpoint(stored.metaIteration()), stored);
        }
    }
}
