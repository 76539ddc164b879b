package lab.reptile.server.lab;

import java.util.OptionalLong;
import lab.reptile.model.ReptileConfig;
import lab.reptile.server.lab.LabRefusal.Reason;

/**
 * Whether a visitor may start a run, by the {@link LabLimits}: the lab on, a config a visitor may train, the
 * client's hourly quota, a place in the queue and room on disk. Not thread-safe: the {@link Lab} asks under its lock,
 * and admits only what it then queues, so a refusal changes nothing.
 */
final class LabAdmission {
    private static final long HOUR_NANOS = 3_600_000_000_000L;
    /** Retry-After for a full queue or disk: about the time of a short run. */
    private static final long RETRY_SECONDS = 30;

    private final LabLimits limits;
    private final ClientQuota quota;

    LabAdmission(LabLimits limits) {
        this.limits = limits;
        this.quota = new ClientQuota(limits.runsPerHour(), HOUR_NANOS);
    }

    /** Refuses what a visitor may never start, whatever the lab's state: the lab off, a config out of bounds. */
    void checkRequest(ReptileConfig config) {
        if (!limits.visitorRuns()) {
            throw new LabRefusal(Reason.LAB_OFF, "visitor runs are turned off on this server");
        }
        if (config.tasks() > limits.maxTasks()) {
            throw new LabRefusal(Reason.INVALID, "tasks must be at most " + limits.maxTasks()
                    + " for a visitor run, got " + config.tasks());
        }
        if (config.metaIterations() < TimelinePlan.MIN_META_ITERATIONS) {
            throw new LabRefusal(Reason.INVALID, "a run needs at least " + TimelinePlan.MIN_META_ITERATIONS
                    + " meta-iterations (tasks / metaBatchSize), got " + config.metaIterations());
        }
    }

    /**
     * Admits a run for {@code client} at {@code now} (nanoseconds), counting it against the quota, or refuses.
     *
     * @param waiting   runs waiting now (being created included)
     * @param usedBytes the runs' bytes on disk now
     * @param needBytes the new run's estimate
     */
    void admit(String client, long now, int waiting, long usedBytes, long needBytes) {
        OptionalLong wait = quota.waitFor(client, now);
        if (wait.isPresent()) {
            throw new LabRefusal(Reason.QUOTA, "this client has started " + limits.runsPerHour()
                    + " runs in the last hour, the most allowed", Math.max(1, wait.getAsLong() / 1_000_000_000L));
        }
        if (waiting >= limits.queueLimit()) {
            throw new LabRefusal(Reason.QUEUE_FULL, "the queue is full (" + limits.queueLimit() + " runs waiting)",
                    RETRY_SECONDS);
        }
        if (usedBytes + needBytes > limits.diskLimitBytes()) {
            throw new LabRefusal(Reason.DISK_FULL, "no room on disk for another run (" + usedBytes + " of "
                    + limits.diskLimitBytes() + " bytes used)", RETRY_SECONDS);
        }
        quota.record(client, now);
    }

    /** Takes back an admission whose run could not be saved. */
    void withdraw(String client, long admittedAt) {
        quota.forget(client, admittedAt);
    }
}
