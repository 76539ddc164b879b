package lab.reptile.server.lab;

/**
 * Why the lab refused a request, which it did without changing anything. The HTTP layer maps each reason to a
 * status; {@link #retryAfterSeconds} says when asking again may succeed (0: no point in retrying as is).
 */
public final class LabRefusal extends RuntimeException {
    /** The kinds of refusal. */
    public enum Reason {
        /** Visitor runs are turned off. */
        LAB_OFF,
        /** A value of the request is not acceptable. */
        INVALID,
        /** This client has started its share of runs for now. */
        QUOTA,
        /** Too many runs wait already. */
        QUEUE_FULL,
        /** The run would not fit in the disk budget. */
        DISK_FULL,
        NOT_FOUND,
        /** The run is not in a state that allows this. */
        CONFLICT,
        /** The database cannot be reached: nothing was changed; ask again in a few seconds. */
        UNAVAILABLE
    }

    private final Reason reason;
    private final long retryAfterSeconds;

    public LabRefusal(Reason reason, String message) {
        this(reason, message, 0);
    }

    public LabRefusal(Reason reason, String message, long retryAfterSeconds) {
        super(message);
        this.reason = reason;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public Reason reason() {
        return reason;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
