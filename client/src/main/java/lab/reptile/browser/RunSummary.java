package lab.reptile.browser;

/**
 * One run as {@code GET /api/runs} lists it, reduced to what the page shows.
 *
 * @param queuePosition 1-based place in the queue, 0 unless queued
 * @param problem       why the run stopped early, or null
 */
public record RunSummary(String id, String state, long seed, long tasksDone, long tasksTotal, double tasksPerSecond,
                         int queuePosition, String problem) {

    /** True while the run may still publish new weights: queued, running or paused. */
    public boolean live() {
        return "queued".equals(state) || "running".equals(state) || "paused".equals(state);
    }

    /** The run's name in the picker and the legend, e.g. "default" or "seed 3 · 2,000 tasks (aB3x…)". */
    public String name() {
        return "default".equals(id) ? "default run" : "seed " + seed + " · " + Numbers.grouped(tasksTotal)
                + " tasks · " + id.substring(0, Math.min(4, id.length()));
    }

    /** Where the run is, for run-status: queued (place), training (percent, speed), finished, or why it stopped. */
    public String statusLine() {
        switch (state) {
            case "queued":
                return queuePosition > 0 ? "Queued: place " + queuePosition + " in the queue."
                        : "Queued: waiting for a trainer.";
            case "running":
                return "Training: " + Numbers.fixed(100.0 * tasksDone / Math.max(1, tasksTotal), 0) + " % · "
                        + Numbers.grouped(Math.round(tasksPerSecond)) + " tasks/s.";
            case "finished":
                return "Finished: " + Numbers.grouped(tasksDone) + " tasks.";
            default:
                return "Run " + state + (problem == null ? "." : ": " + problem);
        }
    }
}
