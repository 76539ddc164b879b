package lab.reptile.browser;

/** The wiring's timers, with a redraw of the page after each one fires. */
final class RedrawingTimers implements Timers {
    private final Timers timers;
    private final Runnable redraw;

    RedrawingTimers(Timers timers, Runnable redraw) {
        this.timers = timers;
        this.redraw = redraw;
    }

    @Override
    public void start(Timer timer, Runnable then) {
        timers.start(timer, () -> {
            then.run();
            redraw.run();
        });
    }

    @Override
    public void cancel(Timer timer) {
        timers.cancel(timer);
    }

    @Override
    public long now() {
        return timers.now();
    }
}
