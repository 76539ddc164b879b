package lab.reptile.server.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import lab.reptile.model.NetShape;
import lab.reptile.model.Params;
import org.junit.jupiter.api.Test;

class UnitMajorLayoutTest {
    private static final NetShape SHAPE = new NetShape(1, 5, 3, 1);

    @Test
    void placesEachUnitsWeightsThenItsBias() {
        Params params = Params.initial(SHAPE, new Random(4));
        UnitMajorLayout layout = new UnitMajorLayout(SHAPE);
        double[] flat = layout.fromParams(params);
        assertEquals(0, layout.offset(0));
        assertEquals(2 * 5, layout.offset(1));
        assertEquals(2 * 5 + 6 * 3, layout.offset(2));
        for (int l = 0; l < SHAPE.layerCount(); l++) {
            int in = SHAPE.inputs(l);
            for (int o = 0; o < SHAPE.outputs(l); o++) {
                int row = layout.offset(l) + o * (in + 1);
                for (int i = 0; i < in; i++) {
                    assertEquals(params.weight(l, o, i), flat[row + i], "layer " + l + " W[" + o + "][" + i + "]");
                }
                assertEquals(params.bias(l, o), flat[row + in], "layer " + l + " b[" + o + "]");
            }
        }
    }

    @Test
    void roundTripsBitForBit() {
        Params params = Params.initial(NetShape.STANDARD, new Random(8));
        UnitMajorLayout layout = new UnitMajorLayout(NetShape.STANDARD);
        assertEquals(params, layout.toParams(layout.fromParams(params)));
    }

    @Test
    void rejectsOtherShapes() {
        UnitMajorLayout layout = new UnitMajorLayout(SHAPE);
        assertThrows(IllegalArgumentException.class,
                () -> layout.fromParams(Params.initial(NetShape.STANDARD, new Random(1))));
        assertThrows(IllegalArgumentException.class, () -> layout.toParams(new double[3]));
    }
}
