package lab.reptile.browser;

import java.util.Arrays;

import org.teavm.jso.browser.Window;

/** The page's timers as {@code Window.setTimeout}, one handle per kind of {@link Timer}. */
final class BrowserTimers implements Timers {
    private static final int NONE = -1;
    private final int[] handles = new int[Timer.values().length];

    BrowserTimers() {
        Arrays.fill(handles, NONE);
    }

    @Override
    public void start(Timer timer, Runnable then) {
        cancel(timer);
        int slot = timer.ordinal();
        handles[slot] = Window.setTimeout(() -> {
            handles[slot] = NONE;
            then.run();
        }, timer.millis());
    }

    @Override
    public void cancel(Timer timer) {
        int slot = timer.ordinal();
        if (handles[slot] != NONE) {
            Window.clearTimeout(handles[slot]);
            handles[slot] = NONE;
        }
    }

    @Override
    public long now() {
        return System.currentTimeMillis();
    }
}
