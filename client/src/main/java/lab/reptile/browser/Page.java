package lab.reptile.browser;

import org.teavm.jso.dom.html.HTMLCanvasElement;
import org.teavm.jso.dom.html.HTMLDocument;
import org.teavm.jso.dom.html.HTMLElement;
import org.teavm.jso.dom.html.HTMLInputElement;

/** The page's controls and canvases, found by their data-testid; the adapt form's fields are read through it. */
final class Page implements AdaptForm {
    final HTMLCanvasElement plot = (HTMLCanvasElement) find("plot");
    final HTMLCanvasElement mseChart = (HTMLCanvasElement) find("mse-chart");
    final HTMLCanvasElement progressChart = (HTMLCanvasElement) find("progress-chart");
    final HTMLElement adapt = find("adapt");
    final HTMLInputElement stepsInput = (HTMLInputElement) find("steps");
    final HTMLInputElement lrInput = (HTMLInputElement) find("lr");
    final HTMLElement clear = find("clear");
    final HTMLElement randomSine = find("random-sine");
    final HTMLElement tryClassic = find("try-classic");
    final HTMLElement fetchWeights = find("fetch-weights");
    final HTMLInputElement stepSlider = (HTMLInputElement) find("step-slider");
    /** The show/hide checkbox of each start's curve, in {@link Start} order. */
    final HTMLInputElement[] toggles = {(HTMLInputElement) find("show-meta"), (HTMLInputElement) find("show-random"),
        (HTMLInputElement) find("show-pretrained")};

    static HTMLElement find(String testId) {
        HTMLElement element = HTMLDocument.current().querySelector("[data-testid=\"" + testId + "\"]");
        if (element == null) {
            throw new IllegalStateException("the page has no element with data-testid=\"" + testId + "\"");
        }
        return element;
    }

    @Override
    public String steps() {
        return stepsInput.getValue();
    }

    @Override
    public String lr() {
        return lrInput.getValue();
    }

    @Override
    public void fill(String steps, String lr) {
        stepsInput.setValue(steps);
        lrInput.setValue(lr);
        showAdaptLabel();
    }

    /** Labels the adapt button with the steps field's count, e.g. "Adapt 8 steps". */
    void showAdaptLabel() {
        adapt.setTextContent(AdaptForm.buttonLabel(stepsInput.getValue()));
    }
}
