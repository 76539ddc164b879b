package lab.reptile.browser;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;
import org.teavm.jso.browser.Performance;
import org.teavm.jso.browser.Window;
import org.teavm.jso.dom.events.EventListener;
import org.teavm.jso.dom.events.MouseEvent;

/** Entry point of the browser app: finds the page's elements, wires their events to the controller, starts polling. */
public final class Main {
    /** How often the training progress is refreshed. */
    private static final int TRAINING_POLL_MILLIS = 3000;

    private Main() {
    }

    public static void main(String[] args) {
        Page page = new Page();
        Controller controller = new Controller(page);
        page.plot.addEventListener("click", (EventListener<MouseEvent>) e ->
                controller.clickPlot(e.getOffsetX(), e.getOffsetY()));
        page.adapt.addEventListener("click", e -> controller.adapt());
        page.clear.addEventListener("click", e -> controller.clear());
        page.randomSine.addEventListener("click", e -> controller.randomSine());
        page.fetchWeights.addEventListener("click", e -> controller.fetchWeights());
        page.steps.addEventListener("input", e -> page.showAdaptLabel(page.steps.getValue().trim()));
        page.stepSlider.addEventListener("input", e ->
                controller.showStep(Integer.parseInt(page.stepSlider.getValue())));
        exposeBench(iterations -> InnerLoopBench.medianMillis(iterations, Performance::now));
        controller.fetchWeights();
        controller.refreshTraining();
        Window.setInterval(controller::refreshTraining, TRAINING_POLL_MILLIS);
    }

    /** The benchmark hook for the Selenium speed test: median milliseconds of 32 steps on 10 points. */
    @JSFunctor
    interface Bench extends JSObject {
        double run(int iterations);
    }

    @JSBody(params = "bench", script = "window.reptileBench = bench;")
    private static native void exposeBench(Bench bench);
}
