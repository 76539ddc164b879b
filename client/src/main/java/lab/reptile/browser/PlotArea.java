package lab.reptile.browser;

/**
 * The rectangle of the canvas where the data is drawn, in CSS pixels (y grows downwards), and the data range it
 * shows, so a click can be mapped to data and back.
 */
public record PlotArea(double left, double top, double right, double bottom,
                       double xMin, double xMax, double yMin, double yMax) {
    public PlotArea {
        if (!(right > left && bottom > top && xMax > xMin && yMax > yMin)) {
            throw new IllegalArgumentException("empty plot area: pixels [" + left + ", " + right + "] x [" + top
                    + ", " + bottom + "], data [" + xMin + ", " + xMax + "] x [" + yMin + ", " + yMax + "]");
        }
    }

    /** True if the pixel lies inside the area, edges included. */
    public boolean contains(double px, double py) {
        return px >= left && px <= right && py >= top && py <= bottom;
    }

    public double dataX(double px) {
        return xMin + (px - left) / (right - left) * (xMax - xMin);
    }

    /** Pixel rows grow downwards, data y upwards: the top edge is yMax. */
    public double dataY(double py) {
        return yMax - (py - top) / (bottom - top) * (yMax - yMin);
    }

    public double pixelX(double x) {
        return left + (x - xMin) / (xMax - xMin) * (right - left);
    }

    public double pixelY(double y) {
        return top + (yMax - y) / (yMax - yMin) * (bottom - top);
    }
}
