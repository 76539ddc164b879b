package lab.reptile.browser;

import org.teavm.jso.dom.html.HTMLElement;

/** Draws {@link Messages}: the error banner (hidden without a problem) and the status line. */
final class MessagesView {
    private final HTMLElement banner = Page.find("error");
    private final HTMLElement status = Page.find("status");
    private final Messages messages;

    MessagesView(Messages messages) {
        this.messages = messages;
    }

    void render() {
        String problem = messages.banner();
        banner.setTextContent(problem == null ? "" : problem);
        banner.setHidden(problem == null);
        status.setTextContent(messages.status());
    }
}
