package lab.reptile.browser;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;

/**
 * The three charts' Chart.js configurations. Every curve differs by dash style as well as colour: from the
 * meta-weights red and solid, from the random init blue and dashed, from the pretrained net orange and dotted.
 * Animation is off (the page animates steps itself) and so are the built-in legends (the page has labelled toggles),
 * but for the learning-curve chart's, which names its runs.
 */
final class ChartConfigs {
    /** Datasets of the main plot, by index; the labels are the tests' names for them. */
    static final int META = 0;
    static final int TRUTH = 1;
    static final int ADAPTED = 2;
    static final int POINTS = 3;
    static final int ADAPTED_RANDOM = 4;
    static final int ADAPTED_PRETRAINED = 5;
    /** The keyboard's cursor (a blue cross, while the plot has focus) and the selected point's ring. */
    static final int CURSOR = 6;
    static final int SELECTED = 7;
    /** The learning-curve chart's colour for each run, in the order the page first saw them. */
    static final String[] RUN_COLOURS = {"#7b1fa2", "#00897b", "#c2185b", "#5d4037", "#3949ab", "#f9a825"};

    private ChartConfigs() {
    }

    /** Index in the main plot of the adapted curve from {@code start}; in the MSE chart it is the start's ordinal. */
    static int curve(Start start) {
        return start == Start.META ? ADAPTED : start == Start.RANDOM ? ADAPTED_RANDOM : ADAPTED_PRETRAINED;
    }

    // Shared helpers, prepended to each script: a line dataset, and linear/log axes with a title.
    private static final String HELPERS = ""
            + "function line(label, color, width, dash, order) {"
            + "  return {label: label, data: [], showLine: true, borderColor: color, backgroundColor: color,"
            + "    borderWidth: width, borderDash: dash, borderCapStyle: dash.length ? 'round' : 'butt',"
            + "    pointRadius: 0, pointHitRadius: 0, tension: 0, order: order}; }"
            // A tick for people: thousands separators, a power of ten as 10ⁿ from 10⁶ up or below 0.001, never E
            // notation; a log axis labels only its powers of ten.
            + "function sup(n) { return String(n).split('').map(function(c) {"
            + "  return c === '-' ? '\u207b' : '\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079'"
            + "    .charAt(+c); }).join(''); }"
            + "function tick(v) {"
            + "  var log = this.type === 'logarithmic', l = Math.log10(Math.abs(v));"
            + "  var whole = Math.abs(l - Math.round(l)) < 1e-9;"
            + "  if (log && !whole) return '';"
            + "  if (v !== 0 && (Math.abs(v) >= 1e6 || Math.abs(v) < 1e-3)) {"
            + "    var e = Math.floor(l + 1e-9), m = v / Math.pow(10, e);"
            + "    return (whole ? '' : (Math.round(m * 100) / 100) + '\u00d7') + '10' + sup(e); }"
            + "  return v.toLocaleString('en-US', {maximumFractionDigits: 4}); }"
            + "function axis(type, min, max, title) {"
            + "  return {type: type, min: min, max: max, title: {display: true, text: title},"
            + "    ticks: {maxRotation: 0, callback: tick}}; }"
            + "function options(x, y) {"
            + "  return {animation: false, parsing: false, responsive: true, maintainAspectRatio: false, events: [],"
            + "    layout: {padding: 4}, scales: {x: x, y: y},"
            + "    plugins: {legend: {display: false}, tooltip: {enabled: false}}}; }";

    /** The sine plot: meta (grey), truth (green), adapted (red), points (black x), then the two baselines. */
    @JSBody(params = {"xMin", "xMax", "yMin", "yMax"}, script = HELPERS
            + "var points = {label: 'points', data: [], showLine: false, pointStyle: 'crossRot', pointRadius: 7,"
            + "  pointHoverRadius: 7, borderColor: '#111', backgroundColor: '#111', borderWidth: 2.5, order: 0};"
            + "var cursor = {label: 'cursor', data: [], showLine: false, pointStyle: 'cross', pointRadius: 12,"
            + "  borderColor: '#1a73e8', borderWidth: 2, order: -1};"
            + "var selected = {label: 'selected', data: [], showLine: false, pointStyle: 'circle', pointRadius: 11,"
            + "  borderColor: '#1a73e8', backgroundColor: 'rgba(0,0,0,0)', borderWidth: 3, order: -2};"
            + "var o = options(axis('linear', xMin, xMax, 'x'), axis('linear', yMin, yMax, 'y'));"
            + "o.scales.x.ticks.stepSize = 1; o.scales.y.ticks.stepSize = 1;"
            + "return {type: 'scatter', options: o, data: {datasets: [line('meta', '#9aa0a6', 1.25, [], 5),"
            + "  line('truth', '#2e9e44', 2, [], 4), line('adapted', '#d93025', 3, [], 1), points,"
            + "  line('adapted-random', '#1a73e8', 2.5, [9, 6], 2),"
            + "  line('adapted-pretrained', '#e8710a', 3, [1, 6], 3), cursor, selected]}};")
    static native JSObject plot(double xMin, double xMax, double yMin, double yMax);

    /** MSE on the points after each step, log scale, one line per start in {@link Start} order. */
    @JSBody(script = HELPERS
            + "function mse(label, color, dash, style) { var d = line(label, color, 2.5, dash, 0);"
            + "  d.pointRadius = 3; d.pointStyle = style; return d; }"
            + "return {type: 'scatter', options: options(axis('linear', 0, 8, 'step'),"
            + "    axis('logarithmic', 0.01, 10, 'MSE on points')),"
            + "  data: {datasets: [mse('mse-meta', '#d93025', [], 'circle'),"
            + "    mse('mse-random', '#1a73e8', [9, 6], 'rect'),"
            + "    mse('mse-pretrained', '#e8710a', [1, 6], 'triangle')]}};")
    static native JSObject mseByStep();

    /** Validation MSE after 8 steps against tasks trained on, log scale, one line per run with a legend naming it. */
    @JSBody(script = HELPERS
            + "var o = options(axis('linear', 0, 1, 'tasks trained on'),"
            + "    axis('logarithmic', 0.01, 10, 'validation MSE, 8 steps'));"
            + "o.plugins.legend = {display: true, position: 'bottom', labels: {boxWidth: 14, boxHeight: 3}};"
            + "return {type: 'scatter', options: o, data: {datasets: []}};")
    static native JSObject progress();
}
