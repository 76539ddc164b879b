package lab.reptile.server.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import lab.reptile.model.Mlp;
import lab.reptile.model.NetShape;
import lab.reptile.model.Params;
import lab.reptile.model.SineFamily;
import lab.reptile.model.WeightsFile;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class Dl4jParamsTest {
    private static final NetShape SHAPE = new NetShape(1, 5, 3, 1); // small and uneven, so a transpose shows

    @Test
    void networkParamsBecomeFileRowsPerOutputUnit() {
        MultiLayerNetwork net = Dl4jParams.network(SHAPE);
        net.setParams(Nd4j.rand(DataType.DOUBLE, 1, SHAPE.paramCount()).subi(0.5)); // DL4J starts biases at 0
        WeightsFile file = WeightsFile.of(Dl4jParams.toParams(net.params(), SHAPE), 3, 9);
        for (int l = 0; l < SHAPE.layerCount(); l++) {
            INDArray w = net.getLayer(l).getParam("W"); // [nIn, nOut]
            INDArray b = net.getLayer(l).getParam("b"); // nOut values
            assertArrayEquals(new long[] {SHAPE.inputs(l), SHAPE.outputs(l)}, w.shape());
            for (int o = 0; o < SHAPE.outputs(l); o++) {
                for (int i = 0; i < SHAPE.inputs(l); i++) {
                    assertEquals(w.getDouble(i, o), file.weights().weight(l, o, i), "layer " + l + " W[" + o + "][" + i + "]");
                }
                assertEquals(b.getDouble(o), file.weights().bias(l, o), "layer " + l + " b[" + o + "]");
            }
        }
        assertEquals(3, file.version());
        assertEquals(9, file.metaIteration());
    }

    @Test
    void fileLoadsIntoNetworkParamByParam() {
        Params params = Params.initial(SHAPE, new Random(5));
        MultiLayerNetwork net = Dl4jParams.network(SHAPE);
        net.setParams(Dl4jParams.toRow(params));
        for (int l = 0; l < SHAPE.layerCount(); l++) {
            INDArray w = net.getLayer(l).getParam("W");
            for (int o = 0; o < SHAPE.outputs(l); o++) {
                for (int i = 0; i < SHAPE.inputs(l); i++) {
                    assertEquals(params.weight(l, o, i), w.getDouble(i, o), "layer " + l + " W[" + o + "][" + i + "]");
                }
                assertEquals(params.bias(l, o), net.getLayer(l).getParam("b").getDouble(o),
                        "layer " + l + " b[" + o + "]");
            }
        }
    }

    @Test
    void loadedNetworkPredictsLikePlainJavaModel() {
        NetShape shape = NetShape.STANDARD;
        Params params = Params.initial(shape, new Random(11));
        MultiLayerNetwork net = Dl4jParams.network(shape);
        net.setParams(Dl4jParams.toRow(params));
        double[] xs = SineFamily.linspace(37);
        double[] expected = new double[xs.length];
        new Mlp(shape).predict(params.toArray(), xs, xs.length, expected);
        INDArray actual = net.output(Nd4j.create(xs, new long[] {xs.length, 1}, DataType.DOUBLE));
        assertTrue(Math.abs(expected[3]) > 1e-3, "a trivial prediction would prove nothing");
        for (int k = 0; k < xs.length; k++) {
            assertEquals(expected[k], actual.getDouble(k, 0), 1e-12, "prediction at x = " + xs[k]);
        }
    }

    @Test
    void roundTripsThroughNetworkBitForBit() {
        Params params = Params.initial(SHAPE, new Random(2));
        MultiLayerNetwork net = Dl4jParams.network(SHAPE);
        net.setParams(Dl4jParams.toRow(params));
        assertEquals(params, Dl4jParams.toParams(net.params(), SHAPE));
        assertEquals(params, Dl4jParams.toParams(Dl4jParams.toRow(params), SHAPE));
    }

    @Test
    void rejectsFlatVectorOfTheWrongLengthNamingBoth() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Dl4jParams.toParams(Nd4j.zeros(3), SHAPE));
        assertTrue(e.getMessage().contains("[1, 5, 3, 1]") && e.getMessage().contains("got 3"), e.getMessage());
    }
}
