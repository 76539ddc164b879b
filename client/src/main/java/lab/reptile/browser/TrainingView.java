package lab.reptile.browser;

import org.teavm.jso.dom.html.HTMLElement;

/** Draws the {@link TrainingPanel}: the progress bar, the progress line and the learning-curve chart. */
final class TrainingView {
    private final HTMLElement bar = Page.find("progress-bar");
    private final HTMLElement line = Page.find("training");
    private final Charts charts;
    private final TrainingPanel panel;

    TrainingView(Charts charts, TrainingPanel panel) {
        this.charts = charts;
        this.panel = panel;
    }

    void render() {
        line.setTextContent(panel.line());
        TrainingProgress progress = panel.progress();
        if (progress != null) {
            bar.getStyle().setProperty("width", Numbers.fixed(100 * progress.fraction(), 1) + "%");
            bar.setAttribute("data-state", progress.state());
            charts.drawProgress(panel.history(), progress.tasksTotal());
        }
    }
}
