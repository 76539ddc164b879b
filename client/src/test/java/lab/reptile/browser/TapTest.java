package lab.reptile.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TapTest {
    private final Tap tap = new Tap();

    @Test
    void aPressAndReleaseInPlaceIsATap() {
        tap.press(1, 100, 50);
        assertTrue(tap.release(1, 103, 54));
    }

    @Test
    void aDragIsNotATap() {
        tap.press(1, 100, 50);
        assertFalse(tap.release(1, 100, 50 + Tap.SLOP + 1));
    }

    @Test
    void aCancelledPressOrAnotherPointerIsNotATap() {
        tap.press(1, 100, 50);
        tap.cancel();
        assertFalse(tap.release(1, 100, 50));
        tap.press(1, 100, 50);
        assertFalse(tap.release(2, 100, 50));
    }

    @Test
    void aReleaseCompletesAtMostOneTap() {
        tap.press(1, 10, 10);
        assertTrue(tap.release(1, 10, 10));
        assertFalse(tap.release(1, 10, 10));
    }

    @Test
    void aPressThatMovesPastTheSlopIsADragEvenIfItComesBack() {
        tap.press(1, 10, 10);
        assertFalse(tap.move(1, 10 + Tap.SLOP, 10), "within the slop: still a tap");
        assertFalse(tap.move(2, 100, 100), "another pointer's move");
        assertTrue(tap.move(1, 40, 10));
        assertTrue(tap.move(1, 11, 10), "once a drag, always a drag");
        assertFalse(tap.release(1, 10, 10), "a drag that ends where it began is no tap");
    }

    @Test
    void fingersGetALargerHitRadiusThanAMouse() {
        assertEquals(Tap.TOUCH_HIT_RADIUS, Tap.hitRadius("touch"));
        assertEquals(Tap.POINTER_HIT_RADIUS, Tap.hitRadius("mouse"));
        assertEquals(Tap.POINTER_HIT_RADIUS, Tap.hitRadius("pen"));
        assertTrue(Tap.TOUCH_HIT_RADIUS > Tap.POINTER_HIT_RADIUS);
    }

    @Test
    void aTapLandsWhereItsPressWentDown() {
        Tap tap = new Tap();
        tap.press(1, 100, 200);
        assertTrue(tap.release(1, 100, 202.5), "2.5 px of a canvas moved under a still pointer is still a tap");
        assertEquals(100, tap.pressX());
        assertEquals(200, tap.pressY());
    }
}
