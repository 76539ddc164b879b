package lab.reptile.browser;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ProgressHistoryTest {
    @Test
    void readsTheLearningCurveOldestFirst() {
        ProgressHistory history = ProgressHistory.read(MapTree.parse("{\"state\":\"running\",\"history\":["
                + "{\"tasksDone\":0,\"mseAt8\":4.2},{\"tasksDone\":6000,\"mseAt8\":0.5},"
                + "{\"tasksDone\":12000,\"mseAt8\":0.0971}]}"));
        assertEquals(3, history.mseAt8().length);
        assertArrayEquals(new double[] {0, 6000, 12000}, history.tasksDone());
        assertArrayEquals(new double[] {4.2, 0.5, 0.0971}, history.mseAt8());
    }

    @Test
    void aMissingHistoryIsEmpty() {
        assertEquals(0, ProgressHistory.read(MapTree.parse("{\"state\":\"running\"}")).tasksDone().length);
    }

    @Test
    void aMalformedEntryIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ProgressHistory.read(
                MapTree.parse("{\"history\":[{\"tasksDone\":1,\"mseAt8\":1},{\"tasksDone\":2}]}")));
        assertTrue(e.getMessage().contains("mseAt8") && e.getMessage().contains("history[1]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ProgressHistory.read(
                MapTree.parse("{\"history\":{}}")));
        assertTrue(e.getMessage().contains("history must be an array"), e.getMessage());
    }
}
