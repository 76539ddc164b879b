package lab.reptile.browser;

import lab.reptile.model.Points;

/** The points a visitor placed, edited by clicks: a click on a point removes it, a click elsewhere adds one. */
public final class PointSet {
    /** Most points the page accepts. */
    public static final int MAX = 100;

    /** What a click did. */
    public enum Edit { ADDED, REMOVED, IGNORED, FULL }

    private final double[] xs = new double[MAX];
    private final double[] ys = new double[MAX];
    private int size;

    /**
     * Applies a click at a pixel: outside the area it is ignored; within {@code hitRadius} pixels of a point it
     * removes the nearest such point; otherwise it adds the point under the cursor unless the set is full.
     */
    public Edit click(double px, double py, PlotArea area, double hitRadius) {
        if (!area.contains(px, py)) {
            return Edit.IGNORED;
        }
        int hit = nearest(px, py, area, hitRadius);
        if (hit >= 0) {
            remove(hit);
            return Edit.REMOVED;
        }
        if (size == MAX) {
            return Edit.FULL;
        }
        add(area.dataX(px), area.dataY(py));
        return Edit.ADDED;
    }

    /** Index of the point nearest to the pixel within {@code radius} pixels, or -1. */
    public int nearest(double px, double py, PlotArea area, double radius) {
        int best = -1;
        double bestSquared = radius * radius;
        for (int i = 0; i < size; i++) {
            double dx = area.pixelX(xs[i]) - px;
            double dy = area.pixelY(ys[i]) - py;
            double squared = dx * dx + dy * dy;
            if (squared <= bestSquared) {
                best = i;
                bestSquared = squared;
            }
        }
        return best;
    }

    public void add(double x, double y) {
        if (size == MAX) {
            throw new IllegalStateException("at most " + MAX + " points");
        }
        xs[size] = x;
        ys[size] = y;
        size++;
    }

    /** Moves point {@code index} to data (x, y). */
    public void move(int index, double x, double y) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("point " + index + " of " + size);
        }
        xs[index] = x;
        ys[index] = y;
    }

    public void remove(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("point " + index + " of " + size);
        }
        System.arraycopy(xs, index + 1, xs, index, size - index - 1);
        System.arraycopy(ys, index + 1, ys, index, size - index - 1);
        size--;
    }

    public void clear() {
        size = 0;
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public double x(int index) {
        return xs[index];
    }

    public double y(int index) {
        return ys[index];
    }

    /** A snapshot for the inner loop (copies, so later edits do not change it). */
    public Points toPoints() {
        double[] px = new double[size];
        double[] py = new double[size];
        System.arraycopy(xs, 0, px, 0, size);
        System.arraycopy(ys, 0, py, 0, size);
        return new Points(px, py);
    }
}
