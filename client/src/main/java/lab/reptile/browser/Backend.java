package lab.reptile.browser;

import java.util.List;

/**
 * The requests the page makes of the server; each answer arrives later as plain values through its handler.
 * {@link ServerApi} sends them over HTTP, tests answer them by hand.
 */
public interface Backend {
    /** The latest meta-weights of run {@code run}, as a conditional request once some of that run were accepted. */
    void fetchWeights(String run, ServerApi.WeightsHandler answer);

    /** The pretrained baseline (a 503 while the server is still training it). */
    void fetchPretrained(ServerApi.WeightsHandler answer);

    /** The training progress and learning curve. */
    void fetchStatus(ServerApi.StatusHandler answer);

    /** The lab's runs, the default run first. */
    void listRuns(RunsAnswer answer);

    /** One run's detail: timeline, learning curve, report. */
    void fetchRun(String id, RunAnswer answer);

    /** One run's detail for the comparison (its curve and report); by default the same request as {@link #fetchRun}. */
    default void fetchCompared(String id, RunAnswer answer) {
        fetchRun(id, answer);
    }

    /** One timeline snapshot by its URL; snapshots never change, so each is fetched once. */
    void fetchSnapshot(String url, ServerApi.WeightsHandler answer);

    /** Starts a run with the hyperparameters of {@code json} (a JSON object). */
    void startRun(String json, StartAnswer answer);

    /** Outcome of listing the runs. */
    interface RunsAnswer {
        void runs(List<RunSummary> runs);

        void failed(String message);
    }

    /** Outcome of fetching one run's detail. */
    interface RunAnswer {
        void detail(RunDetail detail);

        void failed(String message);
    }

    /** Outcome of starting a run: accepted (queued or training) or refused with the server's reason. */
    interface StartAnswer {
        void accepted(RunSummary run);

        /** @param retryAfterSeconds the server's Retry-After (when the cause, e.g. the hourly quota, ends), or -1 */
        void refused(String reason, long retryAfterSeconds);
    }
}
