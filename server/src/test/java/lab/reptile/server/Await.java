package lab.reptile.server;

import java.time.Duration;
import java.util.function.Predicate;

/**
 * Waits on a condition instead of sleeping a fixed time: polls until it holds, and fails after a deadline with a
 * message that says what was awaited and what was last seen.
 */
public final class Await {
    /** Long enough for a loaded 2-core machine; a condition that holds returns as soon as it does. */
    public static final Duration DEFAULT = Duration.ofSeconds(180); // only a failing test waits this long
    private static final long POLL_MILLIS = 10;

    /** A value to look at, which may throw (an HTTP call, a file read). */
    @FunctionalInterface
    public interface Probe<T> {
        T get() throws Exception;
    }

    /** A condition that may throw. */
    @FunctionalInterface
    public interface Condition {
        boolean holds() throws Exception;
    }

    private Await() {
    }

    /** Waits up to {@link #DEFAULT} until {@code condition} holds. */
    public static void until(String what, Condition condition) throws Exception {
        until(what, DEFAULT, condition);
    }

    /** Waits up to {@code timeout} until {@code condition} holds; fails naming {@code what} otherwise. */
    public static void until(String what, Duration timeout, Condition condition) throws Exception {
        until(what, timeout, () -> condition.holds(), Boolean::booleanValue);
    }

    /** Waits up to {@link #DEFAULT} until {@code probe}'s value satisfies {@code done}, and returns that value. */
    public static <T> T until(String what, Probe<T> probe, Predicate<T> done) throws Exception {
        return until(what, DEFAULT, probe, done);
    }

    /**
     * Waits up to {@code timeout} until {@code probe}'s value satisfies {@code done}, and returns that value; fails
     * naming {@code what} and the last value seen otherwise.
     */
    public static <T> T until(String what, Duration timeout, Probe<T> probe, Predicate<T> done) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            T value = probe.get();
            if (done.test(value)) {
                return value;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what
                        + "; last seen: " + value);
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    /**
     * Checks that {@code invariant} holds throughout {@code window} (for "nothing changes" claims, which need some
     * time to watch), failing the moment it breaks.
     */
    public static void during(String what, Duration window, Condition invariant) throws Exception {
        long end = System.nanoTime() + window.toNanos();
        do {
            if (!invariant.holds()) {
                throw new AssertionError("stopped holding: " + what);
            }
            Thread.sleep(POLL_MILLIS);
        } while (System.nanoTime() - end < 0);
        if (!invariant.holds()) {
            throw new AssertionError("stopped holding: " + what);
        }
    }
}
