package lab.reptile.server.lab;

/**
 * One run as the catalogue holds it: its fixed {@link RunSpec}, the latest published {@link RunView}, and the
 * requests a trainer picks up between meta-iterations. Thread-safe: the trainer publishes, any thread reads.
 */
public final class Run {
    private final RunSpec spec;
    private volatile RunView view;
    private volatile boolean pauseRequested;
    private volatile boolean cancelRequested;

    Run(RunSpec spec, RunView view) {
        this.spec = spec;
        this.view = view;
    }

    public RunSpec spec() {
        return spec;
    }

    public RunId id() {
        return spec.id();
    }

    /** The latest published view; never null. */
    public RunView view() {
        return view;
    }

    /** Replaces the view and wakes threads waiting for a state change. */
    synchronized void publish(RunView newView) {
        view = newView;
        notifyAll();
    }

    /** Waits up to {@code millis} until the run's state is one of {@code states}; returns the view then. */
    synchronized RunView await(java.util.Set<RunState> states, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (!states.contains(view.state())) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                break;
            }
            wait(left);
        }
        return view;
    }

    void requestPause(boolean pause) {
        pauseRequested = pause;
    }

    boolean pauseRequested() {
        return pauseRequested;
    }

    void requestCancel() {
        cancelRequested = true;
    }

    boolean cancelRequested() {
        return cancelRequested;
    }

    public long tasksTotal() {
        return spec.config().tasks();
    }
}
