package lab.reptile.browser;

import java.util.List;

import org.teavm.jso.dom.html.HTMLButtonElement;
import org.teavm.jso.dom.html.HTMLDocument;
import org.teavm.jso.dom.html.HTMLElement;
import org.teavm.jso.dom.html.HTMLInputElement;

/**
 * Draws the {@link RunsPanel}: the run picker, the timeline slider and its label (data-position for tests), the
 * replay button, the follow box and the run-status line, then the comparison ({@link CompareView}): every run's
 * learning curve and the reports.
 */
final class RunsView {
    private final HTMLElement select = Page.find("run-select");
    private final HTMLInputElement timeline = (HTMLInputElement) Page.find("timeline");
    private final HTMLElement label = Page.find("timeline-label");
    private final HTMLElement replay = Page.find("replay");
    private final HTMLInputElement follow = (HTMLInputElement) Page.find("follow");
    private final HTMLElement status = Page.find("run-status");
    private final HTMLButtonElement start = (HTMLButtonElement) Page.find("start-run");
    private final CompareView compare;
    private final RunsPanel panel;
    private String listed = "";

    RunsView(CompareView compare, RunsPanel panel) {
        this.compare = compare;
        this.panel = panel;
    }

    void render() {
        renderPicker();
        RunDetail detail = panel.detail();
        int snapshots = detail == null ? 0 : detail.snapshots();
        timeline.setAttribute("max", Integer.toString(Math.max(0, snapshots - 1)));
        timeline.setValue(Integer.toString(Math.max(0, panel.position())));
        timeline.setDisabled(snapshots == 0);
        label.setTextContent(panel.timelineLabel());
        timeline.setAttribute("aria-valuetext", panel.timelineValueText());
        label.setAttribute("data-position", Integer.toString(panel.position()));
        replay.setTextContent(panel.replaying() ? "Replaying…" : "Replay");
        replay.setAttribute("aria-pressed", panel.replaying() ? "true" : "false");
        follow.setChecked(panel.follow());
        status.setTextContent(panel.status());
        start.setDisabled(!panel.canStart());
        compare.render();
    }

    /** Rebuilds the picker's options only when the list or the choice changed, so an open picker stays open. */
    private void renderPicker() {
        List<RunSummary> runs = panel.runs();
        StringBuilder key = new StringBuilder(panel.chosen());
        for (RunSummary run : runs) {
            key.append('|').append(run.id()).append(run.state());
        }
        if (key.toString().equals(listed)) {
            return;
        }
        listed = key.toString();
        select.setInnerHTML("");
        boolean found = false;
        for (RunSummary run : runs) {
            found |= run.id().equals(panel.chosen());
            select.appendChild(option(run.id(), run.name() + " (" + run.state() + ")", run.id().equals(panel.chosen())));
        }
        if (!found) {
            select.appendChild(option(panel.chosen(), panel.name(panel.chosen()), true));
        }
    }

    private static HTMLElement option(String value, String text, boolean selected) {
        HTMLElement option = HTMLDocument.current().createElement("option");
        option.setAttribute("value", value);
        option.setTextContent(text);
        if (selected) {
            option.setAttribute("selected", "");
        }
        return option;
    }
}
