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
        SharedView view = new SharedView("aB3-x_", 5, "8", "0.02", 3, new double[] {-4.5, 1.23456}, new double[] {2, -0.5});
        assertEquals("run=aB3-x_&t=5&steps=8&lr=0.02&s=3&p=-4.500_2.000,1.235_-0.500", view.fragment());
        SharedView back = SharedView.parse("#" + view.fragment());
        assertEquals("aB3-x_", back.run());
        assertEquals(5, back.position());
        assertEquals("8", back.steps());
        assertEquals("0.02", back.lr());
        assertEquals(3, back.step());
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

    @Test
    void aLinkWithoutAStepIsAnOlderOneAndShowsTheLastStep() {
        assertEquals(-1, SharedView.parse("run=default&t=-1&steps=8&lr=0.02&p=1_2").step());
        assertEquals("run=default&t=-1&steps=8&lr=0.02&p=",
                new SharedView("default", -1, "8", "0.02", -1, new double[0], new double[0]).fragment());
    }

    @Test
    void theShareLinkKeepsTheStepSliderAndTheOpenedPageShowsThatStep() {
        PageHarness sharer = new PageHarness().loaded();
        sharer.click(-1, 1);
        sharer.click(1, -1);
        sharer.page.showStep(3);
        String fragment = sharer.page.share();
        assertEquals(3, SharedView.parse(fragment).step());

        PageHarness opener = new PageHarness();
        opener.page.start("#" + fragment);
        opener.server.weights().fresh(PageHarness.weights(1, 100));
        assertEquals(2, opener.page.points().points().size());
        assertEquals(3, opener.page.adaptation().adaptation().shownStep());
        assertEquals(AdaptPanel.State.PAUSED, opener.page.adaptation().state());

        opener.page.adapt();
        assertEquals(AdaptPanel.State.ANIMATING, opener.page.adaptation().state());
    }

    @Test
    void anAnimationShownToItsEndSharesNoStep() {
        PageHarness sharer = new PageHarness().loaded();
        sharer.click(-1, 1);
        sharer.clock.advance(5_000);
        assertEquals(-1, SharedView.parse(sharer.page.share()).step());
    }
}
