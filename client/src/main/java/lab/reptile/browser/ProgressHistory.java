package lab.reptile.browser;

import static lab.reptile.browser.TreeReader.array;
import static lab.reptile.browser.TreeReader.count;
import static lab.reptile.browser.TreeReader.member;
import static lab.reptile.browser.TreeReader.number;

/**
 * The learning curve from {@code GET /api/training}: validation MSE after 8 inner steps against tasks trained on,
 * oldest first, as the progress chart plots it.
 *
 * @param tasksDone tasks trained on at each measurement
 * @param mseAt8    the validation MSE after 8 steps at each measurement
 */
public record ProgressHistory(double[] tasksDone, double[] mseAt8) {

    /** Reads the body's optional {@code history} array; a malformed entry gets a message that names it. */
    public static ProgressHistory read(Tree root) {
        Tree history = root.get("history");
        int n = history == null ? 0 : array(history, "history").length();
        double[] tasks = new double[n];
        double[] mse = new double[n];
        for (int i = 0; i < n; i++) {
            String where = "history[" + i + "]";
            tasks[i] = count(member(history.at(i), "tasksDone", where), where + ".tasksDone");
            mse[i] = number(member(history.at(i), "mseAt8", where), where + ".mseAt8");
        }
        return new ProgressHistory(tasks, mse);
    }
}
