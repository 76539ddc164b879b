package lab.reptile.browser;

import java.util.List;

/**
 * One run as {@code GET /api/runs/{id}} describes it: its summary, the tasks and URL of each timeline snapshot, its
 * learning curve, and its report once finished.
 *
 * @param timelineTasks tasks trained on at each snapshot, [snapshots]
 * @param timelineUrls  each snapshot's URL, [snapshots]
 * @param report        the report's rows (k = 0, 1, 2, 4, 8, 16, 32), empty until the run finished
 */
public record RunDetail(RunSummary summary, long[] timelineTasks, String[] timelineUrls, ProgressHistory history,
                        List<ReportRow> report) {

    /**
     * One row of a run's report: mean MSE after k steps from the run's weights and from a random init, each with the
     * half-width of its 95 % confidence interval (NaN when the server sent none).
     */
    public record ReportRow(int k, double mean, double ci95, double randomMean, double randomCi95) {
    }

    public int snapshots() {
        return timelineTasks.length;
    }
}
