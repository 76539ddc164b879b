package lab.reptile.browser;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.dom.html.HTMLCanvasElement;

/**
 * Binding to Chart.js 4 (the global {@code Chart} from its WebJar): one chart with fixed axes and four datasets in
 * this order, labelled for tests: meta (grey), truth (green), adapted (red), points (black x).
 */
final class ChartJs {
    static final int META = 0;
    static final int TRUTH = 1;
    static final int ADAPTED = 2;
    static final int POINTS = 3;

    private final JSObject chart;
    private final double xMin;
    private final double xMax;
    private final double yMin;
    private final double yMax;

    /** Creates the chart and exposes it as {@code window.reptileChart} so tests can read its data. */
    ChartJs(HTMLCanvasElement canvas, double xMin, double xMax, double yMin, double yMax) {
        this.xMin = xMin;
        this.xMax = xMax;
        this.yMin = yMin;
        this.yMax = yMax;
        chart = create(canvas, xMin, xMax, yMin, yMax);
        expose(chart);
    }

    /** Replaces a dataset's data with the pairs (xs[i], ys[i]); ys may be shorter (an empty curve hides it). */
    void setData(int dataset, double[] xs, double[] ys) {
        setData(chart, dataset, xs, ys);
    }

    /** Redraws without animation (the page animates steps itself). */
    void update() {
        update(chart);
    }

    /** The plot rectangle inside the canvas, in CSS pixels, with the axes' fixed data range. */
    PlotArea plotArea() {
        return new PlotArea(edge(chart, "left"), edge(chart, "top"), edge(chart, "right"), edge(chart, "bottom"),
                xMin, xMax, yMin, yMax);
    }

    // parsing: false because every dataset is given as {x, y} objects; animation off so updates are instant.
    @JSBody(params = {"canvas", "xMin", "xMax", "yMin", "yMax"}, script = ""
            + "function line(label, color, width) {"
            + "  return {label: label, data: [], showLine: true, borderColor: color, backgroundColor: color,"
            + "    borderWidth: width, pointRadius: 0, pointHitRadius: 0, pointStyle: 'line', tension: 0}; }"
            + "var points = {label: 'points', data: [], showLine: false, pointStyle: 'crossRot', pointRadius: 7,"
            + "  pointHoverRadius: 7, borderColor: '#111', backgroundColor: '#111', borderWidth: 2.5};"
            + "return new Chart(canvas, {type: 'scatter',"
            + "  data: {datasets: [line('meta', '#9aa0a6', 1.25), line('truth', '#2e9e44', 2),"
            + "    line('adapted', '#d93025', 2.75), points]},"
            + "  options: {animation: false, parsing: false, responsive: true, maintainAspectRatio: false,"
            + "    events: [], layout: {padding: 4},"
            + "    scales: {x: {type: 'linear', min: xMin, max: xMax, ticks: {stepSize: 1},"
            + "        title: {display: true, text: 'x'}},"
            + "      y: {type: 'linear', min: yMin, max: yMax, ticks: {stepSize: 1},"
            + "        title: {display: true, text: 'y'}}},"
            + "    plugins: {tooltip: {enabled: false},"
            + "      legend: {position: 'top', labels: {usePointStyle: true, boxWidth: 28, padding: 16}}}}});")
    private static native JSObject create(HTMLCanvasElement canvas, double xMin, double xMax, double yMin,
                                          double yMax);

    @JSBody(params = "chart", script = "window.reptileChart = chart;")
    private static native void expose(JSObject chart);

    @JSBody(params = {"chart", "dataset", "xs", "ys"}, script = ""
            + "var data = new Array(ys.length);"
            + "for (var i = 0; i < ys.length; i++) data[i] = {x: xs[i], y: ys[i]};"
            + "chart.data.datasets[dataset].data = data;")
    private static native void setData(JSObject chart, int dataset, double[] xs, double[] ys);

    @JSBody(params = "chart", script = "chart.update('none');")
    private static native void update(JSObject chart);

    @JSBody(params = {"chart", "side"}, script = "return chart.chartArea[side];")
    private static native double edge(JSObject chart, String side);
}
