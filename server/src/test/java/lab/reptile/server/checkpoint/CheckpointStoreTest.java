package lab.reptile.server.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import lab.reptile.model.ReptileConfig;
import lab.reptile.model.ReptileTrainer;
import lab.reptile.server.training.TrainingDefaults;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointStoreTest {
    @TempDir
    Path dir;

    private static Checkpoint trainedFor(int metaIterations, long seed) {
        ReptileConfig config = TrainingDefaults.config().withSeed(seed).withTasks(1_000);
        ReptileTrainer trainer = new ReptileTrainer(config, TrainingDefaults.SHAPE);
        for (int i = 0; i < metaIterations; i++) {
            trainer.metaStep();
        }
        return Checkpoint.of(trainer);
    }

    private static void assertSame(Checkpoint expected, Checkpoint actual) {
        assertEquals(expected.config(), actual.config());
        assertEquals(expected.metaIteration(), actual.metaIteration());
        assertEquals(expected.weights(), actual.weights(), "weights bit for bit");
        assertArrayEquals(expected.randomState(), actual.randomState());
    }

    @Test
    void aSavedCheckpointLoadsBackExactly() {
        CheckpointStore store = new CheckpointStore(dir);
        Checkpoint saved = trainedFor(30, 4);
        store.save(saved);
        assertSame(saved, store.loadNewest().orElseThrow());
    }

    @Test
    void resumingFromALoadedCheckpointEndsBitIdenticalToAnUninterruptedRun() {
        CheckpointStore store = new CheckpointStore(dir);
        store.save(trainedFor(400, 9));
        Checkpoint loaded = store.loadNewest().orElseThrow();
        ReptileTrainer resumed = new ReptileTrainer(loaded.config(), loaded.start());
        ReptileTrainer uninterrupted = new ReptileTrainer(loaded.config(), TrainingDefaults.SHAPE);
        while (!uninterrupted.finished()) {
            uninterrupted.metaStep();
        }
        while (!resumed.finished()) {
            resumed.metaStep();
        }
        assertEquals(uninterrupted.metaWeights(), resumed.metaWeights());
    }

    @Test
    void aTruncatedNewestCheckpointFallsBackToThePreviousOne() throws Exception {
        CheckpointStore store = new CheckpointStore(dir);
        Checkpoint older = trainedFor(10, 1);
        store.save(older);
        store.save(trainedFor(20, 1));
        Path latest = dir.resolve("checkpoint.json");
        byte[] bytes = Files.readAllBytes(latest);
        Files.write(latest, Arrays.copyOf(bytes, bytes.length / 2));
        assertSame(older, store.loadNewest().orElseThrow());
    }

    @Test
    void aCorruptedByteIsCaughtByTheChecksum() throws Exception {
        CheckpointStore store = new CheckpointStore(dir);
        Checkpoint older = trainedFor(10, 2);
        store.save(older);
        store.save(trainedFor(20, 2));
        Path latest = dir.resolve("checkpoint.json");
        byte[] bytes = Files.readAllBytes(latest);
        int digit = new String(bytes).indexOf("\"weights\"") + 40;
        bytes[digit] = (byte) (bytes[digit] == '1' ? '2' : '1');
        Files.write(latest, bytes);
        assertSame(older, store.loadNewest().orElseThrow());
    }

    @Test
    void withNoUsableCheckpointThereIsNothingToResumeAndNoException() throws Exception {
        CheckpointStore store = new CheckpointStore(dir);
        assertTrue(store.loadNewest().isEmpty());
        Files.writeString(dir.resolve("checkpoint.json"), "garbage");
        Files.writeString(dir.resolve("checkpoint.prev.json"), "{}\nsha256:00\n");
        assertTrue(store.loadNewest().isEmpty());
    }
}
