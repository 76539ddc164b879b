package lab.reptile.server.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ClientQuotaTest {
    private static final long HOUR = 3_600_000_000_000L;
    private final ClientQuota quota = new ClientQuota(3, HOUR);

    @Test
    void allowsThreeStartsAnHourPerClient() {
        for (long t = 0; t < 3; t++) {
            assertTrue(quota.waitFor("a", t).isEmpty());
            quota.record("a", t);
        }
        assertEquals(OptionalLong.of(HOUR - 10), quota.waitFor("a", 10), "the first start leaves the window next");
        assertTrue(quota.waitFor("b", 10).isEmpty(), "another client has its own quota");
    }

    @Test
    void allowsAgainOnceTheOldestStartLeavesTheWindow() {
        quota.record("a", 0);
        quota.record("a", 5);
        quota.record("a", 7);
        assertTrue(quota.waitFor("a", HOUR - 1).isPresent());
        assertTrue(quota.waitFor("a", HOUR).isEmpty());
        quota.record("a", HOUR);
        assertEquals(OptionalLong.of(5), quota.waitFor("a", HOUR));
    }

    @Test
    void forgetsAStartThatDidNotHappen() {
        quota.record("a", 1);
        quota.record("a", 2);
        quota.record("a", 3);
        quota.forget("a", 3);
        assertTrue(quota.waitFor("a", 4).isEmpty());
    }

    @Test
    void aZeroQuotaRefusesEveryone() {
        ClientQuota none = new ClientQuota(0, HOUR);
        assertEquals(OptionalLong.of(HOUR), none.waitFor("a", 0));
    }
}
