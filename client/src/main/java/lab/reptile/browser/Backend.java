package lab.reptile.browser;

/**
 * The requests the page makes of the server; each answer arrives later as plain values through its handler.
 * {@link ServerApi} sends them over HTTP, tests answer them by hand.
 */
public interface Backend {
    /** The latest meta-weights, as a conditional request once some were accepted. */
    void fetchWeights(ServerApi.WeightsHandler answer);

    /** The pretrained baseline (a 503 while the server is still training it). */
    void fetchPretrained(ServerApi.WeightsHandler answer);

    /** The training progress and learning curve. */
    void fetchStatus(ServerApi.StatusHandler answer);
}
