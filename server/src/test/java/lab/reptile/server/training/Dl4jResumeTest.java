package lab.reptile.server.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import lab.reptile.model.ReptileConfig;
import org.junit.jupiter.api.Test;

class Dl4jResumeTest {
    @Test
    void aDl4jTrainerResumedMidRunEndsBitIdenticalToAnUninterruptedOne() {
        ReptileConfig config = TrainingDefaults.config().withTasks(200);
        Dl4jReptileTrainer uninterrupted = new Dl4jReptileTrainer(config, TrainingDefaults.SHAPE);
        Dl4jReptileTrainer first = new Dl4jReptileTrainer(config, TrainingDefaults.SHAPE);
        for (int i = 0; i < 90; i++) {
            first.metaStep();
        }
        Dl4jReptileTrainer resumed = new Dl4jReptileTrainer(config, first.resumePoint());
        assertEquals(90, resumed.metaIteration());
        while (!uninterrupted.finished()) {
            uninterrupted.metaStep();
        }
        while (!resumed.finished()) {
            resumed.metaStep();
        }
        assertEquals(uninterrupted.metaWeights(), resumed.metaWeights());
        assertThrows(IllegalStateException.class, resumed::metaStep, "no steps past the end of the run");
    }
}
