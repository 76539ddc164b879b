package lab.reptile.model;

/** Paired x and y values (equal length, finite). The arrays are the caller's: do not change them afterwards. */
public record Points(double[] xs, double[] ys) {
    public Points {
        if (xs.length != ys.length) {
            throw new IllegalArgumentException("xs has " + xs.length + " values but ys has " + ys.length);
        }
        for (int i = 0; i < xs.length; i++) {
            if (!Double.isFinite(xs[i]) || !Double.isFinite(ys[i])) {
                throw new IllegalArgumentException("point " + i + " is not finite: (" + xs[i] + ", " + ys[i] + ")");
            }
        }
    }

    public int size() {
        return xs.length;
    }
}
