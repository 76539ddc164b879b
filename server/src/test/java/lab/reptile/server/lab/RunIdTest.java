package lab.reptile.server.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RunIdTest {
    @Test
    void randomIdsAreUrlSafeAndDistinct() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            String id = RunId.random().value();
            assertTrue(id.matches("[A-Za-z0-9_-]{16}"), id);
            assertTrue(seen.add(id), "repeated id " + id);
        }
        assertNotEquals(RunId.DEFAULT, RunId.random());
    }

    @Test
    void parsesWhatItMakesAndTheDefault() {
        RunId id = RunId.random();
        assertEquals(id, RunId.parse(id.value()));
        assertTrue(RunId.parse("default").isDefault());
    }

    @Test
    void refusesMalformedIdsSayingWhatAnIdIs() {
        for (String bad : new String[] {"", "../../etc/passwd", "abc", "AAAAAAAAAAAAAAA!", "AAAAAAAAAAAAAAAAA",
            "Default", "..%2F..%2Fx"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RunId.parse(bad));
            assertEquals("malformed run id \"" + bad + "\": a run id is \"default\" or 16 characters of A-Z, a-z, "
                    + "0-9, _ and -", e.getMessage());
        }
    }
}
