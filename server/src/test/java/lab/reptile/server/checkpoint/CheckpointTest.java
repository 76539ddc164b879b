package lab.reptile.server.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import lab.reptile.model.ReptileConfig;
import lab.reptile.model.ReptileTrainer;
import lab.reptile.model.WeightsFile;
import lab.reptile.model.WeightsJson;
import lab.reptile.server.training.Presets;
import lab.reptile.server.training.TrainingDefaults;
import org.junit.jupiter.api.Test;

/** A checkpoint cannot change once made, compares by value, and carries the canonical weights text. */
class CheckpointTest {
    private static Checkpoint trained() {
        ReptileTrainer trainer = new ReptileTrainer(TrainingDefaults.config(), TrainingDefaults.SHAPE);
        for (int i = 0; i < 5; i++) {
            trainer.metaStep();
        }
        return Checkpoint.of(trainer);
    }

    @Test
    void changingTheRandomStateGivenOrTakenLeavesTheCheckpointAsItWas() {
        Checkpoint original = trained();
        byte[] state = original.randomState();
        Checkpoint copy = new Checkpoint(original.config(), original.metaIteration(), original.weights(), state);
        state[state.length - 1] ^= 1;
        copy.randomState()[0] ^= 1;
        assertArrayEquals(original.randomState(), copy.randomState());
        assertEquals(original, copy);
        assertEquals(original.hashCode(), copy.hashCode());
    }

    @Test
    void aDecodedCheckpointEqualsTheEncodedOne() {
        Checkpoint saved = trained();
        assertEquals(saved, CheckpointCodec.decode(CheckpointCodec.encode(saved)));
        byte[] other = saved.randomState();
        other[other.length - 1] ^= 1;
        assertNotEquals(saved, new Checkpoint(saved.config(), saved.metaIteration(), saved.weights(), other));
    }

    @Test
    void theWeightsAreEmbeddedAsTheirCanonicalText() {
        Checkpoint saved = trained();
        String file = new String(CheckpointCodec.encode(saved), StandardCharsets.UTF_8);
        assertTrue(file.contains("\"weights\":"
                + WeightsJson.write(WeightsFile.of(saved.weights(), 0, saved.metaIteration())) + ","));
    }

    @Test
    void aRunOnRandomPointsOfTheMamlFamilyResumesBitIdentically() {
        ReptileConfig config = Presets.named("maml-protocol").withTasks(40);
        ReptileTrainer straight = new ReptileTrainer(config, TrainingDefaults.SHAPE);
        for (int i = 0; i < 5; i++) {
            straight.metaStep();
        }
        Checkpoint saved = CheckpointCodec.decode(CheckpointCodec.encode(Checkpoint.of(straight)));
        assertEquals(config, saved.config());
        ReptileTrainer resumed = new ReptileTrainer(saved.config(), saved.start());
        for (int i = 0; i < 5; i++) {
            straight.metaStep();
            resumed.metaStep();
        }
        assertEquals(straight.metaWeights(), resumed.metaWeights());
    }

    @Test
    void aCheckpointWrittenBeforeTheTaskFamilyAndPointFieldsReadsWithTheOldBehaviour() throws Exception {
        Checkpoint saved = trained();
        String file = new String(CheckpointCodec.encode(saved), StandardCharsets.UTF_8);
        String body = file.substring(0, file.lastIndexOf("\nsha256:"));
        String old = body.replace(",\"maxPhase\":" + (2 * Math.PI) + ",\"randomPoints\":0", "");
        assertNotEquals(body, old, "the new keys were there to remove");
        String hex = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(old.getBytes(StandardCharsets.UTF_8)));
        Checkpoint read = CheckpointCodec.decode((old + "\nsha256:" + hex + "\n").getBytes(StandardCharsets.UTF_8));
        assertEquals(saved, read);
        assertFalse(read.config().uniformX());
    }

    @Test
    void aRepeatedKeyInTheBodyIsRefusedEvenWithAGoodChecksum() throws Exception {
        String file = new String(CheckpointCodec.encode(trained()), StandardCharsets.UTF_8);
        String body = file.substring(0, file.lastIndexOf("\nsha256:"))
                .replace("{\"format\"", "{\"metaIteration\":0,\"format\"");
        String hex = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(body.getBytes(StandardCharsets.UTF_8)));
        byte[] forged = (body + "\nsha256:" + hex + "\n").getBytes(StandardCharsets.UTF_8);
        assertEquals("invalid JSON: duplicate key \"metaIteration\"",
                assertThrows(IllegalArgumentException.class, () -> CheckpointCodec.decode(forged)).getMessage());
    }
}
