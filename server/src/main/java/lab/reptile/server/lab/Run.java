package lab.reptile.server.lab;

/**
 * One run as this process's catalogue holds it: its fixed {@link RunSpec} and the latest {@link RunView} read from
 * the database. Thread-safe: the catalogue publishes, any thread reads.
 */
public final class Run {
    private final RunSpec spec;
    private volatile RunView view;

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

    /** The latest view; never null. */
    public RunView view() {
        return view;
    }

    void publish(RunView newView) {
        view = newView;
    }

    public long tasksTotal() {
        return spec.config().tasks();
    }
}
