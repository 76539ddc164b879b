package lab.reptile.browser;

import java.util.Random;

import lab.reptile.model.SineTask;

/** The visitor's points and, after "Random sine", the true curve they were drawn from. */
public final class PointsPanel {
    private static final double[] NO_CURVE = new double[0];

    private final Changes changes;
    private final double[] grid;
    private final PointSet points = new PointSet();
    private final PlotCursor cursor = new PlotCursor();
    /** Whether the plot has the keyboard's focus, so its cursor is drawn. */
    private boolean focused;
    private double[] truth = NO_CURVE;
    /** The point being dragged, or -1. */
    private int grabbed = -1;

    /** @param grid the x at which the true curve is drawn */
    PointsPanel(Changes changes, double[] grid) {
        this.changes = changes;
        this.grid = grid;
    }

    /** Applies a click at a pixel (see {@link PointSet#click}); redraws only if a point came or went. */
    PointSet.Edit click(double px, double py, PlotArea area, double hitRadius) {
        PointSet.Edit edit = points.click(px, py, area, hitRadius);
        if (edit == PointSet.Edit.ADDED || edit == PointSet.Edit.REMOVED) {
            cursor.deselect();
            changes.mark(Changes.Part.POINTS);
        }
        return edit;
    }

    /** Applies a key to the points (see {@link PlotCursor#key}); redraws unless the plot did not take it. */
    PlotCursor.Effect key(String key, boolean shift, PlotArea area) {
        PlotCursor.Effect effect = cursor.key(key, shift, points, area);
        if (effect != PlotCursor.Effect.NONE) {
            changes.mark(Changes.Part.POINTS);
        }
        return effect;
    }

    /** The plot gained or lost the keyboard's focus. */
    void focus(boolean hasFocus) {
        focused = hasFocus;
        changes.mark(Changes.Part.POINTS);
    }

    /** A pointer went down: within {@code hitRadius} pixels of a point, that point may now be dragged. */
    void grab(double px, double py, PlotArea area, double hitRadius) {
        grabbed = area.contains(px, py) ? points.nearest(px, py, area, hitRadius) : -1;
    }

    /** Moves the grabbed point under the pointer, kept inside the plot; false if no point is grabbed. */
    boolean dragTo(double px, double py, PlotArea area) {
        if (grabbed < 0 || grabbed >= points.size()) {
            return false;
        }
        double x = area.dataX(Math.max(area.left(), Math.min(area.right(), px)));
        double y = area.dataY(Math.max(area.top(), Math.min(area.bottom(), py)));
        points.move(grabbed, x, y);
        changes.mark(Changes.Part.POINTS);
        return true;
    }

    /** The pointer went up or the gesture was cancelled. */
    void drop() {
        grabbed = -1;
    }

    /** Replaces the points with a shared set. */
    void replace(double[] xs, double[] ys) {
        points.clear();
        cursor.deselect();
        for (int i = 0; i < xs.length; i++) {
            points.add(xs[i], ys[i]);
        }
        truth = NO_CURVE;
        changes.mark(Changes.Part.POINTS);
    }

    /** Removes every point and the true curve. */
    void clear() {
        points.clear();
        cursor.deselect();
        truth = NO_CURVE;
        changes.mark(Changes.Part.POINTS);
    }

    /**
     * Replaces the points with {@link RandomSine#POINTS} evenly spaced on y = 2x where it stays inside the plot's
     * ±{@code yLimit} (x in [-yLimit/2, yLimit/2]), and shows that line as the true curve, clipped the same way.
     */
    void steepLine(double yLimit) {
        points.clear();
        double half = yLimit / 2;
        for (int i = 0; i < RandomSine.POINTS; i++) {
            double x = -half + 2 * half * i / (RandomSine.POINTS - 1);
            points.add(x, 2 * x);
        }
        truth = new double[grid.length];
        for (int i = 0; i < grid.length; i++) {
            truth[i] = Math.max(-yLimit, Math.min(yLimit, 2 * grid[i]));
        }
        changes.mark(Changes.Part.POINTS);
    }

    /** Replaces the points with {@link RandomSine#POINTS} on a new random sine and shows its curve. */
    SineTask randomSine(Random rng) {
        cursor.deselect();
        SineTask task = RandomSine.drawInto(points, rng);
        truth = RandomSine.curve(task, grid);
        changes.mark(Changes.Part.POINTS);
        return task;
    }

    /** The points (read only: edits go through this panel so the page redraws them). */
    public PointSet points() {
        return points;
    }

    /** The keyboard's cursor and selected point. */
    public PlotCursor cursor() {
        return cursor;
    }

    /** Whether the keyboard's cursor is shown (the plot has focus). */
    public boolean focused() {
        return focused;
    }

    /** The live region's sentence for screen readers, e.g. "Point 3 of 5 at x 1.20, y −0.40". */
    public String announcement() {
        return cursor.announcement(points);
    }

    /** The x of the true curve, [GRID_SIZE]. */
    public double[] grid() {
        return grid;
    }

    /** The true curve's y on the grid, or empty when there is none. */
    public double[] truth() {
        return truth;
    }

    /** The point count's label, e.g. "1 point" or "10 points". */
    public String countLabel() {
        return points.size() + (points.size() == 1 ? " point" : " points");
    }
}
