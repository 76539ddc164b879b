package lab.reptile.browser;

import java.util.EnumSet;
import java.util.Set;

/** {@link Timers} on a clock that moves only when a test says so. */
final class FakeClock implements Timers {
    private final long[] due = new long[Timer.values().length];
    private final Runnable[] tasks = new Runnable[due.length];
    private long now;

    @Override
    public void start(Timer timer, Runnable then) {
        due[timer.ordinal()] = now + timer.millis();
        tasks[timer.ordinal()] = then;
    }

    @Override
    public long now() {
        return now;
    }

    @Override
    public void cancel(Timer timer) {
        tasks[timer.ordinal()] = null;
    }

    /** Moves the clock on by {@code millis}, firing each timer that falls due on the way, earliest first. */
    void advance(long millis) {
        long until = now + millis;
        for (Timer next = nextDue(until); next != null; next = nextDue(until)) {
            now = due[next.ordinal()];
            Runnable task = tasks[next.ordinal()];
            tasks[next.ordinal()] = null;
            task.run();
        }
        now = until;
    }

    /** The timers waiting to fire. */
    Set<Timer> pending() {
        Set<Timer> pending = EnumSet.noneOf(Timer.class);
        for (Timer timer : Timer.values()) {
            if (tasks[timer.ordinal()] != null) {
                pending.add(timer);
            }
        }
        return pending;
    }

    private Timer nextDue(long until) {
        Timer next = null;
        for (Timer timer : Timer.values()) {
            int i = timer.ordinal();
            if (tasks[i] != null && due[i] <= until && (next == null || due[i] < due[next.ordinal()])) {
                next = timer;
            }
        }
        return next;
    }
}
