package lab.reptile.browser;

/**
 * Fetches the detail of the runs the {@link ComparePanel} lacks: once per finished run, again for a live one only
 * when the run list (fetched on start-up, on a start and when the chosen run ends) shows it moved on; never on a
 * timer, so the page does not poll every run.
 */
final class CompareSync {
    private final LabPage page;
    private final Backend backend;
    private final ComparePanel compare;

    CompareSync(LabPage page, Backend backend, ComparePanel compare) {
        this.page = page;
        this.backend = backend;
        this.compare = compare;
    }

    void fetchMissing() {
        for (String id : compare.toFetch()) {
            backend.fetchCompared(id, new Backend.RunAnswer() {
                @Override
                public void detail(RunDetail detail) {
                    compare.arrived(detail);
                    page.redraw();
                }

                @Override
                public void failed(String message) {
                    compare.failed(id); // tried again on the next listing; the chart just lacks its curve
                }
            });
        }
    }
}
