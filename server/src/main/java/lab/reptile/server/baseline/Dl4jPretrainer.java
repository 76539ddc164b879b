package lab.reptile.server.baseline;

import java.util.Random;
import lab.reptile.model.NetShape;
import lab.reptile.model.Params;
import lab.reptile.model.Points;
import lab.reptile.model.SineFamily;
import lab.reptile.model.TaskStream;
import lab.reptile.server.training.Dl4jParams;
import lab.reptile.server.training.NativeTuning;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * The MAML paper's "pretrained" baseline in Deeplearning4j: the demo's net trained by ordinary minibatch SGD on the
 * points of many tasks pooled together. With the phases uniform the best such net predicts E[y | x] = 0, so it
 * learns the family's mean curve and nothing about how to adapt; that is the point of comparing it with Reptile.
 */
public final class Dl4jPretrainer {
    private Dl4jPretrainer() {
    }

    /** Trains from {@code config}'s seed; returns the weights after its steps, or earlier past its time bound. */
    public static Result train(PretrainConfig config, NetShape shape) {
        NativeTuning.forThisThread();
        Random rng = new Random(config.seed());
        Params initial = Params.initial(shape, rng);
        TaskStream stream = new TaskStream(new SineFamily(), rng, config.pointsPerTask());
        int pooled = config.tasks() * config.pointsPerTask();
        double[] xs = new double[pooled];
        double[] ys = new double[pooled];
        for (int t = 0; t < config.tasks(); t++) {
            Points task = stream.next();
            System.arraycopy(task.xs(), 0, xs, t * config.pointsPerTask(), config.pointsPerTask());
            System.arraycopy(task.ys(), 0, ys, t * config.pointsPerTask(), config.pointsPerTask());
        }
        // The schedule counts SGD steps, never wall time: a run the time bound cuts short is a prefix of the full run.
        MultiLayerNetwork net = Dl4jParams.network(shape, new Sgd(
                new ExponentialSchedule(ScheduleType.ITERATION, config.lrStart(), config.lrDecay())),
                PretrainConfig.MAX_LAYER_GRADIENT_NORM);
        net.setParams(Dl4jParams.toRow(initial));
        int batch = config.batchSize();
        INDArray features = Nd4j.create(DataType.DOUBLE, batch, 1);
        INDArray labels = Nd4j.create(DataType.DOUBLE, batch, 1);
        long deadline = System.nanoTime() + (long) (config.maxSeconds() * 1e9);
        int cursor = pooled;
        int step = 0;
        while (step < config.steps() && System.nanoTime() < deadline) {
            if (cursor + batch > pooled) {
                shuffle(xs, ys, rng);
                cursor = 0;
            }
            for (int i = 0; i < batch; i++) {
                features.putScalar(i, 0, xs[cursor + i]);
                labels.putScalar(i, 0, ys[cursor + i]);
            }
            net.fit(features, labels); // plain SGD on the batch's mean squared error, each layer's gradient clipped
            cursor += batch;
            step++;
        }
        return new Result(Dl4jParams.toParams(net.params(), shape), step);
    }

    /** Fisher–Yates over the pairs (xs[i], ys[i]). */
    private static void shuffle(double[] xs, double[] ys, Random rng) {
        for (int i = xs.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            double x = xs[i];
            xs[i] = xs[j];
            xs[j] = x;
            double y = ys[i];
            ys[i] = ys[j];
            ys[j] = y;
        }
    }

    /** The trained weights and the SGD steps actually taken (fewer than configured if the time bound hit). */
    public record Result(Params weights, int steps) {
    }
}
