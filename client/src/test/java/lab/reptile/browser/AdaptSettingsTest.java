package lab.reptile.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AdaptSettingsTest {
    @Test
    void parsesTheDefaults() {
        assertEquals(new AdaptSettings(8, 0.02), AdaptSettings.parse("8", "0.02"));
        assertEquals(new AdaptSettings(32, 0.1), AdaptSettings.parse(" 32 ", "1e-1"));
    }

    @Test
    void acceptsTheEndsOfTheRanges() {
        assertEquals(1, AdaptSettings.parse("1", "0.001").steps());
        assertEquals(0.1, AdaptSettings.parse("32", "0.1").lr());
    }

    @Test
    void rejectsStepsOutsideOneToThirtyTwoNamingTheValue() {
        assertTrue(message("0", "0.02").contains("got 0"));
        assertTrue(message("33", "0.02").contains("got 33"));
        assertTrue(message("8.5", "0.02").contains("\"8.5\""));
        assertTrue(message("", "0.02").contains("steps"));
        assertTrue(message("-1", "0.02").contains("\"-1\""));
    }

    @Test
    void rejectsUnsafeOrMalformedLearningRates() {
        assertTrue(message("8", "0.2").contains("got 0.2"));
        assertEquals("learning rate must be from 0.001 to 0.1, got 0.0001", message("8", "0.0001")); // never "1.0E-4"
        assertTrue(message("8", "abc").contains("\"abc\""));
        assertTrue(message("8", "NaN").contains("learning rate"));
        assertTrue(message("8", "").contains("learning rate"));
    }

    private static String message(String steps, String lr) {
        return assertThrows(IllegalArgumentException.class, () -> AdaptSettings.parse(steps, lr)).getMessage();
    }
}
