package lab.reptile.server.lab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import lab.reptile.server.checkpoint.Checkpoint;
import lab.reptile.server.checkpoint.CheckpointCodec;
import lab.reptile.server.snapshot.ContentEtag;
import lab.reptile.server.snapshot.Snapshot;
import lab.reptile.server.store.Database;
import lab.reptile.server.store.Jdbc;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Main's file store imported into an empty database once: every run as its files held it, and nothing twice. */
class FileImportTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;
    private Database database;

    @AfterEach
    void close() {
        if (database != null) {
            database.close();
        }
    }

    private FileImport.Outcome importFiles() {
        if (database == null) {
            database = Database.open(Database.embeddedUrl(dir), null, null);
        }
        return FileImport.importOnce(database, dir, ImportFixtures.smallReporter());
    }

    @Test
    void everyRunKeepsItsSpecStateCurveReportCheckpointAndSnapshotBytes() throws Exception {
        ImportFixtures.copy(ImportFixtures.MAIN, dir);
        Map<String, String> before = ImportFixtures.digests(dir.resolve("runs"));
        assertEquals(FileImport.Outcome.IMPORTED, importFiles());
        assertFalse(Files.exists(dir.resolve("runs")), "marked as imported");
        Path files = ImportFixtures.renamed(dir, "runs.imported-");
        assertEquals(before, ImportFixtures.digests(files), "the files are kept as they were");

        RunStore store = new RunStore(new Jdbc(database.dataSource()));
        List<RunStore.Row> rows = store.rows();
        assertEquals(List.of("default", ImportFixtures.VISITOR),
                rows.stream().map(r -> r.spec().id().value()).toList(), "every run, the default first");
        for (RunStore.Row row : rows) {
            Path run = files.resolve(row.spec().id().value());
            RunJson.StoredState state = RunJson.readRunFile(MAPPER.readTree(
                    ImportFixtures.content(run.resolve("run.json"))));
            RunSpec expected = state.spec();
            assertEquals(expected.generation(), row.spec().generation(), "its snapshot URLs stay the same");
            assertEquals(expected.config(), row.spec().config());
            assertEquals(expected.origin(), row.spec().origin());
            assertTrue(Duration.between(expected.createdAt(), row.spec().createdAt()).abs().toNanos() < 1_000,
                    "to the database's microsecond: " + row.spec().createdAt());
            assertEquals(state.state(), row.state());
            assertNull(row.problem());

            RunStore.Heavy heavy = store.heavy(row.spec());
            assertEquals(RunJson.readCurve(MAPPER.readTree(ImportFixtures.content(run.resolve("curve.json")))),
                    heavy.curve());
            Path report = run.resolve("report.json");
            assertEquals(Files.exists(report) ? RunJson.readReport(MAPPER.readTree(ImportFixtures.content(report)))
                    : null, heavy.report());
            long[] plan = row.spec().timelinePlan();
            try (var snapshots = Files.list(run.resolve("snapshots"))) {
                assertEquals(snapshots.count(), heavy.timeline().size());
            }
            for (TimelineEntry entry : heavy.timeline()) {
                byte[] bytes = ImportFixtures.content(run.resolve(FileRunReader.snapshotFile(entry.index())));
                assertArrayEquals(bytes, store.readSnapshot(row.spec(), entry.index()), "snapshot " + entry.index());
                assertEquals(ContentEtag.of(bytes), entry.etag(), "the ETag of snapshot " + entry.index());
                assertEquals(plan[entry.index()], entry.metaIteration());
            }

            Checkpoint checkpoint = CheckpointCodec.decode(Files.readAllBytes(run.resolve("checkpoint.json")));
            assertEquals(checkpoint, storedCheckpoint(row.spec()), "the newest checkpoint");
            Snapshot latest = Snapshot.of(checkpoint.metaIteration(), checkpoint.metaIteration(),
                    checkpoint.tasksDone(), checkpoint.weights());
            assertArrayEquals(latest.jsonCopy(), heavy.latest(), "the latest weights are the checkpoint's");
            assertEquals(checkpoint.metaIteration(), row.metaIteration());
        }
        RunStore.Row finished = rows.get(0);
        assertArrayEquals(ImportFixtures.content(files.resolve("default/snapshots/12.json")),
                store.heavy(finished.spec()).latest(), "a finished run's latest weights are its final snapshot");
        assertEquals(RunState.QUEUED, rows.get(1).state(), "the interrupted run waits to resume");
    }

    @Test
    void aSecondStartImportsNothingAndADatabaseWithRunsIsNotImportedInto() throws Exception {
        ImportFixtures.copy(ImportFixtures.MAIN, dir);
        assertEquals(FileImport.Outcome.IMPORTED, importFiles());
        RunStore store = new RunStore(new Jdbc(database.dataSource()));
        List<RunStore.Row> imported = store.rows();
        database.close();
        database = null;

        assertEquals(FileImport.Outcome.NOTHING_TO_IMPORT, importFiles(), "the next start");
        ImportFixtures.copy(ImportFixtures.MAIN, dir); // the files back, or a rename that had failed
        Map<String, String> files = ImportFixtures.digests(dir.resolve("runs"));
        assertEquals(FileImport.Outcome.DATABASE_NOT_EMPTY, importFiles());
        assertEquals(imported, new RunStore(new Jdbc(database.dataSource())).rows(), "nothing imported again");
        assertEquals(files, ImportFixtures.digests(dir.resolve("runs")), "the files are left where they are");
    }

    @Test
    void aFailedImportChangesNothingAndSaysWhatIsWrong() throws Exception {
        ImportFixtures.copy(ImportFixtures.MAIN, dir);
        Path unreadable = dir.resolve("runs").resolve(ImportFixtures.VISITOR).resolve("snapshots/05.json");
        Files.delete(unreadable);
        Files.createDirectory(unreadable); // reading it is an I/O error, not damage
        Map<String, String> before = ImportFixtures.digests(dir.resolve("runs"));

        IllegalStateException failure = assertThrows(IllegalStateException.class, this::importFiles);
        assertTrue(failure.getMessage().startsWith("cannot import the old release's files in " + dir + " into the"
                + " database (java.io.IOException: Is a directory"), failure.getMessage());
        assertTrue(failure.getMessage().endsWith("nothing was imported and the files are as they were; fix this, or"
                + " move them out of the data dir to start without them"), failure.getMessage());
        assertEquals(List.of(), new RunStore(new Jdbc(database.dataSource())).rows(), "not one run of the two");
        assertEquals(before, ImportFixtures.digests(dir.resolve("runs")), "not renamed, not changed");
    }

    @Test
    void aDataDirWithoutOldFilesHasNothingToImport() throws Exception {
        assertEquals(FileImport.Outcome.NOTHING_TO_IMPORT, importFiles());
        assertEquals(List.of(), new RunStore(new Jdbc(database.dataSource())).rows());
    }

    private Checkpoint storedCheckpoint(RunSpec spec) {
        byte[] bytes = new Jdbc(database.dataSource()).first("SELECT bytes FROM checkpoints WHERE run_id = ? AND"
                + " generation = ?", r -> r.getBytes(1), spec.id().value(), spec.generation());
        return CheckpointCodec.decode(bytes);
    }
}
