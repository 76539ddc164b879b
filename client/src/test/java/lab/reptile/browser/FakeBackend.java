package lab.reptile.browser;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayDeque;
import java.util.Deque;

/** A {@link Backend} whose requests wait, in order, until a test answers them. */
final class FakeBackend implements Backend {
    private final Deque<ServerApi.WeightsHandler> weights = new ArrayDeque<>();
    private final Deque<ServerApi.WeightsHandler> pretrained = new ArrayDeque<>();
    private final Deque<ServerApi.StatusHandler> status = new ArrayDeque<>();

    @Override
    public void fetchWeights(ServerApi.WeightsHandler answer) {
        weights.add(answer);
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
