package lab.reptile.server.training;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.CustomOp;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A libnd4j custom op bound once to fixed input and output arrays, re-run through one reused {@link OpContext}.
 *
 * <p>Why: on matrices this small DL4J's cost is per-op overhead (building the op, computing its output shape,
 * allocating). Binding preallocated arrays and views once and re-executing the context roughly halves that cost.
 * The arrays are live: re-running reads their current contents and overwrites the outputs in place.
 */
final class PreparedOp {
    private final CustomOp op;
    private final OpContext context;

    private PreparedOp(String name, INDArray[] inputs, INDArray[] outputs, long[] intArgs, double[] doubleArgs) {
        DynamicCustomOp.DynamicCustomOpsBuilder builder = DynamicCustomOp.builder(name)
                .addInputs(inputs)
                .addOutputs(outputs);
        for (long arg : intArgs) {
            builder.addIntegerArguments(arg);
        }
        for (double arg : doubleArgs) {
            builder.addFloatingPointArguments(arg);
        }
        op = builder.build();
        context = Nd4j.getExecutioner().buildContext();
        context.setInputArrays(inputs);
        context.setOutputArrays(outputs);
        // the outputs are preallocated with their final shapes: skip re-deriving them on every run (~7% at n=1)
        context.shapeFunctionOverride(true);
        if (intArgs.length > 0) {
            context.setIArguments(intArgs);
        }
        if (doubleArgs.length > 0) {
            context.setTArguments(doubleArgs);
        }
    }

    /** {@code name(inputs) -> outputs}, e.g. {@code ("sigmoid", {z}, {s})}; fails fast on an unknown name. */
    static PreparedOp of(String name, INDArray[] inputs, INDArray[] outputs) {
        return new PreparedOp(name, inputs, outputs, new long[0], new double[0]);
    }

    /** {@code out = a · x + y}, elementwise (x, y and out of one shape). */
    static PreparedOp axpy(double a, INDArray x, INDArray y, INDArray out) {
        // libnd4j's axpy scales its second input
        return new PreparedOp("axpy", new INDArray[] {y, x}, new INDArray[] {out}, new long[0], new double[] {a});
    }

    /**
     * Matrix product {@code out = alpha · op(x) · op(y) + beta · out} of matrices [rows, cols] or, batched, of
     * [n, rows, cols] arrays (n independent products); op transposes the last two axes if asked.
     */
    static PreparedOp matmul(INDArray x, boolean transposeX, INDArray y, boolean transposeY, INDArray out,
                             double alpha, double beta) {
        return new PreparedOp("matmul", new INDArray[] {x, y}, new INDArray[] {out},
                new long[] {transposeX ? 1 : 0, transposeY ? 1 : 0, 0}, new double[] {alpha, beta});
    }

    void run() {
        Nd4j.getExecutioner().exec(op, context);
    }

    /** Runs with new floating-point arguments (e.g. a matmul's alpha and beta), which then stay bound. */
    void run(double... doubleArgs) {
        context.setTArguments(doubleArgs);
        run();
    }
}
