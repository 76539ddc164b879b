package lab.reptile.server.e2e;

/** Reads curves the way the chart draws them: straight lines between the given {x, y} pairs. */
final class Curves {
    private Curves() {
    }

    /** Mean squared error of the piecewise-linear curve at the points' x against their y. */
    static double mseOnPoints(double[][] curve, double[][] points) {
        double sum = 0;
        for (double[] p : points) {
            double err = at(curve, p[0]) - p[1];
            sum += err * err;
        }
        return sum / points.length;
    }

    /** The curve's y at x, by linear interpolation; curve x ascending. */
    static double at(double[][] curve, double x) {
        for (int i = 1; i < curve.length; i++) {
            if (x <= curve[i][0]) {
                double t = (x - curve[i - 1][0]) / (curve[i][0] - curve[i - 1][0]);
                return curve[i - 1][1] + t * (curve[i][1] - curve[i - 1][1]);
            }
        }
        throw new IllegalArgumentException("x " + x + " is beyond the curve");
    }
}
