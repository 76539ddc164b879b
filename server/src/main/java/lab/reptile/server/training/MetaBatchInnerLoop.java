package lab.reptile.server.training;

import java.util.ArrayList;
import java.util.List;
import lab.reptile.model.NetShape;
import lab.reptile.model.Points;
import lab.reptile.model.ReptileConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Reptile's inner loop for n tasks at once in ND4J: minibatch SGD of a tanh MLP with MSE loss, each task on its own
 * row of one [n, paramCount] parameter array, every step a fixed list of {@link PreparedOp}s over preallocated arrays.
 *
 * <p>A task's row uses {@link UnitMajorLayout}, so layer l is seen as a rank-3 view [n, in + 1, out] with strides
 * (paramCount, 1, in + 1): W with b as its last row. See {@link MinibatchGraph} for the ops. Not thread-safe.
 */
final class MetaBatchInnerLoop {
    private final UnitMajorLayout layout;
    private final int tasks;
    private final int points;              // per task: support, then minibatch points
    private final INDArray phi;            // [n, paramCount]: row t is task t's adapted weights
    private final INDArray xs;             // [n, points, 2] ([points, 2] if n = 1): x in training order, and a 1
    private final INDArray ys;             // [n, points, 1] ([points, 1] if n = 1)
    private final double[] xStage;         // [n * points * 2]: host copy, uploaded in one call
    private final double[] yStage;
    private final List<PreparedOp> supportStep;                     // empty without support points
    private final List<List<PreparedOp>> steps = new ArrayList<>(); // one op list per minibatch of an epoch
    private final List<MinibatchGraph> graphs = new ArrayList<>();  // each distinct minibatch size's arrays

    /**
     * @param support   K: a task's first K points, on which {@link #supportStep()} takes a full-batch step at
     *                  supportLr (0: none)
     * @param minibatch the m points after them, over which {@link #epoch()} runs minibatches of batchSize
     */
    MetaBatchInnerLoop(UnitMajorLayout layout, int tasks, int support, double supportLr, int minibatch, int batchSize,
                       double lr) {
        if (tasks < 1 || support < 0 || minibatch < 1 || batchSize < 1 || batchSize > minibatch) {
            throw new IllegalArgumentException("need tasks >= 1, support >= 0 and 1 <= batchSize <= minibatch "
                    + "points, got tasks " + tasks + ", support " + support + ", minibatch points " + minibatch
                    + ", batchSize " + batchSize);
        }
        this.layout = layout;
        this.tasks = tasks;
        this.points = support + minibatch;
        phi = Nd4j.zeros(DataType.DOUBLE, tasks, layout.shape().paramCount());
        xs = Nd4j.zeros(DataType.DOUBLE, MinibatchGraph.perTask(tasks, points, 2));
        ys = Nd4j.zeros(DataType.DOUBLE, MinibatchGraph.perTask(tasks, points, 1));
        xStage = new double[tasks * points * 2];
        yStage = new double[tasks * points];
        if (support == 0) {
            supportStep = List.of();
        } else {
            MinibatchGraph supportGraph = new MinibatchGraph(layout, tasks, support, supportLr, phi);
            graphs.add(supportGraph);
            supportStep = supportGraph.sgdStep(slice(xs, 0, support), slice(ys, 0, support));
        }
        MinibatchGraph full = new MinibatchGraph(layout, tasks, batchSize, lr, phi);
        graphs.add(full);
        int rest = minibatch % batchSize;
        MinibatchGraph last = rest == 0 ? full : new MinibatchGraph(layout, tasks, rest, lr, phi);
        if (last != full) {
            graphs.add(last);
        }
        for (int from = support; from < points; from += batchSize) {
            MinibatchGraph graph = from + batchSize <= points ? full : last;
            steps.add(graph.sgdStep(slice(xs, from, graph.batch()), slice(ys, from, graph.batch())));
        }
    }

    /**
     * Bytes this inner loop allocates for {@code config} (arrays in ND4J, staging arrays on the heap): the [n,
     * paramCount] weights, the points three times (x with a 1, y, and their host copies) and one graph per distinct
     * minibatch size. It grows with metaBatchSize × (innerBatchSize + supportPoints); admission bounds it.
     */
    static long bytes(NetShape shape, ReptileConfig config) {
        int n = config.metaBatchSize();
        int support = config.supportPoints();
        int minibatch = config.pointsPerTask();
        int batch = config.innerBatchSize();
        long values = (long) n * shape.paramCount() + 6L * n * (support + minibatch) + n; // n: resetTo's ones
        long graphs = MinibatchGraph.bytes(shape, n, batch)
                + (support == 0 ? 0 : MinibatchGraph.bytes(shape, n, support))
                + (minibatch % batch == 0 ? 0 : MinibatchGraph.bytes(shape, n, minibatch % batch));
        return Double.BYTES * values + graphs;
    }

    /** What {@link #bytes} counts, summed over the arrays this inner loop really allocated (for its test). */
    long allocatedBytes() {
        long total = Double.BYTES * (phi.length() + xs.length() + ys.length() + xStage.length + yStage.length
                + tasks); // tasks: the column of ones of resetTo
        for (MinibatchGraph graph : graphs) {
            total += graph.allocatedBytes();
        }
        return total;
    }

    /** Loads each task's points (row t of the parameter array adapts to {@code taskPoints.get(t)}). */
    void load(List<Points> taskPoints) {
        if (taskPoints.size() != tasks) {
            throw new IllegalArgumentException("expected " + tasks + " tasks, got " + taskPoints.size());
        }
        for (int t = 0; t < tasks; t++) {
            Points p = taskPoints.get(t);
            if (p.size() != points) {
                throw new IllegalArgumentException("task " + t + " has " + p.size() + " points, expected " + points);
            }
            double[] x = p.xs();
            for (int k = 0; k < points; k++) {
                xStage[2 * (t * points + k)] = x[k];
                xStage[2 * (t * points + k) + 1] = 1;
            }
            System.arraycopy(p.ys(), 0, yStage, t * points, points);
        }
        xs.data().setData(xStage);
        ys.data().setData(yStage);
    }

    /**
     * The op that sets every task's weights to θ ([1, paramCount]), as the outer product [n, 1] x [1, paramCount] of
     * a column of ones with θ: exact, since 1·x = x. (INDArray.assign from [1, N] into [n, N] would fill only row 0,
     * and the tile op is ~15 times slower here.)
     */
    PreparedOp resetTo(INDArray theta) {
        return PreparedOp.matmul(Nd4j.ones(DataType.DOUBLE, tasks, 1), false, theta, false, phi, 1, 0);
    }

    /** One full-batch SGD step on every task's support points. */
    void supportStep() {
        for (PreparedOp op : supportStep) {
            op.run();
        }
    }

    /** One pass of minibatch SGD over every task's points after its support points, in their loaded order. */
    void epoch() {
        for (List<PreparedOp> step : steps) {
            for (PreparedOp op : step) {
                op.run();
            }
        }
    }

    /** The live [n, paramCount] array of adapted weights. */
    INDArray adapted() {
        return phi;
    }

    UnitMajorLayout layout() {
        return layout;
    }

    /** Points [from, from + count) of every task: a [n, count, columns] (or [count, columns]) view. */
    private static INDArray slice(INDArray perTask, int from, int count) {
        INDArrayIndex rows = NDArrayIndex.interval(from, from + count);
        return perTask.rank() == 2 ? perTask.get(rows, NDArrayIndex.all())
                : perTask.get(NDArrayIndex.all(), rows, NDArrayIndex.all());
    }
}
