package lab.reptile.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lab.reptile.jackson.JacksonTree;
import lab.reptile.model.TrainingStatus;
import org.junit.jupiter.api.Test;

class TrainingProgressTest {
    private static final String RUNNING = "{\"state\":\"running\",\"metaIteration\":12000,\"tasksDone\":12000,"
            + "\"tasksTotal\":30000,\"tasksPerSecond\":1850.4,\"version\":60,\"config\":{\"innerLr\":0.02},"
            + "\"history\":[{\"tasksDone\":6000,\"mseAt8\":0.5},{\"tasksDone\":12000,\"mseAt8\":0.0971}]}";

    private static TrainingProgress progress(String json) {
        return TrainingProgress.of(TrainingStatus.read(JacksonTree.parse(json)));
    }

    @Test
    void takesTheFieldsAndTheLatestValidationMse() {
        TrainingProgress status = progress(RUNNING);
        assertEquals(new TrainingProgress("running", 12000, 12000, 30000, 1850.4, 0.0971, null), status);
        assertEquals(0.4, status.fraction(), 1e-12);
    }

    @Test
    void summarisesInOneReadableLine() {
        assertEquals("running · 12,000 / 30,000 tasks · 1,850 tasks/s · validation MSE@8 0.0971",
                progress(RUNNING).summary());
    }

    @Test
    void anEmptyHistoryLeavesTheMseOut() {
        TrainingProgress status = progress(RUNNING.replaceAll("\"history\".*}$", "\"history\":[]}"));
        assertTrue(Double.isNaN(status.latestMseAt8()));
        assertEquals("running · 12,000 / 30,000 tasks · 1,850 tasks/s", status.summary());
    }

    @Test
    void showsWhyTrainingStoppedEarly() {
        TrainingProgress status = progress(RUNNING
                .replace("\"running\"", "\"diverged\",\"problem\":\"meta-weights became NaN\""));
        assertEquals("meta-weights became NaN", status.problem());
        assertTrue(status.summary().startsWith("diverged · "));
        assertTrue(status.summary().endsWith(" · meta-weights became NaN"));
    }

    @Test
    void fractionStaysInZeroToOne() {
        assertEquals(0, new TrainingProgress("paused", 0, 0, 0, 0, Double.NaN, null).fraction());
        assertEquals(1, new TrainingProgress("finished", 9, 12, 10, 0, Double.NaN, null).fraction());
    }
}
