package lab.reptile.browser;

import java.util.Random;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;
import org.teavm.jso.browser.Performance;
import org.teavm.jso.dom.events.Event;
import org.teavm.jso.dom.events.EventListener;
import org.teavm.jso.dom.events.MouseEvent;
import org.teavm.jso.dom.html.HTMLInputElement;

/** Entry point of the browser app: builds the {@link LabPage} and its renderers, wires the page's events to it. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        Page page = new Page();
        Charts charts = new Charts(page);
        PageView view = new PageView();
        LabPage lab = new LabPage(new ServerApi(), new BrowserTimers(), page, view,
                new Random((long) (Math.random() * (1L << 48))));
        view.on(Changes.Part.POINTS, new PointsView(charts, lab.points())::render);
        view.on(Changes.Part.ADAPTATION, new AdaptView(page.stepSlider, charts, lab.adaptation())::render);
        view.on(Changes.Part.WEIGHTS, new WeightsView(charts, lab.weights(), lab.adaptation().adaptation())::render);
        view.on(Changes.Part.TRAINING, new TrainingView(charts, lab.training())::render);
        view.on(Changes.Part.MESSAGES, new MessagesView(lab.messages())::render);

        Tap tap = new Tap();
        // Pointer events, so a finger works like a mouse; a scroll that starts on the plot cancels the tap.
        page.plot.addEventListener("pointerdown", (EventListener<MouseEvent>) e ->
                tap.press(pointerId(e), e.getOffsetX(), e.getOffsetY()));
        page.plot.addEventListener("pointercancel", e -> tap.cancel());
        page.plot.addEventListener("pointerup", (EventListener<MouseEvent>) e -> {
            if (tap.release(pointerId(e), e.getOffsetX(), e.getOffsetY())) {
                lab.tapPlot(e.getOffsetX(), e.getOffsetY(), charts.plotArea(), Tap.hitRadius(pointerType(e)));
            }
        });
        page.adapt.addEventListener("click", e -> lab.adapt());
        page.clear.addEventListener("click", e -> lab.clear());
        page.randomSine.addEventListener("click", e -> lab.randomSine());
        page.tryClassic.addEventListener("click", e -> lab.tryClassic());
        page.fetchWeights.addEventListener("click", e -> lab.fetchWeights());
        page.stepsInput.addEventListener("input", e -> page.showAdaptLabel());
        page.stepSlider.addEventListener("input", e -> lab.showStep(Integer.parseInt(page.stepSlider.getValue())));
        for (Start start : Start.values()) {
            HTMLInputElement toggle = page.toggles[start.ordinal()];
            toggle.addEventListener("change", e -> lab.toggle(start, toggle.isChecked()));
            lab.toggle(start, toggle.isChecked()); // a reload may have restored an unchecked box
        }
        exposeBench(iterations -> InnerLoopBench.medianMillis(iterations, Performance::now));
        DragFrameBench frames = new DragFrameBench();
        exposeFrameBench(iterations -> frames.medianMillis(iterations, Performance::now));
        exposeEveryCurveBench(iterations -> frames.everyCurveMedianMillis(iterations, Performance::now));
        lab.start();
    }

    @JSBody(params = "e", script = "return e.pointerId;")
    private static native int pointerId(Event e);

    /** "mouse", "pen" or "touch". */
    @JSBody(params = "e", script = "return e.pointerType;")
    private static native String pointerType(Event e);

    /** A benchmark hook for BrowserBenchmark: median milliseconds over the given number of timed runs. */
    @JSFunctor
    interface Bench extends JSObject {
        double run(int iterations);
    }

    @JSBody(params = "bench", script = "window.reptileBench = bench;")
    private static native void exposeBench(Bench bench);

    /** The drag-frame benchmark's hook: median milliseconds of one frame ({@link DragFrameBench}). */
    @JSBody(params = "bench", script = "window.reptileFrameBench = bench;")
    private static native void exposeFrameBench(Bench bench);

    /** The same frame predicting all 27 curves, for comparison ({@link DragFrameBench#everyCurveFrame}). */
    @JSBody(params = "bench", script = "window.reptileEveryCurveBench = bench;")
    private static native void exposeEveryCurveBench(Bench bench);
}
