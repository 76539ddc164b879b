package lab.reptile.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** NetShape's flat layout (per layer W [out x in] row-major, then b) and its validation. */
class NetShapeTest {
    @Test
    void offsetsPlaceEachLayersWeightsThenItsBias() {
        NetShape shape = new NetShape(1, 3, 2, 1);
        assertEquals(3, shape.layerCount());
        // layer 0: W 3x1 at 0..2, b at 3..5; layer 1: W 2x3 at 6..11, b at 12..13; layer 2: W 1x2 at 14..15, b at 16
        assertEquals(0, shape.weightOffset(0));
        assertEquals(3, shape.biasOffset(0));
        assertEquals(6, shape.weightOffset(1));
        assertEquals(12, shape.biasOffset(1));
        assertEquals(14, shape.weightOffset(2));
        assertEquals(16, shape.biasOffset(2));
        assertEquals(17, shape.paramCount());
        assertEquals(3, shape.maxWidth());
    }

    @Test
    void standardNetIsOneSixtyFourSixtyFourOneWith4353Parameters() {
        assertEquals("[1, 64, 64, 1]", NetShape.STANDARD.toString());
        assertEquals(64 + 64 + 64 * 64 + 64 + 64 + 1, NetShape.STANDARD.paramCount());
    }

    @Test
    void sizesThatDoNotChainOneToOneAreRejected() {
        assertRejected("sizes must chain 1 -> ... -> 1, got [2, 4, 1]", 2, 4, 1);
        assertRejected("sizes must chain 1 -> ... -> 1, got [1, 4, 3]", 1, 4, 3);
        assertRejected("sizes must list at least input and output, got [1]", 1);
        assertRejected("every layer size must be in 1..4096, got [1, 0, 1]", 1, 0, 1);
        assertRejected("every layer size must be in 1..4096, got [1, 5000, 1]", 1, 5000, 1);
    }

    @Test
    void sizesAreCopiedSoTheShapeCannotChange() {
        int[] sizes = {1, 3, 1};
        NetShape shape = new NetShape(sizes);
        sizes[1] = 9;
        shape.sizes()[1] = 9;
        assertEquals(new NetShape(1, 3, 1), shape);
    }

    private static void assertRejected(String message, int... sizes) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new NetShape(sizes));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }
}
