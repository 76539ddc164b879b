package lab.reptile.server.lab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import lab.reptile.model.Evaluation;
import lab.reptile.model.NetShape;
import lab.reptile.model.Params;
import lab.reptile.server.checkpoint.DamagedFileException;
import lab.reptile.server.checkpoint.SealedFiles;
import lab.reptile.server.snapshot.Snapshot;
import lab.reptile.server.snapshot.ContentEtag;
import lab.reptile.model.ValidationPoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunStoreTest {
    @TempDir
    Path dir;

    private final RunSpec spec = new RunSpec(RunId.random(), LabTest.config(3, 1_000), RunSpec.Origin.VISITOR,
            Instant.parse("2026-12-01T10:15:30.123Z"));

    @Test
    void readsBackWhatItWrote() throws Exception {
        RunStore store = new RunStore(dir);
        store.create(spec);
        byte[] zero = weightsJson(0);
        byte[] one = weightsJson(1);
        TimelineEntry first = store.writeSnapshot(spec, 0, 0, zero);
        store.writeSnapshot(spec, 1, 5, one);
        List<ValidationPoint> curve = List.of(new ValidationPoint(0, 4.25), new ValidationPoint(5, 0.125));
        store.saveCheckpoint(spec.id(), new lab.reptile.server.checkpoint.Checkpoint(spec.config(), 5,
                Params.initial(NetShape.STANDARD, new java.util.Random(1)),
                lab.reptile.model.TrainerStart.fromSeed(spec.config(), NetShape.STANDARD).tasks().randomState()),
                curve);
        Evaluation.Table table = RunReport.randomInitTable(new NetShape(1, 3, 1), 5);
        store.writeReport(spec.id(), new RunReport(table, table));
        store.writeState(spec, RunState.FINISHED, null);

        List<RunStore.StoredRun> runs = new RunStore(dir).loadAll();
        assertEquals(1, runs.size());
        RunStore.StoredRun run = runs.get(0);
        assertEquals(spec, run.state().spec());
        assertEquals(RunState.FINISHED, run.state().state());
        assertNull(run.state().problem());
        assertEquals(List.of(first, new TimelineEntry(1, 5, 5, ContentEtag.of(one), one.length)), run.timeline());
        assertEquals(ContentEtag.of(zero), first.etag());
        assertEquals(curve, run.curve());
        assertEquals(new RunReport(table, table), run.report());
        assertArrayEquals(one, store.readSnapshot(spec.id(), 1));
    }

    @Test
    void countsTheBytesItKeepsAndFreesThemOnDelete() throws Exception {
        RunStore store = new RunStore(dir);
        store.create(spec);
        long afterCreate = store.usedBytes();
        assertEquals(Files.size(dir.resolve("runs").resolve(spec.id().value()).resolve("run.json")), afterCreate);
        store.writeSnapshot(spec, 0, 0, new byte[10_000]);
        long snapshot = Files.size(dir.resolve("runs").resolve(spec.id().value()).resolve("snapshots/00.json"));
        assertTrue(snapshot > 10_000 && snapshot < 10_200, "the content and a checksum line: " + snapshot);
        assertEquals(afterCreate + snapshot, store.usedBytes());
        assertEquals(afterCreate + snapshot, usedAfterLoading());
        store.delete(spec.id());
        assertEquals(0, store.usedBytes());
        assertTrue(Files.notExists(dir.resolve("runs").resolve(spec.id().value())));
    }

    private long usedAfterLoading() {
        RunStore fresh = new RunStore(dir);
        fresh.loadAll();
        return fresh.usedBytes();
    }

    @Test
    void removesARunWhoseRunFileAndCheckpointsDoNotVerifyAndSkipsOtherDirectories() throws Exception {
        RunStore store = new RunStore(dir);
        store.create(spec);
        Path file = dir.resolve("runs").resolve(spec.id().value()).resolve("run.json");
        Files.writeString(file, "{\"format\": \"reptile-run-v1\", \"id\": ");
        assertEquals(List.of(), new RunStore(dir).loadAll());
        assertTrue(Files.notExists(file.getParent()), "nothing of it could be served or resumed");
        Files.createDirectories(dir.resolve("runs").resolve("not-a-run-id"));
        assertEquals(List.of(), new RunStore(dir).loadAll());
        assertTrue(Files.exists(dir.resolve("runs").resolve("not-a-run-id")), "not ours: left alone");
    }

    @Test
    void aRunWrittenByTheReleaseBeforeLoadsWithADerivedGenerationAndIsSealed() throws Exception {
        RunStore store = new RunStore(dir);
        store.create(spec);
        byte[] zero = weightsJson(0);
        store.writeSnapshot(spec, 0, 0, zero);
        Path runDir = dir.resolve("runs").resolve(spec.id().value());
        // As the release before wrote them: plain JSON, and a run file without a generation.
        Files.write(runDir.resolve("snapshots/00.json"), zero);
        String runFile = new String(SealedFiles.read(runDir.resolve("run.json")).bytes(), StandardCharsets.UTF_8)
                .replaceFirst("\"generation\":\"[A-Za-z0-9_-]{8}\",", "");
        assertFalse(runFile.contains("generation"), runFile);
        Files.writeString(runDir.resolve("run.json"), runFile);

        List<RunStore.StoredRun> runs = new RunStore(dir).loadAll();
        RunSpec loaded = runs.get(0).state().spec();
        assertEquals(RunSpec.legacyGeneration(spec.id(), spec.createdAt()), loaded.generation());
        assertEquals(loaded.generation(), new RunStore(dir).loadAll().get(0).state().spec().generation(),
                "the same at every start");
        assertTrue(SealedFiles.read(runDir.resolve("snapshots/00.json")).sealed(), "sealed on first read");
        assertArrayEquals(zero, new RunStore(dir).readSnapshot(spec.id(), 0));
        assertEquals(List.of(new TimelineEntry(0, 0, 0, ContentEtag.of(zero), zero.length)), runs.get(0).timeline());
    }

    @Test
    void aTruncatedFileOfTheReleaseBeforeIsDamagedAndNotSealedAsGood() throws Exception {
        RunStore store = new RunStore(dir);
        store.create(spec);
        byte[] zero = weightsJson(0);
        store.writeSnapshot(spec, 0, 0, zero);
        store.writeSnapshot(spec, 1, 5, weightsJson(1));
        Path snapshot = dir.resolve("runs").resolve(spec.id().value()).resolve("snapshots/01.json");
        byte[] cut = Arrays.copyOf(weightsJson(1), 2_000); // unsealed, as the release before wrote it, then cut
        Files.write(snapshot, cut);

        RunStore.StoredRun run = new RunStore(dir).loadAll().get(0);
        assertEquals(java.util.Set.of(1), run.damagedSnapshots());
        assertTrue(run.repairs().get(0).startsWith("snapshots/01.json is damaged: it has no checksum and does not parse"),
                run.repairs().toString());
        assertArrayEquals(cut, Files.readAllBytes(snapshot), "left as it was, not sealed");
        assertThrows(DamagedFileException.class, () -> new RunStore(dir).readSnapshot(spec.id(), 1));
        assertArrayEquals(zero, new RunStore(dir).readSnapshot(spec.id(), 0));
    }

    /** A snapshot's real bytes: the weights of seed {@code seed} in reptile-mlp-v1. */
    private static byte[] weightsJson(long seed) {
        return Snapshot.of(seed, seed, seed, Params.initial(NetShape.STANDARD, new java.util.Random(seed))).jsonCopy();
    }
}
