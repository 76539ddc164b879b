package lab.reptile.browser;

/** What the report area says for a run without a report, from its state (see the server's RunState). */
final class ReportNote {
    private ReportNote() {
    }

    /** The note for {@code run} (null: not known yet); it names the cause and, for a diverged run, the cure. */
    static String of(RunSummary run) {
        if (run == null) {
            return "The report (MSE after k steps on 500 held-out sines) appears when the run finishes.";
        }
        String why = run.problem() == null ? "" : " (" + run.problem() + ")";
        return switch (run.state()) {
            case "diverged" -> "This run diverged" + why + ": its weights stopped being finite numbers,"
                    + " so it has no report."
                    + " Lower the inner lr (e.g. 0.02) and start it again.";
            case "failed" -> "This run failed" + why + ", so it has no report. Start it again; if it fails again,"
                    + " lower the inner lr.";
            case "cancelled" -> "This run was cancelled before it finished, so it has no report.";
            case "finished" -> "This run finished without a report.";
            default -> "The report (MSE after k steps on 500 held-out sines) appears when the run finishes.";
        };
    }
}
