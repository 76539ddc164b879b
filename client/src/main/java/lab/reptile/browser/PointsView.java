package lab.reptile.browser;

import org.teavm.jso.dom.html.HTMLElement;

/** Draws the {@link PointsPanel}: the points and the true curve on the plot, and the point count. */
final class PointsView {
    private final HTMLElement count = Page.find("point-count");
    private final Charts charts;
    private final PointsPanel panel;

    PointsView(Charts charts, PointsPanel panel) {
        this.charts = charts;
        this.panel = panel;
    }

    void render() {
        charts.drawTruth(panel.grid(), panel.truth());
        charts.drawPoints(panel.points());
        count.setTextContent(panel.countLabel());
    }
}
