package lab.reptile.server.lab;

/** Runs for tests of other packages, which cannot build one themselves. */
public final class TestRuns {
    private TestRuns() {
    }

    public static Run run(RunSpec spec, RunView view) {
        return new Run(spec, view);
    }
}
