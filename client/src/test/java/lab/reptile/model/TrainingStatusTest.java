package lab.reptile.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import lab.reptile.jackson.JacksonTree;
import org.junit.jupiter.api.Test;

/** The one description of {@code GET /api/training}, read the way the page and the JVM read it. */
class TrainingStatusTest {
    private static final String RUNNING = "{\"state\":\"running\",\"metaIteration\":12000,\"tasksDone\":12000,"
            + "\"tasksTotal\":30000,\"tasksPerSecond\":1850.4,\"version\":60,\"config\":{\"innerLr\":0.02},"
            + "\"history\":[{\"tasksDone\":6000,\"mseAt8\":0.5},{\"tasksDone\":12000,\"mseAt8\":0.0971}]}";

    private static TrainingStatus read(String json) {
        return TrainingStatus.read(JacksonTree.parse(json));
    }

    private static String message(String json) {
        return assertThrows(IllegalArgumentException.class, () -> read(json)).getMessage();
    }

    @Test
    void readsEveryKeyButTheConfig() {
        assertEquals(new TrainingStatus("running", 12000, 12000, 30000, 1850.4, 60, null, List.of(
                new ValidationPoint(6000, 0.5), new ValidationPoint(12000, 0.0971))),
                read(RUNNING));
    }

    @Test
    void theProblemKeyIsOptional() {
        assertEquals("meta-weights became NaN", read(RUNNING.replace("\"running\"",
                "\"diverged\",\"problem\":\"meta-weights became NaN\"")).problem());
    }

    @Test
    void namesAMissingOrMistypedKey() {
        assertEquals("missing key \"tasksTotal\" in the training status",
                message(RUNNING.replace("\"tasksTotal\"", "\"total\"")));
        assertEquals("missing key \"history\" in the training status",
                message(RUNNING.replaceAll(",\"history\".*}$", "}")));
        assertEquals("state must be a string, got 3.0", message(RUNNING.replace("\"running\"", "3")));
        assertEquals("version must be a whole number, got 60.5", message(RUNNING.replace(":60,", ":60.5,")));
        assertEquals("missing key \"mseAt8\" in history[1]",
                message(RUNNING.replace(",\"mseAt8\":0.0971", "")));
        assertEquals("history must be an array, got an object",
                message(RUNNING.replaceAll("\"history\".*}$", "\"history\":{}}")));
        assertEquals("the training status must be a JSON object, got an array", message("[]"));
    }

    @Test
    void theHistoryCannotBeChangedAfterwards() {
        List<ValidationPoint> points = new ArrayList<>(List.of(new ValidationPoint(1, 2)));
        TrainingStatus status = new TrainingStatus("running", 1, 1, 2, 0, 0, null, points);
        points.clear();
        assertEquals(1, status.history().size());
        assertThrows(UnsupportedOperationException.class, () -> status.history().clear());
    }
}
