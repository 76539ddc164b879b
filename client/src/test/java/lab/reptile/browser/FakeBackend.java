package lab.reptile.browser;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayDeque;
import java.util.Deque;

/** A {@link Backend} whose requests wait, in order, until a test answers them. */
final class FakeBackend implements Backend {
    private final Deque<ServerApi.WeightsHandler> weights = new ArrayDeque<>();
    private final Deque<ServerApi.WeightsHandler> pretrained = new ArrayDeque<>();
    private final Deque<ServerApi.StatusHandler> status = new ArrayDeque<>();
    private final Deque<RunsAnswer> runLists = new ArrayDeque<>();
    private final Deque<RunAnswer> runDetails = new ArrayDeque<>();
    private final Deque<ServerApi.WeightsHandler> snapshots = new ArrayDeque<>();
    private final Deque<StartAnswer> starts = new ArrayDeque<>();
    /** The run each weights request asked for, the URL of each snapshot request, the body of each start. */
    final Deque<String> weightsRuns = new ArrayDeque<>();
    final Deque<String> snapshotUrls = new ArrayDeque<>();
    final Deque<String> startBodies = new ArrayDeque<>();

    @Override
    public void fetchWeights(String run, ServerApi.WeightsHandler answer) {
        weightsRuns.add(run);
        weights.add(answer);
    }

    @Override
    public void listRuns(RunsAnswer answer) {
        runLists.add(answer);
    }

    @Override
    public void fetchRun(String id, RunAnswer answer) {
        runDetails.add(answer);
    }

    /** The comparison's detail requests, apart from the chosen run's, in order; the id each asked for. */
    final Deque<RunAnswer> compared = new ArrayDeque<>();
    final Deque<String> comparedIds = new ArrayDeque<>();

    @Override
    public void fetchCompared(String id, RunAnswer answer) {
        comparedIds.add(id);
        compared.add(answer);
    }

    @Override
    public void fetchSnapshot(String url, ServerApi.WeightsHandler answer) {
        snapshotUrls.add(url);
        snapshots.add(answer);
    }

    @Override
    public void startRun(String json, StartAnswer answer) {
        startBodies.add(json);
        starts.add(answer);
    }

    RunsAnswer runList() {
        assertFalse(runLists.isEmpty(), "no run-list request is waiting");
        return runLists.remove();
    }

    RunAnswer runDetail() {
        assertFalse(runDetails.isEmpty(), "no run-detail request is waiting");
        return runDetails.remove();
    }

    ServerApi.WeightsHandler snapshot() {
        assertFalse(snapshots.isEmpty(), "no snapshot request is waiting");
        return snapshots.remove();
    }

    StartAnswer start() {
        assertFalse(starts.isEmpty(), "no start request is waiting");
        return starts.remove();
    }

    @Override
    public void fetchPretrained(ServerApi.WeightsHandler answer) {
        pretrained.add(answer);
    }

    @Override
    public void fetchStatus(ServerApi.StatusHandler answer) {
        status.add(answer);
    }

    /** The oldest unanswered meta-weights request. */
    ServerApi.WeightsHandler weights() {
        assertFalse(weights.isEmpty(), "no meta-weights request is waiting");
        return weights.remove();
    }

    ServerApi.WeightsHandler pretrained() {
        assertFalse(pretrained.isEmpty(), "no pretrained request is waiting");
        return pretrained.remove();
    }

    ServerApi.StatusHandler status() {
        assertFalse(status.isEmpty(), "no training-status request is waiting");
        return status.remove();
    }

    /** Unanswered requests: meta-weights, pretrained, training status. */
    int[] waiting() {
        return new int[] {weights.size(), pretrained.size(), status.size()};
    }
}
