package lab.reptile.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The body gate lets each client read its share of bodies at once and the server its total, and counts back. */
class BodyGateTest {
    @Test
    void aClientGetsItsShareTheServerItsTotalAndARefusalCountsNothing() {
        BodyGate gate = new BodyGate(2, 3);
        assertNull(gate.enter("a"));
        assertNull(gate.enter("a"));
        assertEquals(BodyGate.Refusal.CLIENT_BUSY, gate.enter("a"));
        assertNull(gate.enter("b"));
        assertEquals(BodyGate.Refusal.SERVER_BUSY, gate.enter("c"));
        assertEquals(3, gate.reading(), "refusals took no share");
        gate.leave("a");
        assertNull(gate.enter("c"));
        gate.leave("a");
        gate.leave("b");
        gate.leave("c");
        assertEquals(0, gate.reading());
        assertThrows(IllegalStateException.class, () -> gate.leave("a"), "a read that never began cannot end");
    }

    @Test
    void aGateNeedsAShareOfAtLeastOneWithinTheTotal() {
        assertEquals("a body gate needs 1 <= perClient <= total, got perClient 3 and total 2",
                assertThrows(IllegalArgumentException.class, () -> new BodyGate(3, 2)).getMessage());
    }
}
