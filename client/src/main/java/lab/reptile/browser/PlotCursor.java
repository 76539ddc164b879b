package lab.reptile.browser;

/**
 * The plot's keyboard: a cursor in data coordinates and an optional selected point. Arrow keys move the selected
 * point, or the cursor when none is selected (a step is 1/50 of the plot's range, with Shift 1/10), both kept inside
 * the plot's range; Enter adds a point at the cursor and selects it; {@code [} and {@code ]} select the previous or
 * next point in x order; Delete or Backspace removes the selected point; Escape deselects, so the arrows move the
 * cursor again. Every other key (Tab above all) is left to the browser, so the plot is no keyboard trap.
 */
public final class PlotCursor {
    /** What a key did to the points, so the page knows what to re-run. */
    public enum Effect { NONE, CURSOR, SELECTED, MOVED, ADDED, REMOVED, FULL }

    private static final double STEP = 1.0 / 50;
    private static final double BIG_STEP = 1.0 / 10;

    private double x;
    private double y;
    /** Index into the point set of the selected point, or -1. */
    private int selected = -1;

    /**
     * Applies a key ({@code KeyboardEvent.key}, e.g. "ArrowLeft", "Enter", "[") to the points within the plot's data
     * range {@code area}; {@link Effect#NONE} for a key the plot does not take.
     */
    public Effect key(String key, boolean shift, PointSet points, PlotArea area) {
        double dx = (area.xMax() - area.xMin()) * (shift ? BIG_STEP : STEP);
        double dy = (area.yMax() - area.yMin()) * (shift ? BIG_STEP : STEP);
        return switch (key) {
            case "ArrowLeft" -> nudge(-dx, 0, points, area);
            case "ArrowRight" -> nudge(dx, 0, points, area);
            case "ArrowUp" -> nudge(0, dy, points, area);
            case "ArrowDown" -> nudge(0, -dy, points, area);
            case "Enter" -> add(points);
            case "[" -> select(points, -1);
            case "]" -> select(points, 1);
            case "Delete", "Backspace" -> remove(points);
            case "Escape" -> {
                if (selected < 0) {
                    yield Effect.NONE;
                }
                selected = -1;
                yield Effect.CURSOR;
            }
            default -> Effect.NONE;
        };
    }

    /** The points changed by other means (a click, Clear, a shared link): no point stays selected. */
    public void deselect() {
        selected = -1;
    }

    public double x() {
        return x;
    }

    public double y() {
        return y;
    }

    /** Index into the point set of the selected point, or -1. */
    public int selected() {
        return selected;
    }

    /**
     * What a screen reader is told: "Point 3 of 5 at x 1.20, y −0.40" (place in x order) for the selected point,
     * else "Cursor at x 0.00, y 0.00; 5 points".
     */
    public String announcement(PointSet points) {
        if (selected >= 0) {
            return "Point " + (rank(points, selected) + 1) + " of " + points.size() + " at " + where(points.x(selected),
                    points.y(selected));
        }
        return "Cursor at " + where(x, y) + "; " + points.size() + (points.size() == 1 ? " point" : " points");
    }

    private Effect nudge(double dx, double dy, PointSet points, PlotArea area) {
        x = clamp(x + dx, area.xMin(), area.xMax());
        y = clamp(y + dy, area.yMin(), area.yMax());
        if (selected < 0) {
            return Effect.CURSOR;
        }
        points.move(selected, x, y);
        return Effect.MOVED;
    }

    private Effect add(PointSet points) {
        if (points.size() == PointSet.MAX) {
            return Effect.FULL;
        }
        points.add(x, y);
        selected = points.size() - 1;
        return Effect.ADDED;
    }

    /** Selects the neighbour in x order ({@code direction} -1 or +1) of the selected point, or of the cursor. */
    private Effect select(PointSet points, int direction) {
        if (points.isEmpty()) {
            return Effect.NONE;
        }
        int best = -1;
        for (int i = 0; i < points.size(); i++) {
            if (i != selected && after(points, i, direction) && (best < 0 || after(points, best, i, direction))) {
                best = i;
            }
        }
        if (best < 0) {
            return Effect.NONE; // already at the first or last point
        }
        selected = best;
        x = points.x(best);
        y = points.y(best);
        return Effect.SELECTED;
    }

    /** True if point {@code i} lies beyond the selected point (or the cursor) in {@code direction}. */
    private boolean after(PointSet points, int i, int direction) {
        if (selected < 0) {
            return direction > 0 ? points.x(i) >= x : points.x(i) <= x;
        }
        return order(points, i, selected) * direction > 0;
    }

    /** True if point {@code a} lies beyond point {@code b} in {@code direction}, so b is the nearer one. */
    private static boolean after(PointSet points, int a, int b, int direction) {
        return order(points, a, b) * direction > 0;
    }

    /** Points in x order, ties broken by index: negative if {@code a} comes before {@code b}. */
    private static int order(PointSet points, int a, int b) {
        int byX = Double.compare(points.x(a), points.x(b));
        return byX != 0 ? byX : Integer.compare(a, b);
    }

    private Effect remove(PointSet points) {
        if (selected < 0) {
            return Effect.NONE;
        }
        points.remove(selected);
        selected = -1;
        return Effect.REMOVED;
    }

    private static int rank(PointSet points, int index) {
        int rank = 0;
        for (int i = 0; i < points.size(); i++) {
            rank += order(points, i, index) < 0 ? 1 : 0;
        }
        return rank;
    }

    private static String where(double x, double y) {
        return "x " + signed(x) + ", y " + signed(y);
    }

    /** Two decimals with a real minus sign, which screen readers say as "minus". */
    private static String signed(double value) {
        return Numbers.fixed(value, 2).replace('-', '\u2212');
    }

    private static double clamp(double value, double min, double max) {
        return Math.max(min, Math.min(max, value));
    }
}
