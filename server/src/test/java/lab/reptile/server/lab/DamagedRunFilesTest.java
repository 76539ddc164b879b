package lab.reptile.server.lab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import lab.reptile.model.ValidationPoint;
import lab.reptile.server.Await;
import lab.reptile.server.checkpoint.DamagedFileException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A finished run whose stored files are damaged after it ended (truncated, a digit flipped): after a restart each
 * damaged part is rebuilt or reported, never served as good, and the disk accounting counts what is there.
 */
class DamagedRunFilesTest {
    @TempDir
    Path dir;
    private Lab lab;
    private Run finished;
    private Path runDir;

    @BeforeEach
    void trainOneRun() throws Exception {
        lab = open();
        lab.start();
        finished = lab.create(PlainLab.config(3, 1_000), "203.0.113.7");
        Await.until("the visitor run to finish", finished::view, v -> v.state() == RunState.FINISHED);
        Await.until("the default run to end", () -> lab.defaultRun().view(), v -> v.state().ended());
        lab.close();
        runDir = dir.resolve("runs").resolve(finished.id().value());
    }

    @AfterEach
    void close() {
        lab.close();
    }

    private Lab open() throws IOException {
        return PlainLab.open(dir, LabLimits.DEFAULTS, PlainLab.config(1, 200));
    }

    private Run restarted() throws IOException {
        lab = open();
        return lab.get(finished.id());
    }

    private void truncate(String file) throws IOException {
        byte[] bytes = Files.readAllBytes(runDir.resolve(file));
        Files.write(runDir.resolve(file), Arrays.copyOf(bytes, bytes.length / 2));
    }

    @Test
    void aTruncatedReportIsEvaluatedAgainFromTheFinalWeights() throws Exception {
        truncate("report.json");
        Run run = restarted();
        assertEquals(RunState.FINISHED, run.view().state());
        assertEquals(finished.view().report(), run.view().report(), "evaluation is deterministic");
        assertEquals(finished.view().report(), restarted().view().report(), "and the rebuilt report was saved");
    }

    @Test
    void aTruncatedCurveIsMeasuredAgainAtTheTimelinesSnapshots() throws Exception {
        truncate("curve.json");
        Run run = restarted();
        List<ValidationPoint> curve = run.view().history();
        assertEquals(finished.view().timeline().size(), curve.size());
        for (int i = 0; i < curve.size(); i++) {
            assertEquals(finished.view().timeline().get(i).tasksDone(), curve.get(i).tasksDone());
        }
        ValidationPoint last = curve.get(curve.size() - 1);
        List<ValidationPoint> original = finished.view().history();
        assertEquals(original.get(original.size() - 1), last, "the final weights measure as they did");
        assertTrue(curve.get(0).mseAt8() > last.mseAt8(), "it falls as training goes: " + curve);
    }

    @Test
    void aDamagedSnapshotIsListedButNeverServedAndTheRunSaysSo() throws Exception {
        truncate("snapshots/03.json");
        Path flipped = runDir.resolve("snapshots/02.json");
        byte[] bytes = Files.readAllBytes(flipped);
        int digit = bytes.length - 40;
        while (!Character.isDigit(bytes[digit])) {
            digit--;
        }
        bytes[digit] = (byte) (bytes[digit] == '9' ? '8' : bytes[digit] + 1);
        Files.write(flipped, bytes);
        Run run = restarted();
        assertEquals(finished.view().timeline().size(), run.view().timeline().size());
        assertEquals("timeline snapshots [2, 3] are damaged on disk and not served", run.view().problem());
        for (int index : new int[] {2, 3}) {
            DamagedFileException e = assertThrows(DamagedFileException.class, () -> lab.readSnapshot(run.id(), index));
            assertTrue(e.getMessage().startsWith("0" + index + ".json is damaged: "), e.getMessage());
        }
        assertArrayEquals(new RunStore(dir).readSnapshot(run.id(), 4), lab.readSnapshot(run.id(), 4));
        assertEquals(finished.view().timeline().get(4), run.view().timeline().get(4), "others are untouched");
    }

    @Test
    void aDamagedRunFileIsRebuiltFromTheCheckpoint() throws Exception {
        truncate("run.json");
        Run run = restarted();
        assertNotNull(run, "the run is still listed");
        assertEquals(finished.spec().config(), run.spec().config());
        assertEquals(RunSpec.Origin.VISITOR, run.spec().origin());
        assertEquals(RunState.FINISHED, run.view().state());
        assertEquals(finished.view().report(), run.view().report());
        assertEquals(finished.view().timeline(), run.view().timeline());
        assertEquals(run.spec(), restarted().spec(), "the rebuilt run file was saved");
    }

    @Test
    void aRunWithNothingThatVerifiesIsRemovedAndItsBytesAreNoLongerCounted() throws Exception {
        truncate("run.json");
        truncate("checkpoint.json");
        truncate("checkpoint.prev.json");
        long withIt = sizeOnDisk(dir.resolve("runs"));
        Run run = restarted();
        assertNull(run);
        assertFalse(Files.exists(runDir));
        assertTrue(sizeOnDisk(dir.resolve("runs")) < withIt);
        assertEquals(sizeOnDisk(dir.resolve("runs")), lab.diskUsedBytes(), "what is there, counted");
    }

    @Test
    void everyStoredFileIsCountedAfterARestart() throws Exception {
        truncate("curve.json");
        restarted();
        assertEquals(sizeOnDisk(dir.resolve("runs")), lab.diskUsedBytes());
    }

    private static long sizeOnDisk(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            long total = 0;
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                total += Files.size(file);
            }
            return total;
        }
    }
}
