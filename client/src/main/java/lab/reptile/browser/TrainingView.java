package lab.reptile.browser;

import org.teavm.jso.dom.html.HTMLElement;

/** Draws the {@link ProgressCard}: the title, progress bar and progress line of the chosen run. */
final class TrainingView {
    private final HTMLElement title = Page.find("progress-title");
    private final HTMLElement bar = Page.find("progress-bar");
    private final HTMLElement line = Page.find("training");
    private final ProgressCard card;

    TrainingView(ProgressCard card) {
        this.card = card;
    }

    void render() {
        title.setTextContent(card.title());
        line.setTextContent(card.line());
        TrainingProgress progress = card.progress();
        bar.getStyle().setProperty("width", Numbers.fixed(progress == null ? 0 : 100 * progress.fraction(), 1) + "%");
        bar.setAttribute("data-state", progress == null ? "" : progress.state());
    }
}
