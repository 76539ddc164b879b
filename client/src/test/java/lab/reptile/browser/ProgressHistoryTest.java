package lab.reptile.browser;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.List;
import lab.reptile.model.TrainingStatus;
import lab.reptile.model.ValidationPoint;
import org.junit.jupiter.api.Test;

class ProgressHistoryTest {
    @Test
    void givesTheLearningCurveOldestFirstAsTwoSeries() {
        ProgressHistory history = ProgressHistory.of(new TrainingStatus("running", 3, 12000, 30000, 1.0, 4, null,
                List.of(new ValidationPoint(0, 4.2), new ValidationPoint(6000, 0.5),
                        new ValidationPoint(12000, 0.0971))));
        assertArrayEquals(new double[] {0, 6000, 12000}, history.tasksDone());
        assertArrayEquals(new double[] {4.2, 0.5, 0.0971}, history.mseAt8());
    }

    @Test
    void noHistoryGivesEmptySeries() {
        ProgressHistory history = ProgressHistory.of(new TrainingStatus("running", 0, 0, 10, 0, 0, null, List.of()));
        assertArrayEquals(new double[0], history.tasksDone());
        assertArrayEquals(new double[0], history.mseAt8());
    }
}
