package lab.reptile.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Params' vector arithmetic, equality, layout accessors and initialisation. */
class ParamsTest {
    private final NetShape shape = new NetShape(1, 2, 1); // W0 [2x1], b0 [2], W1 [1x2], b1 [1]: 7 values
    private final double[] a = {1.0, -2.0, 0.5, 3.0, -0.25, 4.0, 1e-5};
    private final double[] b = {0.5, 2.0, -1.5, 3.0, 0.75, -8.0, 2e-5};
    private final double[] c = {-3.0, 1.0, 7.0, 0.0, 0.5, 2.0, 6e-5};

    @Test
    void plusMinusAndTimesWorkElementWise() {
        Params pa = Params.of(shape, a);
        Params pb = Params.of(shape, b);
        Params sum = pa.plus(pb);
        Params difference = pa.minus(pb);
        Params scaled = pa.times(-2.5);
        for (int p = 0; p < a.length; p++) {
            assertEquals(a[p] + b[p], sum.get(p), 0.0);
            assertEquals(a[p] - b[p], difference.get(p), 0.0);
            assertEquals(a[p] * -2.5, scaled.get(p), 0.0);
        }
    }

    @Test
    void interpolateMovesTheGivenFractionOfTheWayToTheTarget() {
        Params from = Params.of(shape, a);
        Params to = Params.of(shape, b);
        assertEquals(from, from.interpolate(to, 0.0), "epsilon 0 keeps this");
        assertEquals(to, from.interpolate(to, 1.0), "epsilon 1 gives the target (exact for these values)");
        Params quarter = from.interpolate(to, 0.25);
        for (int p = 0; p < a.length; p++) {
            assertEquals(0.75 * a[p] + 0.25 * b[p], quarter.get(p), 1e-15);
        }
    }

    @Test
    void meanIsTheElementWiseAverage() {
        Params mean = Params.mean(List.of(Params.of(shape, a), Params.of(shape, b), Params.of(shape, c)));
        for (int p = 0; p < a.length; p++) {
            assertEquals((a[p] + b[p] + c[p]) / 3, mean.get(p), 1e-15);
        }
        Params single = Params.of(shape, a);
        assertSame(single, Params.mean(List.of(single)), "the mean of one vector is that vector");
    }

    @Test
    void meanOfNothingIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Params.mean(List.of()));
        assertEquals("mean of no params", e.getMessage());
    }

    @Test
    void arithmeticOnDifferentShapesIsRejectedNamingBothShapes() {
        Params small = Params.of(shape, a);
        Params other = Params.initial(new NetShape(1, 3, 1), new Random(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> small.plus(other));
        assertTrue(e.getMessage().contains("[1, 2, 1]") && e.getMessage().contains("[1, 3, 1]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> small.minus(other));
        assertThrows(IllegalArgumentException.class, () -> small.interpolate(other, 0.5));
    }

    @Test
    void wrongNumberOfValuesIsRejectedNamingBothCounts() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Params.of(shape, new double[6]));
        assertTrue(e.getMessage().contains("needs 7 values, got 6"), e.getMessage());
    }

    @Test
    void valuesAreCopiedInAndOut() {
        double[] values = a.clone();
        Params params = Params.of(shape, values);
        values[0] = 99;
        params.toArray()[1] = 99;
        assertEquals(a[0], params.get(0), 0.0);
        assertEquals(a[1], params.get(1), 0.0);
    }

    @Test
    void equalityIsBitwise() {
        Params p = Params.of(shape, a);
        assertEquals(p, Params.of(shape, a.clone()));
        assertEquals(p.hashCode(), Params.of(shape, a.clone()).hashCode());
        double[] nudged = a.clone();
        nudged[6] = Math.nextUp(nudged[6]);
        assertNotEquals(p, Params.of(shape, nudged), "one ulp apart");
        double[] zero = new double[7];
        double[] negativeZero = new double[7];
        negativeZero[3] = -0.0;
        assertNotEquals(Params.of(shape, zero), Params.of(shape, negativeZero), "0.0 and -0.0 differ in bits");
    }

    @Test
    void maxAbsDiffIsTheLargestElementDistance() {
        double largest = 0;
        for (int p = 0; p < a.length; p++) {
            largest = Math.max(largest, Math.abs(a[p] - c[p]));
        }
        assertEquals(largest, Params.of(shape, a).maxAbsDiff(Params.of(shape, c)), 0.0);
        assertEquals(0.0, Params.of(shape, a).maxAbsDiff(Params.of(shape, a)), 0.0);
    }

    @Test
    void accessorsFollowTheFlatLayoutRowPerOutputUnit() {
        NetShape net = new NetShape(1, 3, 2, 1);
        double[] values = new double[net.paramCount()];
        for (int p = 0; p < values.length; p++) {
            values[p] = p;
        }
        Params params = Params.of(net, values);
        for (int l = 0; l < net.layerCount(); l++) {
            for (int o = 0; o < net.outputs(l); o++) {
                for (int i = 0; i < net.inputs(l); i++) {
                    assertEquals(net.weightOffset(l) + o * net.inputs(l) + i, params.weight(l, o, i), 0.0);
                }
                assertEquals(net.biasOffset(l) + o, params.bias(l, o), 0.0);
            }
        }
    }

    @Test
    void initialWeightsAndBiasesLieWithinOneOverRootFanIn() {
        Params params = Params.initial(NetShape.STANDARD, new Random(5));
        NetShape net = params.shape();
        for (int l = 0; l < net.layerCount(); l++) {
            double bound = 1 / Math.sqrt(net.inputs(l));
            double largest = 0;
            int end = net.biasOffset(l) + net.outputs(l);
            for (int p = net.weightOffset(l); p < end; p++) {
                assertTrue(Math.abs(params.get(p)) <= bound, "layer " + l + " value " + params.get(p));
                largest = Math.max(largest, Math.abs(params.get(p)));
            }
            assertTrue(largest > 0.8 * bound, "layer " + l + " uses its range, largest " + largest);
        }
        assertEquals(params, Params.initial(NetShape.STANDARD, new Random(5)), "same seed, same init");
        assertNotEquals(params, Params.initial(NetShape.STANDARD, new Random(6)));
    }

    @Test
    void finitenessCheckFindsNanAndInfinity() {
        assertTrue(Params.of(shape, a).isFinite());
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            double[] values = a.clone();
            values[4] = bad;
            assertTrue(!Params.of(shape, values).isFinite(), "with " + bad);
        }
    }
}
