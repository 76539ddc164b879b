package lab.reptile.browser;

import java.util.Random;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;
import org.teavm.jso.browser.Performance;
import org.teavm.jso.dom.events.Event;
import org.teavm.jso.dom.events.EventListener;
import org.teavm.jso.dom.events.KeyboardEvent;
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
        view.on(Changes.Part.POINTS, new PointsView(charts, lab.points(), lab.adaptation())::render);
        AdaptView adaptView = new AdaptView(page.stepSlider, charts, lab.adaptation(), lab.points());
        StoryView story = new StoryView(lab.story());
        view.on(Changes.Part.ADAPTATION, () -> {
            adaptView.render();
            story.render(); // the story's last step reads the MSEs on screen
        });
        view.on(Changes.Part.STORY, story::render);
        view.on(Changes.Part.WEIGHTS, new WeightsView(charts, lab.weights(), lab.adaptation().adaptation())::render);
        TrainingView progress = new TrainingView(lab.progressCard()); // the chosen run's: a pick changes it
        view.on(Changes.Part.TRAINING, progress::render);
        view.on(Changes.Part.RUNS, progress::render);
        view.on(Changes.Part.MESSAGES, new MessagesView(lab.messages())::render);
        view.on(Changes.Part.RUNS, new RunsView(new CompareView(charts, lab), lab.runs())::render);

        Tap tap = new Tap();
        // Pointer events, so a finger works like a mouse: a press on a point that moves drags it (the canvas keeps
        // the pointer while it does), a press and release in place is a tap, a cancelled gesture neither.
        // The axes as they were at the press: taking focus redraws the plot, which may lay its axes out anew before the
        // release, and a tap belongs to the axes the visitor aimed at.
        PlotArea[] pressed = new PlotArea[1];
        page.plot.addEventListener("pointerdown", (EventListener<MouseEvent>) e -> {
            tap.press(pointerId(e), e.getOffsetX(), e.getOffsetY());
            pressed[0] = charts.plotArea();
            lab.pressPlot(e.getOffsetX(), e.getOffsetY(), charts.plotArea(), Tap.hitRadius(pointerType(e)));
            capturePointer(page.plot, e);
        });
        page.plot.addEventListener("pointermove", (EventListener<MouseEvent>) e -> {
            if (tap.move(pointerId(e), e.getOffsetX(), e.getOffsetY())) {
                lab.dragPlot(e.getOffsetX(), e.getOffsetY(), charts.plotArea());
            }
        });
        page.plot.addEventListener("pointercancel", e -> {
            tap.cancel();
            lab.releasePlot();
        });
        page.plot.addEventListener("pointerup", (EventListener<MouseEvent>) e -> {
            lab.releasePlot();
            if (tap.release(pointerId(e), e.getOffsetX(), e.getOffsetY())) {
                lab.tapPlot(tap.pressX(), tap.pressY(), pressed[0], Tap.hitRadius(pointerType(e)));
            }
        });
        // The keyboard (PlotCursor): keys the plot takes do not scroll the page; Tab and the rest go to the browser.
        page.plot.addEventListener("keydown", (EventListener<KeyboardEvent>) e -> {
            if (!e.isCtrlKey() && !e.isAltKey() && !e.isMetaKey()
                    && lab.keyPlot(e.getKey(), e.isShiftKey(), charts.plotArea())) {
                e.preventDefault();
            }
        });
        page.plot.addEventListener("focus", e -> lab.focusPlot(true));
        page.plot.addEventListener("blur", e -> lab.focusPlot(false));
        // A finger scrolls the page (the canvas allows panning) unless it starts on a point: then it drags that point.
        onTouchStart(page.plot, (x, y) -> lab.hitsPoint(x, y, charts.plotArea(), Tap.TOUCH_HIT_RADIUS));
        page.runSelect.addEventListener("change", e -> lab.chooseRun(selectValue(page.runSelect)));
        page.timeline.addEventListener("input", e -> lab.moveTimeline(Integer.parseInt(page.timeline.getValue())));
        page.replay.addEventListener("click", e -> lab.replay());
        page.follow.addEventListener("change", e -> lab.follow(page.follow.isChecked()));
        page.startRun.addEventListener("click", e -> lab.startRun(page.runPreset.getValue(), page.runFieldTexts()));
        page.runPreset.addEventListener("change", e -> page.showPresetChoice());
        page.showPresetChoice(); // a reload may restore a chosen preset
        page.share.addEventListener("click", e -> shareUrl(lab.share()));
        page.adapt.addEventListener("click", e -> lab.adapt());
        page.clear.addEventListener("click", e -> lab.clear());
        page.randomSine.addEventListener("click", e -> lab.randomSine());
        page.tryClassic.addEventListener("click", e -> lab.tryClassic());
        page.fetchWeights.addEventListener("click", e -> lab.fetchWeights());
        Page.find("story-next").addEventListener("click", e -> lab.storyNext());
        Page.find("story-back").addEventListener("click", e -> lab.storyBack());
        Page.find("steep-line").addEventListener("click", e -> lab.steepLine());
        page.stepsInput.addEventListener("input", e -> page.showAdaptLabel());
        page.stepSlider.addEventListener("input", e -> lab.showStep(Integer.parseInt(page.stepSlider.getValue())));
        for (Start start : Start.values()) {
            HTMLInputElement toggle = page.toggles[start.ordinal()];
            toggle.addEventListener("change", e -> lab.toggle(start, toggle.isChecked()));
            lab.toggle(start, toggle.isChecked()); // a reload may have restored an unchecked box
        }
        // Enter in a field submits its form, as in a <form>: the adapt fields adapt, the run fields start a run.
        onEnter(page.stepsInput, lab::adapt);
        onEnter(page.lrInput, lab::adapt);
        for (HTMLInputElement field : page.runFields) {
            onEnter(field, () -> lab.startRun(page.runPreset.getValue(), page.runFieldTexts()));
        }
        exposeBench(iterations -> InnerLoopBench.medianMillis(iterations, Performance::now));
        DragFrameBench frames = new DragFrameBench();
        exposeFrameBench(iterations -> frames.medianMillis(iterations, Performance::now));
        exposeEveryCurveBench(iterations -> frames.everyCurveMedianMillis(iterations, Performance::now));
        lab.start(locationHash());
    }

    private static void onEnter(HTMLInputElement field, Runnable submit) {
        field.addEventListener("keydown", (EventListener<KeyboardEvent>) e -> {
            if ("Enter".equals(e.getKey())) {
                e.preventDefault();
                submit.run();
            }
        });
    }

    @JSBody(params = {"canvas", "e"}, script = "try { canvas.setPointerCapture(e.pointerId); } catch (x) {}")
    private static native void capturePointer(JSObject canvas, Event e);

    /** Whether a touch at canvas pixel (x, y) is on a point. */
    @JSFunctor
    interface Hit extends JSObject {
        boolean test(double x, double y);
    }

    /** Stops the browser's own gesture (a scroll) for a touch that starts on a point, so it drags the point instead. */
    @JSBody(params = {"canvas", "hit"}, script = "canvas.addEventListener('touchstart', function(e) {"
            + "  var r = canvas.getBoundingClientRect(), t = e.changedTouches[0];"
            + "  if (e.touches.length === 1 && hit(t.clientX - r.left, t.clientY - r.top)) e.preventDefault();"
            + "}, {passive: false});")
    private static native void onTouchStart(JSObject canvas, Hit hit);

    @JSBody(params = "select", script = "return select.value;")
    private static native String selectValue(JSObject select);

    @JSBody(script = "return decodeURIComponent(location.hash || '');")
    private static native String locationHash();

    /** Puts the fragment in the address bar (without a reload) and copies the whole URL, where the browser lets us. */
    @JSBody(params = "fragment", script = "history.replaceState(null, '', '#' + fragment);"
            + "if (navigator.clipboard) navigator.clipboard.writeText(location.href).catch(function() {});")
    private static native void shareUrl(String fragment);

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
