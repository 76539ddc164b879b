package lab.reptile.browser;

import org.teavm.jso.dom.html.HTMLCanvasElement;
import org.teavm.jso.dom.html.HTMLDocument;
import org.teavm.jso.dom.html.HTMLElement;
import org.teavm.jso.dom.html.HTMLInputElement;
import org.teavm.jso.dom.html.HTMLSelectElement;

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
    final HTMLElement runSelect = find("run-select");
    final HTMLInputElement timeline = (HTMLInputElement) find("timeline");
    final HTMLElement replay = find("replay");
    final HTMLInputElement follow = (HTMLInputElement) find("follow");
    final HTMLElement startRun = find("start-run");
    final HTMLSelectElement runPreset = (HTMLSelectElement) find("run-preset");
    final HTMLElement share = find("share");
    /** The start-a-run form's inputs, in {@link RunRequest#FIELDS} order. */
    final HTMLInputElement[] runFields = new HTMLInputElement[RunRequest.FIELDS.length];

    {
        for (int i = 0; i < runFields.length; i++) {
            runFields[i] = (HTMLInputElement) find("run-" + RunRequest.FIELDS[i][0]);
        }
    }

    /** The start-a-run form's texts, in {@link RunRequest#FIELDS} order. */
    String[] runFieldTexts() {
        String[] texts = new String[runFields.length];
        for (int i = 0; i < texts.length; i++) {
            texts[i] = runFields[i].getValue();
        }
        return texts;
    }

    /** Disables the fields a chosen preset does not take (all but its seed), and enables them again without one. */
    void showPresetChoice() {
        boolean preset = !runPreset.getValue().isEmpty();
        for (int i = RunRequest.PRESET_FIELDS; i < runFields.length; i++) {
            runFields[i].setDisabled(preset);
        }
    }

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
