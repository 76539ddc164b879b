package lab.reptile.browser;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The share link's fragment, written and read back, and what a bad one is told. */
class SharedViewTest {
    @Test
    void aViewSurvivesTheRoundTripToThreeDecimals() {
        SharedView view = new SharedView("aB3-x_", 5, "8", "0.02", new double[] {-4.5, 1.23456}, new double[] {2, -0.5});
        assertEquals("run=aB3-x_&t=5&steps=8&lr=0.02&p=-4.500_2.000,1.235_-0.500", view.fragment());
        SharedView back = SharedView.parse("#" + view.fragment());
        assertEquals("aB3-x_", back.run());
        assertEquals(5, back.position());
        assertEquals("8", back.steps());
        assertEquals("0.02", back.lr());
        assertArrayEquals(new double[] {-4.5, 1.235}, back.xs());
        assertArrayEquals(new double[] {2, -0.5}, back.ys());
    }

    @Test
    void anEmptyFragmentIsNoSharedView() {
        assertNull(SharedView.parse(""));
        assertNull(SharedView.parse("#"));
    }

    @Test
    void aBadFragmentIsRefusedWithWhatIsWrong() {
        assertEquals("the shared link's run must be letters, digits, - or _, got \"../x\"",
                assertThrows(IllegalArgumentException.class, () -> SharedView.parse("run=../x")).getMessage());
        assertEquals("a shared point must be x_y, got \"1\"",
                assertThrows(IllegalArgumentException.class, () -> SharedView.parse("run=a&p=1")).getMessage());
        assertEquals("the shared link's point y must be a number, got \"NaN\"",
                assertThrows(IllegalArgumentException.class, () -> SharedView.parse("run=a&p=1_NaN")).getMessage());
        assertEquals("unknown key \"zz\" in the shared link",
                assertThrows(IllegalArgumentException.class, () -> SharedView.parse("run=a&zz=1")).getMessage());
    }

    @Test
    void aPageOpenedWithABadLinkSaysSoAndStartsAsUsual() {
        PageHarness h = new PageHarness();
        h.page.start("#run=a&p=1");
        assertEquals("Could not read the shared link: a shared point must be x_y, got \"1\".",
                h.page.messages().status());
        assertEquals("default", h.page.runs().chosen());
    }
}
