package lab.reptile.server.training;

import java.util.ArrayList;
import java.util.List;
import lab.reptile.model.NetShape;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The preallocated arrays for one SGD step on minibatches of a fixed size b for n tasks, and the ops of that step.
 *
 * <p>Math per task (rows are points): z_l = a_l·W_l + b_l, a_{l+1} = tanh(z_l) for hidden layers, prediction
 * z_last; δ_last = prediction − y, δ_{l−1} = (δ_l·W_lᵀ) ⊙ tanh'(z_{l−1}). The mean-squared-error gradient is
 * (2/b)·a_lᵀ·δ_l for W and (2/b)·1ᵀ·δ_l for b, applied in place with step lr.
 */
final class MinibatchGraph {
    private final NetShape shape;
    private final int batch;
    private final double alpha;        // −2·lr/b: the SGD step on the summed, unscaled gradient
    private final INDArray[] weights;  // per layer, [n, in, out] views of phi (DL4J's W, column-major [in, out])
    private final INDArray[] biases;   // per layer, [n, 1, out] views of phi
    private final INDArray[] pre;      // z_l: [n, b, out_l]; the last one is the prediction
    private final INDArray[] act;      // a_l = tanh(z_{l−1}) for l ≥ 1: [n, b, in_l]; act[0] is unused (x)
    private final INDArray[] slope;    // tanh'(z_{l−1}) = 1 − a_l² for l ≥ 1: [n, b, in_l]
    private final INDArray[] delta;    // δ_l = dLoss/dz_l up to the factor 2/b: [n, b, out_l]
    private final INDArray[] back;     // δ_l·W_lᵀ for l ≥ 1: [n, b, in_l]
    private final INDArray ones;       // [n, 1, b]: sums δ over the minibatch as a product
    private final INDArray one;        // scalar 1

    MinibatchGraph(NetShape shape, int tasks, int batch, double lr, INDArray phi) {
        this.shape = shape;
        this.batch = batch;
        this.alpha = -2.0 * lr / batch;
        int layers = shape.layerCount();
        long p = shape.paramCount();
        weights = new INDArray[layers];
        biases = new INDArray[layers];
        pre = new INDArray[layers];
        act = new INDArray[layers];
        slope = new INDArray[layers];
        delta = new INDArray[layers];
        back = new INDArray[layers];
        for (int l = 0; l < layers; l++) {
            long in = shape.inputs(l);
            long out = shape.outputs(l);
            weights[l] = Nd4j.create(phi.data(), new long[] {tasks, in, out}, new long[] {p, 1, in},
                    shape.weightOffset(l), 'c', DataType.DOUBLE);
            biases[l] = Nd4j.create(phi.data(), new long[] {tasks, 1, out}, new long[] {p, out, 1},
                    shape.biasOffset(l), 'c', DataType.DOUBLE);
            pre[l] = Nd4j.zeros(DataType.DOUBLE, tasks, batch, out);
            delta[l] = Nd4j.zeros(DataType.DOUBLE, tasks, batch, out);
            if (l > 0) {
                act[l] = Nd4j.zeros(DataType.DOUBLE, tasks, batch, in);
                slope[l] = Nd4j.zeros(DataType.DOUBLE, tasks, batch, in);
                back[l] = Nd4j.zeros(DataType.DOUBLE, tasks, batch, in);
            }
        }
        ones = Nd4j.ones(DataType.DOUBLE, tasks, 1, batch);
        one = Nd4j.scalar(1.0);
    }

    int batch() {
        return batch;
    }

    /** The ops of one SGD step on inputs x and targets y, both [n, b, 1] views; run them in order. */
    List<PreparedOp> sgdStep(INDArray x, INDArray y) {
        int last = shape.layerCount() - 1;
        List<PreparedOp> ops = new ArrayList<>();
        for (int l = 0; l <= last; l++) {
            INDArray input = l == 0 ? x : act[l];
            ops.add(PreparedOp.matmul(input, false, weights[l], false, pre[l], 1, 0));
            ops.add(PreparedOp.of("add", new INDArray[] {pre[l], biases[l]}, new INDArray[] {pre[l]}));
            if (l < last) {
                ops.add(PreparedOp.of("tanh", new INDArray[] {pre[l]}, new INDArray[] {act[l + 1]}));
                // from the saved output: cheaper than tanh_bp, which would evaluate tanh again
                ops.add(PreparedOp.of("multiply", new INDArray[] {act[l + 1], act[l + 1]}, new INDArray[] {slope[l + 1]}));
                ops.add(PreparedOp.of("reversesubtract", new INDArray[] {slope[l + 1], one}, new INDArray[] {slope[l + 1]}));
            }
        }
        ops.add(PreparedOp.of("subtract", new INDArray[] {pre[last], y}, new INDArray[] {delta[last]}));
        for (int l = last; l >= 0; l--) {
            if (l > 0) { // propagate before W_l changes: every gradient of this step uses the old weights
                ops.add(PreparedOp.matmul(delta[l], false, weights[l], true, back[l], 1, 0));
            }
            INDArray input = l == 0 ? x : act[l];
            ops.add(PreparedOp.matmul(input, true, delta[l], false, weights[l], alpha, 1));
            ops.add(PreparedOp.matmul(ones, false, delta[l], false, biases[l], alpha, 1));
            if (l > 0) {
                ops.add(PreparedOp.of("multiply", new INDArray[] {back[l], slope[l]}, new INDArray[] {delta[l - 1]}));
            }
        }
        return ops;
    }
}
