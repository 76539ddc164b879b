package lab.reptile.browser;

import org.teavm.jso.dom.html.HTMLElement;

/** Draws the {@link PointsPanel}: the points, the true curve, the keyboard's cursor and
 * selection on the plot, the point count and the screen reader's sentence about the cursor. */
final class PointsView {
    private final HTMLElement count = Page.find("point-count");
    private final HTMLElement announce = Page.find("plot-announce");
    private final HTMLElement plot = Page.find("plot");
    private final Charts charts;
    private final PointsPanel panel;
    private final AdaptPanel adaptation;

    PointsView(Charts charts, PointsPanel panel, AdaptPanel adaptation) {
        this.charts = charts;
        this.panel = panel;
        this.adaptation = adaptation;
    }

    void render() {
        charts.drawTruth(panel.grid(), panel.truth());
        charts.drawPoints(panel.points());
        PlotCursor cursor = panel.cursor();
        charts.drawCursor(panel.focused(), cursor.x(), cursor.y(), panel.points(), cursor.selected());
        count.setTextContent(panel.countLabel());
        announce.setTextContent(panel.announcement());
        plot.setAttribute("aria-label", adaptation.plotSummary(panel.countLabel()));
    }
}
