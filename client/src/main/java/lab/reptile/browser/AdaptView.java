package lab.reptile.browser;

import org.teavm.jso.dom.html.HTMLElement;
import org.teavm.jso.dom.html.HTMLInputElement;

/**
 * Draws the {@link AdaptPanel}: every start's curve and MSE by step, the step slider (with aria-valuetext), the sine
 * plot's and MSE chart's text alternatives (aria-label), and the MSE readout with, for tests, data-state (the
 * panel's state), data-step (the shown step) and data-values (every step's MSE).
 */
final class AdaptView {
    private final HTMLElement stepLabel = Page.find("step-label");
    private final HTMLElement mse = Page.find("mse");
    private final HTMLElement compare = Page.find("mse-compare");
    private final HTMLElement plot = Page.find("plot");
    private final HTMLElement mseChart = Page.find("mse-chart");
    private final HTMLInputElement slider;
    private final Charts charts;
    private final AdaptPanel panel;
    private final PointsPanel points;

    AdaptView(HTMLInputElement slider, Charts charts, AdaptPanel panel, PointsPanel points) {
        this.slider = slider;
        this.charts = charts;
        this.panel = panel;
        this.points = points;
    }

    void render() {
        Adaptation adaptation = panel.adaptation();
        charts.drawAdaptation(adaptation, panel.visible());
        slider.setAttribute("max", Integer.toString(adaptation.steps()));
        slider.setValue(Integer.toString(adaptation.shownStep()));
        slider.setDisabled(adaptation.steps() == 0);
        slider.setAttribute("aria-valuetext", panel.stepValueText());
        plot.setAttribute("aria-label", panel.plotSummary(points.countLabel()));
        mseChart.setAttribute("aria-label", panel.mseChartSummary());
        stepLabel.setTextContent(panel.stepLabel());
        mse.setAttribute("data-state", panel.state().word());
        mse.setAttribute("data-step", Integer.toString(adaptation.shownStep()));
        mse.setAttribute("data-values", panel.mseValues());
        mse.setTextContent(panel.mseLabel());
        compare.setTextContent(panel.compareLine());
    }
}
