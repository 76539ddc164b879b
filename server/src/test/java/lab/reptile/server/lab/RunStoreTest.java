package lab.reptile.server.lab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import lab.reptile.model.Evaluation;
import lab.reptile.model.NetShape;
import lab.reptile.model.Params;
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
        byte[] zero = "{\"w\": 0}".getBytes(StandardCharsets.UTF_8);
        byte[] one = "{\"w\": 1}".getBytes(StandardCharsets.UTF_8);
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
}
