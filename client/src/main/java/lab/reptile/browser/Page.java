package lab.reptile.browser;

import org.teavm.jso.dom.html.HTMLCanvasElement;
import org.teavm.jso.dom.html.HTMLDocument;
import org.teavm.jso.dom.html.HTMLElement;
import org.teavm.jso.dom.html.HTMLInputElement;

/** The page's elements, found by their data-testid, and the small methods that write into them. */
final class Page {
    final HTMLCanvasElement plot = (HTMLCanvasElement) find("plot");
    final HTMLCanvasElement mseChart = (HTMLCanvasElement) find("mse-chart");
    final HTMLCanvasElement progressChart = (HTMLCanvasElement) find("progress-chart");
    final HTMLElement adapt = find("adapt");
    final HTMLInputElement steps = (HTMLInputElement) find("steps");
    final HTMLInputElement lr = (HTMLInputElement) find("lr");
    final HTMLElement clear = find("clear");
    final HTMLElement randomSine = find("random-sine");
    final HTMLElement tryClassic = find("try-classic");
    final HTMLElement fetchWeights = find("fetch-weights");
    final HTMLInputElement stepSlider = (HTMLInputElement) find("step-slider");
    /** The show/hide checkbox of each start's curve, in {@link Start} order. */
    final HTMLInputElement[] toggles = {(HTMLInputElement) find("show-meta"), (HTMLInputElement) find("show-random"),
        (HTMLInputElement) find("show-pretrained")};
    private final HTMLElement stepLabel = find("step-label");
    private final HTMLElement metaIteration = find("meta-iteration");
    private final HTMLElement weightsVersion = find("weights-version");
    private final HTMLElement error = find("error");
    private final HTMLElement status = find("status");
    private final HTMLElement mse = find("mse");
    private final HTMLElement mseCompare = find("mse-compare");
    private final HTMLElement pretrainedNote = find("pretrained-note");
    private final HTMLElement pointCount = find("point-count");
    private final HTMLElement progressBar = find("progress-bar");
    private final HTMLElement training = find("training");
    private static final String STALE = "last known: ";
    private static final String[] NAMES = {"Reptile", "random", "pretrained"};

    static HTMLElement find(String testId) {
        HTMLElement element = HTMLDocument.current().querySelector("[data-testid=\"" + testId + "\"]");
        if (element == null) {
            throw new IllegalStateException("the page has no element with data-testid=\"" + testId + "\"");
        }
        return element;
    }

    /** Which starts' curves the visitor wants to see, in {@link Start} order. */
    boolean[] visible() {
        boolean[] shown = new boolean[toggles.length];
        for (int i = 0; i < shown.length; i++) {
            shown[i] = toggles[i].isChecked();
        }
        return shown;
    }

    void showWeights(long iteration, long version) {
        metaIteration.setTextContent(Long.toString(iteration));
        weightsVersion.setTextContent(Long.toString(version));
    }

    /** Shows the banner with {@code message}, or hides it for null. */
    void showError(String message) {
        error.setTextContent(message == null ? "" : message);
        error.setHidden(message == null);
    }

    /** A short line about the last action (hints, input problems), not about the server. */
    void showStatus(String message) {
        status.setTextContent(message);
    }

    /** A word on the pretrained toggle while its weights are not there ("loading…"), empty once they are. */
    void showPretrainedNote(String note) {
        pretrainedNote.setTextContent(note);
    }

    /** Labels the adapt button with the step count, e.g. "Adapt 8 steps". */
    void showAdaptLabel(String steps) {
        adapt.setTextContent("Adapt " + steps + ("1".equals(steps) ? " step" : " steps"));
    }

    void showPointCount(int count) {
        pointCount.setTextContent(count + (count == 1 ? " point" : " points"));
    }

    /** Sets the slider to 0..steps at {@code shown}; disabled while there is no adaptation. */
    void showStep(int shown, int steps) {
        stepSlider.setAttribute("max", Integer.toString(steps));
        stepSlider.setValue(Integer.toString(shown));
        stepSlider.setDisabled(steps == 0);
        stepLabel.setTextContent(steps == 0 ? "–" : shown + " / " + steps);
    }

    /**
     * Writes the MSE on the points after the shown step, and for tests: data-values (every step's MSE, full
     * precision, comma-separated), data-step (shown step) and data-state ("idle", "animating" or "done").
     */
    void showMse(double[] mseByStep, int shown, String state) {
        mse.setAttribute("data-state", state);
        mse.setAttribute("data-step", Integer.toString(shown));
        StringBuilder values = new StringBuilder();
        for (int s = 0; s < mseByStep.length; s++) {
            values.append(s == 0 ? "" : ",").append(mseByStep[s]);
        }
        mse.setAttribute("data-values", values.toString());
        if (mseByStep.length == 0) {
            mse.setTextContent("–");
            return;
        }
        mse.setTextContent(Numbers.short3(mseByStep[shown]) + " (step 0: " + Numbers.short3(mseByStep[0]) + ")");
    }

    /** One line under the MSE chart: every start's MSE on the points after the shown step. */
    void showMseCompare(Adaptation adaptation) {
        StringBuilder line = new StringBuilder();
        for (Start start : Start.values()) {
            double[] mse = adaptation.mseByStep(start);
            if (mse.length > 0) {
                line.append(line.length() == 0 ? "After step " + adaptation.shownStep() + ": " : " · ")
                        .append(NAMES[start.ordinal()]).append(' ').append(Numbers.short3(mse[adaptation.shownStep()]));
            }
        }
        mseCompare.setTextContent(line.length() == 0 ? "Add points to compare the three starts." : line.toString());
    }

    /** Marks the progress line as out of date while the server cannot be asked. */
    void showTrainingStale() {
        String text = training.getTextContent();
        if (!text.startsWith(STALE)) {
            training.setTextContent(STALE + text);
        }
    }

    void showTraining(TrainingProgress status) {
        progressBar.getStyle().setProperty("width", Numbers.fixed(100 * status.fraction(), 1) + "%");
        progressBar.setAttribute("data-state", status.state());
        training.setTextContent(status.summary());
    }
}
