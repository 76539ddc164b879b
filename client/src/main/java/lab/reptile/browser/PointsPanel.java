package lab.reptile.browser;

import java.util.Random;

import lab.reptile.model.SineTask;

/** The visitor's points and, after "Random sine", the true curve they were drawn from. */
public final class PointsPanel {
    private static final double[] NO_CURVE = new double[0];

    private final Changes changes;
    private final double[] grid;
    private final PointSet points = new PointSet();
    private double[] truth = NO_CURVE;

    /** @param grid the x at which the true curve is drawn */
    PointsPanel(Changes changes, double[] grid) {
        this.changes = changes;
        this.grid = grid;
    }

    /** Applies a click at a pixel (see {@link PointSet#click}); redraws only if a point came or went. */
    PointSet.Edit click(double px, double py, PlotArea area, double hitRadius) {
        PointSet.Edit edit = points.click(px, py, area, hitRadius);
        if (edit == PointSet.Edit.ADDED || edit == PointSet.Edit.REMOVED) {
            changes.mark(Changes.Part.POINTS);
        }
        return edit;
    }

    /** Removes every point and the true curve. */
    void clear() {
        points.clear();
        truth = NO_CURVE;
        changes.mark(Changes.Part.POINTS);
    }

    /** Replaces the points with {@link RandomSine#POINTS} on a new random sine and shows its curve. */
    SineTask randomSine(Random rng) {
        SineTask task = RandomSine.drawInto(points, rng);
        truth = RandomSine.curve(task, grid);
        changes.mark(Changes.Part.POINTS);
        return task;
    }

    /** The points (read only: edits go through this panel so the page redraws them). */
    public PointSet points() {
        return points;
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
