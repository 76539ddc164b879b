package lab.reptile.server.training;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import lab.reptile.model.NetShape;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The preallocated arrays for one SGD step on minibatches of a fixed size b for n tasks, and the ops of that step.
 *
 * <p>Math per task (rows are points, [a, 1] is a with a column of ones appended, Wb is W with the row b appended,
 * see {@link UnitMajorLayout}): z_l = [a_l, 1]·Wb_l, a_{l+1} = tanh(z_l) for hidden layers, prediction z_last;
 * δ_last = prediction − y, δ_{l−1} = (δ_l·W_lᵀ) ⊙ (1 − a_l²). The mean-squared-error gradient of Wb_l is
 * (2/b)·[a_l, 1]ᵀ·δ_l, applied in place with step lr inside that same product (alpha = −2·lr/b, beta = 1).
 *
 * <p>Arrays are [n, rows, cols], or plain [rows, cols] for a single task. tanh is evaluated as
 * tanh(z) = 2·σ(2z) − 1 (within 4e-16 of Math.tanh): libnd4j's sigmoid is ~3× faster than its tanh, which was 40%
 * of a step at n = 16; the 2 rides on the forward product and the affine map is one axpy.
 */
final class MinibatchGraph {
    private final NetShape shape;
    private final int batch;
    private final double alpha;        // −2·lr/b: the SGD step on the summed, unscaled gradient
    private final INDArray[] wb;       // per layer, [n, in + 1, out] views of phi: W with b as its last row
    private final INDArray[] pre;      // 2·z_l for hidden layers, z_l (the prediction) for the last: [n, b, out_l]
    private final INDArray[] input;    // [a_l, 1] for l ≥ 1: [n, b, in_l + 1]; input[0] is unused (the x slice)
    private final INDArray[] sigma;    // [σ(2·z_{l−1}), 1] for l ≥ 1: [n, b, in_l + 1]; the last column stays 1
    private final INDArray[] minusOne; // −1 everywhere, for the axpy [a, 1] = 2·[σ, 1] − 1: [n, b, in_l + 1]
    private final INDArray[] slope;    // 1 − [a_l, 1]², i.e. tanh'(z_{l−1}) and a 0: [n, b, in_l + 1]
    private final INDArray[] back;     // δ_l·Wb_lᵀ for l ≥ 1: [n, b, in_l + 1]; the last column is unused
    private final INDArray[] error;    // back ⊙ slope for l ≥ 1: [n, b, in_l + 1], δ_{l−1} and a column of 0
    private final INDArray[] delta;    // δ_l = dLoss/dz_l up to the factor 2/b: [n, b, out_l], views of error[l + 1]
    private final INDArray one = Nd4j.scalar(1.0);

    MinibatchGraph(UnitMajorLayout layout, int tasks, int batch, double lr, INDArray phi) {
        this.shape = layout.shape();
        this.batch = batch;
        this.alpha = -2.0 * lr / batch;
        int layers = shape.layerCount();
        long p = shape.paramCount();
        wb = new INDArray[layers];
        pre = new INDArray[layers];
        input = new INDArray[layers];
        sigma = new INDArray[layers];
        minusOne = new INDArray[layers];
        slope = new INDArray[layers];
        back = new INDArray[layers];
        error = new INDArray[layers];
        delta = new INDArray[layers];
        for (int l = 0; l < layers; l++) {
            long in = shape.inputs(l);
            long out = shape.outputs(l);
            long[] strides = tasks == 1 ? new long[] {1, in + 1} : new long[] {p, 1, in + 1};
            wb[l] = Nd4j.create(phi.data(), perTask(tasks, in + 1, out), strides, layout.offset(l), 'c',
                    DataType.DOUBLE);
            pre[l] = Nd4j.zeros(DataType.DOUBLE, perTask(tasks, batch, out));
            if (l > 0) {
                long[] dims = perTask(tasks, batch, in + 1);
                input[l] = Nd4j.ones(DataType.DOUBLE, dims);
                sigma[l] = Nd4j.ones(DataType.DOUBLE, dims);
                minusOne[l] = Nd4j.valueArrayOf(dims, -1.0, DataType.DOUBLE);
                slope[l] = Nd4j.zeros(DataType.DOUBLE, dims);
                back[l] = Nd4j.zeros(DataType.DOUBLE, dims);
                error[l] = Nd4j.zeros(DataType.DOUBLE, dims);
                delta[l - 1] = firstColumns(error[l], in);
            }
        }
        delta[layers - 1] = Nd4j.zeros(DataType.DOUBLE, perTask(tasks, batch, shape.outputs(layers - 1)));
    }

