package lab.reptile.server.training;

import lab.reptile.model.NetShape;
import lab.reptile.model.Params;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Converts between DL4J's parameters and the {@code reptile-mlp-v1} weights ({@link Params}).
 *
 * <p>DL4J's flat vector holds, per layer, W as [nIn, nOut] in column-major order, then b; W[i][o] therefore sits
 * at {@code i + o·nIn}, which is exactly {@link NetShape}'s row-major out × in layout. The flat vectors are copied
 * as they are; the transpose lives in the index arithmetic, and the tests pin it down against a real network.
 */
public final class Dl4jParams {
    private Dl4jParams() {
    }

    /** The values of {@code params} as a fresh double [1, paramCount] row, DL4J's flat parameter vector. */
    public static INDArray toRow(Params params) {
        return Nd4j.create(params.toArray(), new long[] {1, params.shape().paramCount()}, DataType.DOUBLE);
    }

    /** A copy of a flat parameter array (any shape with paramCount elements) as Params. */
    public static Params toParams(INDArray flat, NetShape shape) {
        if (flat.length() != shape.paramCount()) {
            throw new IllegalArgumentException(
                    "shape " + shape + " needs " + shape.paramCount() + " parameters, got " + flat.length());
        }
        return Params.of(shape, flat.dup('c').castTo(DataType.DOUBLE).data().asDouble());
    }

    /** The demo's net in DL4J: tanh hidden layers, identity output, MSE loss, double precision, initialised. */
    public static MultiLayerNetwork network(NetShape shape) {
        return network(shape, new Sgd(), Double.POSITIVE_INFINITY);
    }

    /**
     * As {@link #network(NetShape)}, with the updater that {@code fit()} applies to each layer's batch-mean gradient
     * after scaling it down, if need be, to an L2 norm of {@code maxLayerGradientNorm} (infinite: never).
     */
    public static MultiLayerNetwork network(NetShape shape, IUpdater updater, double maxLayerGradientNorm) {
        NeuralNetConfiguration.Builder base = new NeuralNetConfiguration.Builder()
                .dataType(DataType.DOUBLE)
                .updater(updater);
        if (maxLayerGradientNorm < Double.POSITIVE_INFINITY) {
            base.gradientNormalization(GradientNormalization.ClipL2PerLayer)
                    .gradientNormalizationThreshold(maxLayerGradientNorm);
        }
        NeuralNetConfiguration.ListBuilder layers = base.list();
        int last = shape.layerCount() - 1;
        for (int l = 0; l < last; l++) {
            layers.layer(new DenseLayer.Builder().nIn(shape.inputs(l)).nOut(shape.outputs(l))
                    .activation(Activation.TANH).build());
        }
        layers.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(shape.inputs(last))
                .nOut(shape.outputs(last)).activation(Activation.IDENTITY).build());
        MultiLayerConfiguration conf = layers.build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** The sizes of a network of dense layers. */
    public static NetShape shapeOf(MultiLayerNetwork net) {
        int[] sizes = new int[net.getnLayers() + 1];
        for (int l = 0; l < net.getnLayers(); l++) {
            FeedForwardLayer layer = (FeedForwardLayer) net.getLayer(l).conf().getLayer();
            sizes[l] = (int) layer.getNIn();
            sizes[l + 1] = (int) layer.getNOut();
        }
        return new NetShape(sizes);
    }
}
