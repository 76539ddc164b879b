package lab.reptile.browser;

/**
 * The "Meta-learning progress" card's words for the chosen run: the default run's from {@code GET /api/training}
 * (with its staleness), any other run's from its detail, polled while the page follows it.
 */
public final class ProgressCard {
    private final TrainingPanel training;
    private final RunsPanel runs;

    ProgressCard(TrainingPanel training, RunsPanel runs) {
        this.training = training;
        this.runs = runs;
    }

    /** The chosen run's progress, or null before its first answer. */
    public TrainingProgress progress() {
        if (RunsPanel.DEFAULT_RUN.equals(runs.chosen())) {
            return training.progress();
        }
        RunDetail detail = runs.detail();
        if (detail == null) {
            return null;
        }
        RunSummary run = detail.summary();
        double[] mse = detail.history().mseAt8();
        return new TrainingProgress(run.state(), 0, run.tasksDone(), run.tasksTotal(), run.tasksPerSecond(),
                mse.length == 0 ? Double.NaN : mse[mse.length - 1], run.problem());
    }

    /** The card's title, naming the run it shows. */
    public String title() {
        return "Meta-learning progress: " + runs.name(runs.chosen());
    }

    /** The progress line, e.g. "running · 1,200 / 30,000 tasks · 1,850 tasks/s", as {@link TrainingPanel#line()}. */
    public String line() {
        if (RunsPanel.DEFAULT_RUN.equals(runs.chosen())) {
            return training.line();
        }
        TrainingProgress progress = progress();
        return progress == null ? TrainingPanel.WAITING : progress.summary();
    }
}
