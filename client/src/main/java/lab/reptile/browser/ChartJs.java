package lab.reptile.browser;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.dom.html.HTMLCanvasElement;

/**
 * Binding to one Chart.js 4 chart (the global {@code Chart} from its WebJar), built from one of {@link ChartConfigs}
 * and exposed on {@code window} under a name so tests can read its data. Datasets are addressed by index.
 */
final class ChartJs {
    private final JSObject chart;

    /** Creates the chart on {@code canvas} and exposes it as {@code window[name]}. */
    ChartJs(HTMLCanvasElement canvas, JSObject config, String name) {
        chart = create(canvas, config);
        expose(name, chart);
    }

    /** Replaces a dataset's data with the pairs (xs[i], ys[i]); ys may be shorter (an empty curve hides it). */
    void setData(int dataset, double[] xs, double[] ys) {
        setData(chart, dataset, xs, ys, ys.length);
    }

    /** As {@link #setData(int, double[], double[])} with only the first {@code n} pairs. */
    void setData(int dataset, double[] xs, double[] ys, int n) {
        setData(chart, dataset, xs, ys, n);
    }

    /** Drops every dataset (the learning-curve chart rebuilds its one line per run). */
    void clearLines() {
        clearLines(chart);
    }

    /** Appends a solid line dataset with a legend entry {@code label}. */
    void addLine(String label, String colour, double width, ProgressHistory curve) {
        addLine(chart, label, colour, width, curve.tasksDone(), curve.mseAt8(), curve.tasksDone().length);
    }

    void setVisible(int dataset, boolean visible) {
        setHidden(chart, dataset, !visible);
    }

    /** Fixes an axis ("x" or "y") to [min, max]. */
    /** Switches {@code axis} between "linear" and "logarithmic" (seen at the next update). */
    void setType(String axis, String type) {
        setType(chart, axis, type);
    }

    void setRange(String axis, double min, double max) {
        setRange(chart, axis, min, max);
    }

    /** Redraws without animation (the page animates steps itself). */
    void update() {
        update(chart);
    }

    /** The plot rectangle inside the canvas, in CSS pixels, with the axes' current data range. */
    PlotArea plotArea() {
        return new PlotArea(edge(chart, "left"), edge(chart, "top"), edge(chart, "right"), edge(chart, "bottom"),
                limit(chart, "x", "min"), limit(chart, "x", "max"), limit(chart, "y", "min"), limit(chart, "y", "max"));
    }

    @JSBody(params = {"canvas", "config"}, script = "return new Chart(canvas, config);")
    private static native JSObject create(HTMLCanvasElement canvas, JSObject config);

    @JSBody(params = {"name", "chart"}, script = "window[name] = chart;")
    private static native void expose(String name, JSObject chart);

    @JSBody(params = {"chart", "dataset", "xs", "ys", "n"}, script = ""
            + "var data = new Array(n);"
            + "for (var i = 0; i < n; i++) data[i] = {x: xs[i], y: ys[i]};"
            + "chart.data.datasets[dataset].data = data;")
    private static native void setData(JSObject chart, int dataset, double[] xs, double[] ys, int n);

    @JSBody(params = "chart", script = "chart.data.datasets = [];")
    private static native void clearLines(JSObject chart);

    @JSBody(params = {"chart", "label", "colour", "width", "xs", "ys", "n"}, script = ""
            + "var data = new Array(n);"
            + "for (var i = 0; i < n; i++) data[i] = {x: xs[i], y: ys[i]};"
            + "chart.data.datasets.push({label: label, data: data, showLine: true, borderColor: colour,"
            // a dot while too short for a line
            + "  backgroundColor: colour, borderWidth: width, pointRadius: n < 3 ? 3 : 0,"
            + "  pointHitRadius: 0, tension: 0});")
    private static native void addLine(JSObject chart, String label, String colour, double width, double[] xs,
                                       double[] ys, int n);

    @JSBody(params = {"chart", "dataset", "hidden"}, script = "chart.data.datasets[dataset].hidden = hidden;")
    private static native void setHidden(JSObject chart, int dataset, boolean hidden);

    @JSBody(params = {"chart", "axis", "type"}, script = "chart.options.scales[axis].type = type;")
    private static native void setType(JSObject chart, String axis, String type);

    @JSBody(params = {"chart", "axis", "min", "max"}, script = ""
            + "chart.options.scales[axis].min = min; chart.options.scales[axis].max = max;")
    private static native void setRange(JSObject chart, String axis, double min, double max);

    @JSBody(params = "chart", script = "chart.update('none');")
    private static native void update(JSObject chart);

    @JSBody(params = {"chart", "side"}, script = "return chart.chartArea[side];")
    private static native double edge(JSObject chart, String side);

    @JSBody(params = {"chart", "axis", "end"}, script = "return chart.options.scales[axis][end];")
    private static native double limit(JSObject chart, String axis, String end);
}
