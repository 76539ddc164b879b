package lab.reptile.browser;

import org.teavm.jso.JSBody;
import org.teavm.jso.dom.html.HTMLButtonElement;
import org.teavm.jso.dom.html.HTMLElement;

/**
 * Draws the {@link StoryPanel}: the step counter, title and text, Back and Next, and the {@code story-highlight}
 * class on the one control the step talks about (data-step carries the shown step, 0-based, for tests).
 */
final class StoryView {
    private final HTMLElement counter = Page.find("story-counter");
    private final HTMLElement title = Page.find("story-step-title");
    private final HTMLElement text = Page.find("story-text");
    private final HTMLButtonElement back = (HTMLButtonElement) Page.find("story-back");
    private final HTMLButtonElement next = (HTMLButtonElement) Page.find("story-next");
    private final HTMLElement line = Page.find("steep-line");
    private final StoryPanel panel;

    StoryView(StoryPanel panel) {
        this.panel = panel;
    }

    void render() {
        counter.setTextContent(panel.counter());
        title.setTextContent(panel.title());
        text.setTextContent(panel.text());
        text.setAttribute("data-step", Integer.toString(panel.step()));
        back.setDisabled(!panel.canBack());
        next.setDisabled(!panel.canNext());
        line.setHidden(panel.step() != StoryPanel.STEPS - 1);
        for (String control : StoryPanel.controls()) {
            highlight(Page.find(control), control.equals(panel.highlighted()));
        }
    }

    @JSBody(params = {"element", "on"}, script = "element.classList.toggle('story-highlight', on);")
    private static native void highlight(HTMLElement element, boolean on);
}
