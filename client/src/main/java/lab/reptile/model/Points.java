package lab.reptile.model;

import java.util.Arrays;

/**
 * Paired x and y values (equal length, finite), immutable: the arrays are copied in and out, and two point sets are
 * equal when they hold the same values bit for bit.
 */
public record Points(double[] xs, double[] ys) {
    public Points {
        if (xs.length != ys.length) {
            throw new IllegalArgumentException("xs has " + xs.length + " values but ys has " + ys.length);
        }
        xs = xs.clone();
        ys = ys.clone();
        for (int i = 0; i < xs.length; i++) {
            if (!Double.isFinite(xs[i]) || !Double.isFinite(ys[i])) {
                throw new IllegalArgumentException("point " + i + " is not finite: (" + xs[i] + ", " + ys[i] + ")");
            }
        }
    }

    /** A copy of the x values; a loop should take it once, not per element. */
    @Override
    public double[] xs() {
        return xs.clone();
    }

    /** A copy of the y values; a loop should take it once, not per element. */
    @Override
    public double[] ys() {
        return ys.clone();
    }

    public int size() {
        return xs.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Points that && Arrays.equals(xs, that.xs) && Arrays.equals(ys, that.ys);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(xs) + Arrays.hashCode(ys);
    }

    @Override
    public String toString() {
        return "Points[xs=" + Arrays.toString(xs) + ", ys=" + Arrays.toString(ys) + "]";
    }
}
