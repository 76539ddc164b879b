package lab.reptile.browser;

import java.util.List;
import lab.reptile.model.TrainingStatus;
import lab.reptile.model.ValidationPoint;

/**
 * The learning curve from {@code GET /api/training}: validation MSE after 8 inner steps against tasks trained on,
 * oldest first, as the progress chart plots it.
 *
 * @param tasksDone tasks trained on at each measurement
 * @param mseAt8    the validation MSE after 8 steps at each measurement
 */
public record ProgressHistory(double[] tasksDone, double[] mseAt8) {

    /** The status's learning curve as the chart's two series. */
    public static ProgressHistory of(TrainingStatus status) {
        List<ValidationPoint> history = status.history();
        double[] tasks = new double[history.size()];
        double[] mse = new double[history.size()];
        for (int i = 0; i < tasks.length; i++) {
            tasks[i] = history.get(i).tasksDone();
            mse[i] = history.get(i).mseAt8();
        }
        return new ProgressHistory(tasks, mse);
    }
}
