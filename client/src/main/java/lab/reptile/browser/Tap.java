package lab.reptile.browser;

/**
 * Tells a tap or click on the plot from a drag or scroll, for pointer events of any kind (mouse, pen, touch): a
 * press and a release of the same pointer, close together. A press that moves farther than {@link #SLOP} becomes a
 * drag and is no tap any more; a scroll gesture cancels the press.
 */
public final class Tap {
    /** A release farther than this (CSS pixels) from its press is a drag, not a tap. */
    public static final double SLOP = 10;
    /** Fingers are wider than cursors: a touch this close to a point removes it. */
    public static final double TOUCH_HIT_RADIUS = 18;
    /** A mouse or pen click this close to a point removes it. */
    public static final double POINTER_HIT_RADIUS = 9;

    private int pointer = -1;
    private double x;
    private double y;
    private boolean dragging;

    /** A pointer went down at (px, py). */
    public void press(int pointerId, double px, double py) {
        pointer = pointerId;
        x = px;
        y = py;
        dragging = false;
    }

    /** The pressed pointer moved to (px, py); true once the press has become a drag. */
    public boolean move(int pointerId, double px, double py) {
        if (pointerId != pointer) {
            return false;
        }
        dragging = dragging || Math.hypot(px - x, py - y) > SLOP;
        return dragging;
    }

    /** The browser took the gesture over (e.g. a scroll), so no tap. */
    public void cancel() {
        pointer = -1;
    }

    /** A pointer went up at (px, py); true if it completes a tap. */
    public boolean release(int pointerId, double px, double py) {
        boolean tap = pointerId == pointer && !dragging && Math.hypot(px - x, py - y) <= SLOP;
        pointer = -1;
        return tap;
    }

    /**
     * Where the last press went down, canvas px: a tap lands there, not where it went up, as the canvas may have moved
     * under a still pointer in between (focusing it on press can scroll the page).
     */
    public double pressX() {
        return x;
    }

    public double pressY() {
        return y;
    }

    /** How close to a point a tap of this pointer type ("mouse", "pen", "touch") must be to remove it. */
    public static double hitRadius(String pointerType) {
        return "touch".equals(pointerType) ? TOUCH_HIT_RADIUS : POINTER_HIT_RADIUS;
    }
}
