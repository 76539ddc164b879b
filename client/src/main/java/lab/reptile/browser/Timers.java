package lab.reptile.browser;

/** Starts and cancels the page's timers: the browser with {@code Window.setTimeout}, tests with a fake clock. */
public interface Timers {
    /** Runs {@code then} once, after the timer's delay; replaces a pending timer of the same kind. */
    void start(Timer timer, Runnable then);

    /** Drops the pending timer of this kind, if there is one. */
    void cancel(Timer timer);

    /** The wall clock in milliseconds (the epoch in the browser, the fake clock's time in tests). */
    long now();
}
