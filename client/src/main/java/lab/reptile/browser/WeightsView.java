package lab.reptile.browser;

import org.teavm.jso.dom.html.HTMLElement;

/** Draws the {@link WeightsPanel}: the meta-weights' curve, iteration and version, and the pretrained net's note. */
final class WeightsView {
    private final HTMLElement iteration = Page.find("meta-iteration");
    private final HTMLElement version = Page.find("weights-version");
    private final HTMLElement versionNote = Page.find("weights-version-note");
    private final HTMLElement pretrainedNote = Page.find("pretrained-note");
    private final Charts charts;
    private final WeightsPanel panel;
    private final Adaptation adaptation;

    /** @param adaptation holds the meta-weights' curve */
    WeightsView(Charts charts, WeightsPanel panel, Adaptation adaptation) {
        this.charts = charts;
        this.panel = panel;
        this.adaptation = adaptation;
    }

    void render() {
        charts.drawMeta(adaptation);
        iteration.setTextContent(panel.iterationLabel());
        version.setTextContent(panel.versionLabel());
        versionNote.setHidden(!panel.versionShown());
        pretrainedNote.setTextContent(panel.pretrained().note());
    }
}
