package lab.reptile.browser;

import org.teavm.jso.dom.html.HTMLElement;

/** Draws the {@link TrainingPanel}: the progress bar and the progress line of the server's default run. */
final class TrainingView {
    private final HTMLElement bar = Page.find("progress-bar");
    private final HTMLElement line = Page.find("training");
    private final TrainingPanel panel;

    TrainingView(TrainingPanel panel) {
        this.panel = panel;
    }

    void render() {
        line.setTextContent(panel.line());
        TrainingProgress progress = panel.progress();
        if (progress != null) {
            bar.getStyle().setProperty("width", Numbers.fixed(100 * progress.fraction(), 1) + "%");
            bar.setAttribute("data-state", progress.state());
        }
    }
}
