package lab.reptile.server.lab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import lab.reptile.jackson.JacksonTree;
import lab.reptile.model.Params;
import lab.reptile.model.ValidationPoint;
import lab.reptile.model.WeightsJson;
import lab.reptile.server.checkpoint.CheckpointCodec;
import lab.reptile.server.checkpoint.DamagedFileException;
import lab.reptile.server.snapshot.ContentEtag;
import lab.reptile.server.store.Database;
import lab.reptile.server.store.Jdbc;
import lab.reptile.server.training.LearningCurve;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged files in a copy of main's data dir are handled as main handled them (issue 20, point 8): reported, a
 * curve measured again, a lost report evaluated again, damaged snapshots kept in place but never served, a run
 * file rebuilt from the checkpoint, and a run with neither skipped.
 */
class FileImportDamageTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;
    private Database database;
    private RunStore store;

    @AfterEach
    void close() {
        if (database != null) {
            database.close();
        }
    }

    private Path run(String id) {
        return dir.resolve("runs").resolve(id);
    }

    private void importFiles(java.util.function.Function<Params, RunReport> reporter) {
        database = Database.open(Database.embeddedUrl(dir), null, null);
        store = new RunStore(new Jdbc(database.dataSource()));
        assertEquals(FileImport.Outcome.IMPORTED, FileImport.importOnce(database, dir, reporter));
    }

    @Test
    void aDamagedCurveIsMeasuredAgainALostReportEvaluatedAgainAndADamagedSnapshotNotServed() throws Exception {
        ImportFixtures.copy(ImportFixtures.MAIN, dir);
        Path files = ImportFixtures.copy(ImportFixtures.MAIN, dir.resolve("original")).resolve("runs");
        flipADigit(run("default").resolve("snapshots/03.json"));
        Path curve = run("default").resolve("curve.json");
        Files.write(curve, Arrays.copyOf(Files.readAllBytes(curve), 120)); // cut off
        Files.delete(run("default").resolve("report.json"));
        flipADigit(run(ImportFixtures.VISITOR).resolve("checkpoint.json"));
        importFiles(LabOptions.standardReporter()); // the report's own 500 tasks, so it comes out as it was

        RunStore.Row row = store.rows().get(0);
        assertEquals("timeline snapshots [3] are damaged on disk and not served", row.problem());
        RunStore.Heavy heavy = store.heavy(row.spec());
        assertEquals(13, heavy.timeline().size(), "the damaged snapshot keeps its place");
        assertEquals(0, heavy.timeline().get(3).sizeBytes());
        assertThrows(DamagedFileException.class, () -> store.readSnapshot(row.spec(), 3));
        List<ValidationPoint> measured = new ArrayList<>();
        for (TimelineEntry entry : heavy.timeline()) {
            if (entry.index() != 3) {
                byte[] bytes = ImportFixtures.content(files.resolve("default").resolve(FileRunReader.snapshotFile(
                        entry.index())));
                assertArrayEquals(bytes, store.readSnapshot(row.spec(), entry.index()));
                measured.add(LearningCurve.measure(weights(bytes), entry.tasksDone()));
            }
        }
        assertEquals(measured, heavy.curve(), "the curve measured at the 12 readable snapshots");
        assertEquals(RunJson.readReport(MAPPER.readTree(ImportFixtures.content(files.resolve("default/report.json")))),
                heavy.report(), "the report evaluated again from the final weights is the one lost");

        RunStore.Row visitor = store.rows().get(1);
        assertNull(visitor.problem());
        byte[] checkpoint = new Jdbc(database.dataSource()).first("SELECT bytes FROM checkpoints WHERE run_id = ?",
                r -> r.getBytes(1), ImportFixtures.VISITOR);
        assertEquals(CheckpointCodec.decode(Files.readAllBytes(files.resolve(ImportFixtures.VISITOR)
                .resolve("checkpoint.prev.json"))), CheckpointCodec.decode(checkpoint), "the newest that verifies");
        assertArrayEquals(ImportFixtures.content(files.resolve(ImportFixtures.VISITOR).resolve("snapshots/11.json")),
                store.heavy(visitor.spec()).latest(), "the newest snapshot is further on than that checkpoint");
        assertEquals(5_000, visitor.metaIteration());
    }

    @Test
    void aDamagedRunFileIsRebuiltFromTheCheckpointAndARunWithNeitherIsSkipped() throws Exception {
        ImportFixtures.copy(ImportFixtures.MAIN, dir);
        Path runFile = run("default").resolve("run.json");
        RunSpec before = RunJson.readRunFile(MAPPER.readTree(ImportFixtures.content(runFile))).spec();
        Files.write(runFile, Arrays.copyOf(Files.readAllBytes(runFile), 200));
        Files.delete(run(ImportFixtures.VISITOR).resolve("run.json"));
        flipADigit(run(ImportFixtures.VISITOR).resolve("checkpoint.json"));
        flipADigit(run(ImportFixtures.VISITOR).resolve("checkpoint.prev.json"));
        importFiles(ImportFixtures.smallReporter());

        List<RunStore.Row> rows = store.rows();
        assertEquals(1, rows.size(), "the visitor run has nothing to be imported from");
        RunStore.Row row = rows.get(0);
        assertEquals(before.config(), row.spec().config(), "from the checkpoint");
        assertEquals(RunSpec.Origin.SERVER, row.spec().origin());
        assertNotEquals(before.generation(), row.spec().generation(), "its old generation is lost: a new one");
        assertEquals(RunState.FINISHED, row.state(), "its checkpoint is at the last meta-iteration");
        assertEquals(13, store.heavy(row.spec()).timeline().size());
        assertTrue(Files.exists(ImportFixtures.renamed(dir, "runs.imported-").resolve(ImportFixtures.VISITOR)),
                "its files are kept with the others");
    }

    @Test
    void unsealedFilesOfTheReleaseBeforeSealingAreImportedOnlyIfTheyParse() throws Exception {
        ImportFixtures.copy(ImportFixtures.MAIN, dir);
        Path good = run("default").resolve("snapshots/04.json");
        byte[] content = ImportFixtures.content(good);
        Files.write(good, content);
        Path cut = run("default").resolve("snapshots/05.json");
        Files.write(cut, Arrays.copyOf(ImportFixtures.content(cut), 5_000));
        importFiles(ImportFixtures.smallReporter());

        RunStore.Row row = store.rows().get(0);
        assertEquals("timeline snapshots [5] are damaged on disk and not served", row.problem());
        assertArrayEquals(content, store.readSnapshot(row.spec(), 4));
        assertEquals(ContentEtag.of(content), store.heavy(row.spec()).timeline().get(4).etag());
    }

    /** Changes one digit of a file's content, after its header line if it has one, as a flipped bit would. */
    private static void flipADigit(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int at = new String(bytes, StandardCharsets.ISO_8859_1).indexOf("1", bytes.length / 2);
        bytes[at] = '2';
        Files.write(file, bytes);
    }

    private static Params weights(byte[] json) {
        return WeightsJson.read(JacksonTree.parse(new String(json, StandardCharsets.UTF_8))).weights();
    }
}