    /**
     * Bytes of the arrays a graph for {@code tasks} tasks and minibatches of {@code batch} allocates (not counting
     * phi, which it views): per point of a minibatch, out_l values of pre for every layer and six arrays of
     * in_l + 1 for every layer after the first, in doubles.
     */
    static long bytes(NetShape shape, int tasks, int batch) {
        int layers = shape.layerCount();
        long perPoint = shape.outputs(layers - 1); // delta of the last layer
        for (int l = 0; l < layers; l++) {
            perPoint += shape.outputs(l) + (l > 0 ? 6L * (shape.inputs(l) + 1) : 0);
        }
        return (long) Double.BYTES * tasks * batch * perPoint;
    }

    /** What {@link #bytes} counts, summed over the arrays this graph really allocated (for its test). */
    long allocatedBytes() {
        long values = delta[delta.length - 1].length();
        for (int l = 0; l < pre.length; l++) {
            values += pre[l].length();
            if (l > 0) {
                values += input[l].length() + sigma[l].length() + minusOne[l].length() + slope[l].length()
                        + back[l].length() + error[l].length();
            }
        }
        return Double.BYTES * values;
    }

    /**
     * The dims of n tasks' arrays: {@code [n, dims...]}, or just {@code dims} for a single task, whose
     * plain matrix products skip the batched product's per-task overhead (~15% of a task's time at n = 1).
     */
    static long[] perTask(int tasks, long... dims) {
        if (tasks == 1) {
            return dims;
        }
        long[] out = new long[dims.length + 1];
        out[0] = tasks;
        System.arraycopy(dims, 0, out, 1, dims.length);
        return out;
    }

    int batch() {
        return batch;
    }

    /**
     * The ops of one SGD step; run them in order.
     *
     * @param x [n, b, 2] view ([b, 2] for one task): each point's x and a 1
     * @param y [n, b, 1] view ([b, 1] for one task): each point's target
     */
    List<PreparedOp> sgdStep(INDArray x, INDArray y) {
        int last = shape.layerCount() - 1;
        List<PreparedOp> ops = new ArrayList<>();
        for (int l = 0; l <= last; l++) {
            boolean hidden = l < last; // a hidden layer's pre holds 2·z, for the sigmoid
            ops.add(PreparedOp.matmul(l == 0 ? x : input[l], false, wb[l], false, pre[l], hidden ? 2 : 1, 0));
            if (hidden) {
                INDArray a = input[l + 1];
                ops.add(PreparedOp.of("sigmoid", new INDArray[] {pre[l]},
                        new INDArray[] {firstColumns(sigma[l + 1], shape.outputs(l))}));
                ops.add(PreparedOp.axpy(2, sigma[l + 1], minusOne[l + 1], a));
                // tanh' from the saved output, over the whole contiguous [a, 1] (elementwise ops that read a
                // strided view take libnd4j's slow generic path); the ones column gets a slope of 0, unused
                ops.add(PreparedOp.of("multiply", new INDArray[] {a, a}, new INDArray[] {slope[l + 1]}));
                ops.add(PreparedOp.of("reversesubtract", new INDArray[] {slope[l + 1], one},
                        new INDArray[] {slope[l + 1]}));
            }
        }
        ops.add(PreparedOp.of("subtract", new INDArray[] {pre[last], y}, new INDArray[] {delta[last]}));
        for (int l = last; l >= 0; l--) {
            if (l > 0) { // propagate before Wb_l changes: every gradient of this step uses the old weights
                ops.add(PreparedOp.matmul(delta[l], false, wb[l], true, back[l], 1, 0));
            }
            ops.add(PreparedOp.matmul(l == 0 ? x : input[l], true, delta[l], false, wb[l], alpha, 1));
            if (l > 0) {
                ops.add(PreparedOp.of("multiply", new INDArray[] {back[l], slope[l]}, new INDArray[] {error[l]}));
            }
        }
        return ops;
    }

    /** The view of the first columns (along the last axis) of an array. */
    private static INDArray firstColumns(INDArray array, long columns) {
        INDArrayIndex[] index = new INDArrayIndex[array.rank()];
        Arrays.fill(index, NDArrayIndex.all());
        index[index.length - 1] = NDArrayIndex.interval(0, columns);
        return array.get(index);
    }
}
