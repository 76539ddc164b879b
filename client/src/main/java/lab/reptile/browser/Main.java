package lab.reptile.browser;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;
import org.teavm.jso.browser.Performance;
import org.teavm.jso.browser.Window;
import org.teavm.jso.dom.events.Event;
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
        Tap tap = new Tap();
        // Pointer events, so a finger works like a mouse; a scroll that starts on the plot cancels the tap.
        page.plot.addEventListener("pointerdown", (EventListener<MouseEvent>) e ->
                tap.press(pointerId(e), e.getOffsetX(), e.getOffsetY()));
        page.plot.addEventListener("pointercancel", e -> tap.cancel());
        page.plot.addEventListener("pointerup", (EventListener<MouseEvent>) e -> {
            if (tap.release(pointerId(e), e.getOffsetX(), e.getOffsetY())) {
                controller.tapPlot(e.getOffsetX(), e.getOffsetY(), Tap.hitRadius(pointerType(e)));
            }
        });
        page.adapt.addEventListener("click", e -> controller.adapt());
        page.clear.addEventListener("click", e -> controller.clear());
        page.randomSine.addEventListener("click", e -> controller.randomSine());
        page.tryClassic.addEventListener("click", e -> controller.tryClassic());
        page.fetchWeights.addEventListener("click", e -> controller.fetchWeights());
        page.steps.addEventListener("input", e -> page.showAdaptLabel(page.steps.getValue().trim()));
        page.stepSlider.addEventListener("input", e ->
                controller.showStep(Integer.parseInt(page.stepSlider.getValue())));
        for (int i = 0; i < page.toggles.length; i++) {
            page.toggles[i].addEventListener("change", e -> controller.toggled());
        }
        exposeBench(iterations -> InnerLoopBench.medianMillis(iterations, Performance::now));
        controller.fetchWeights();
        controller.fetchPretrained();
        controller.refreshTraining();
        Window.setInterval(controller::refreshTraining, TRAINING_POLL_MILLIS);
    }

    @JSBody(params = "e", script = "return e.pointerId;")
    private static native int pointerId(Event e);

    /** "mouse", "pen" or "touch". */
    @JSBody(params = "e", script = "return e.pointerType;")
    private static native String pointerType(Event e);

    /** The benchmark hook for the Selenium speed test: median milliseconds of 32 steps on 10 points. */
    @JSFunctor
    interface Bench extends JSObject {
        double run(int iterations);
    }

    @JSBody(params = "bench", script = "window.reptileBench = bench;")
    private static native void exposeBench(Bench bench);
}
