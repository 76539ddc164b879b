package lab.reptile.model;

import java.util.List;
import java.util.Random;

/**
 * An immutable vector of all weights and biases of a net (the "ParamDict" of Reptile's reference code), so that the
 * meta-update reads like the paper: {@code theta = theta.interpolate(Params.mean(adapted), epsilon)}.
 */
public final class Params {
    private final NetShape shape;
    private final double[] values;

    private Params(NetShape shape, double[] values) {
        this.shape = shape;
        this.values = values;
    }

    /** Wraps a copy of {@code values}, laid out as {@link NetShape} describes. */
    public static Params of(NetShape shape, double[] values) {
        if (values.length != shape.paramCount()) {
            throw new IllegalArgumentException(
                    "shape " + shape + " needs " + shape.paramCount() + " values, got " + values.length);
        }
        return new Params(shape, values.clone());
    }

    /** PyTorch's default init: every W and b ~ U(±1/√fan_in), drawn layer by layer, W before b. */
    public static Params initial(NetShape shape, Random rng) {
        double[] values = new double[shape.paramCount()];
        for (int l = 0; l < shape.layerCount(); l++) {
            double bound = 1.0 / Math.sqrt(shape.inputs(l));
            int end = shape.biasOffset(l) + shape.outputs(l);
            for (int p = shape.weightOffset(l); p < end; p++) {
                values[p] = (2 * rng.nextDouble() - 1) * bound;
            }
        }
        return new Params(shape, values);
    }

    /** Element-wise mean of one or more vectors of the same shape. */
    public static Params mean(List<Params> all) {
        if (all.isEmpty()) {
            throw new IllegalArgumentException("mean of no params");
        }
        Params sum = all.get(0);
        for (int i = 1; i < all.size(); i++) {
            sum = sum.plus(all.get(i));
        }
        return all.size() == 1 ? sum : sum.times(1.0 / all.size());
    }

    public Params plus(Params other) {
        double[] out = new double[values.length];
        double[] b = sameShape(other).values;
        for (int p = 0; p < out.length; p++) {
            out[p] = values[p] + b[p];
        }
        return new Params(shape, out);
    }

    public Params minus(Params other) {
        double[] out = new double[values.length];
        double[] b = sameShape(other).values;
        for (int p = 0; p < out.length; p++) {
            out[p] = values[p] - b[p];
        }
        return new Params(shape, out);
    }

    public Params times(double factor) {
        double[] out = new double[values.length];
        for (int p = 0; p < out.length; p++) {
            out[p] = values[p] * factor;
        }
        return new Params(shape, out);
    }

    /** this + ε · (target − this): ε = 0 keeps this, ε = 1 gives target. */
    public Params interpolate(Params target, double epsilon) {
        return plus(target.minus(this).times(epsilon));
    }

    public NetShape shape() {
        return shape;
    }

    /** A copy of the flat vector. */
    public double[] toArray() {
        return values.clone();
    }

    public double get(int index) {
        return values[index];
    }

    /** W[o][i] of layer l (output row o, input column i). */
    public double weight(int layer, int out, int in) {
        return values[shape.weightOffset(layer) + out * shape.inputs(layer) + in];
    }

    public double bias(int layer, int out) {
        return values[shape.biasOffset(layer) + out];
    }

    /** True if every value is finite. */
    public boolean isFinite() {
        for (double v : values) {
            if (Double.isNaN(v) || Double.isInfinite(v)) {
                return false;
            }
        }
        return true;
    }

    /** Largest absolute difference to {@code other}. */
    public double maxAbsDiff(Params other) {
        double[] b = sameShape(other).values;
        double max = 0;
        for (int p = 0; p < values.length; p++) {
            max = Math.max(max, Math.abs(values[p] - b[p]));
        }
        return max;
    }

    /** Bit-for-bit equality of shape and values. */
    @Override
    public boolean equals(Object other) {
        if (!(other instanceof Params) || !shape.equals(((Params) other).shape)) {
            return false;
        }
        double[] b = ((Params) other).values;
        for (int p = 0; p < values.length; p++) {
            if (Double.doubleToLongBits(values[p]) != Double.doubleToLongBits(b[p])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        long h = shape.hashCode();
        for (double v : values) {
            h = 31 * h + Double.doubleToLongBits(v);
        }
        return (int) (h ^ (h >>> 32));
    }

    private Params sameShape(Params other) {
        if (!shape.equals(other.shape)) {
            throw new IllegalArgumentException("shapes differ: " + shape + " vs " + other.shape);
        }
        return other;
    }
}
