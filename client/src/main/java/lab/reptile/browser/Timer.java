package lab.reptile.browser;

/** The page's timers, each with its delay; at most one of each kind is pending at a time. */
public enum Timer {
    /** Time each step of the animation stays on screen. */
    FRAME(90),
    /** How long after one training-progress answer the next is asked for. */
    TRAINING_POLL(3000),
    /** How long each timeline position stays on screen while the timeline replays. */
    REPLAY(300),
    /** How often the chosen run's detail and newest weights are asked for while it trains and the page follows it. */
    RUN_POLL(1000),
    /** How often a refusal with a Retry-After counts down its "try again in …" (and ends when it is over). */
    RETRY_TICK(1000);

    private final int millis;

    Timer(int millis) {
        this.millis = millis;
    }

    public int millis() {
        return millis;
    }
}
