package lab.reptile.server.lab;

import java.util.OptionalLong;
import lab.reptile.model.PlainNumbers;
import lab.reptile.model.ReptileConfig;
import lab.reptile.server.lab.LabRefusal.Reason;
import lab.reptile.server.training.Dl4jReptileTrainer;

/**
 * Whether a visitor may start a run, by the {@link LabLimits}: the lab on, a config a visitor may train, the
 * client's hourly quota, a place in the queue and room on disk. Stateless: the {@link Lab} asks with the facts it read
 * from the database under the lab's lock row, and records only what it admits, so a refusal changes nothing.
 */
final class LabAdmission {
    /** The quota's sliding window. */
    static final long HOUR_MILLIS = 3_600_000L;
    /** Retry-After for a full queue or disk: about the time of a short run. */
    private static final long RETRY_SECONDS = 30;
    /**
     * A visitor run's training work, in SGD steps on up to 10 points, is at most this many per task of maxTasks:
     * 2,000,000 by default, 87–91 s on one core here (measured by the abuse review). The default run takes 5 per
     * task, maml-protocol 12.
     */
    static final int STEPS_PER_ALLOWED_TASK = 20;
    /** Points a step costs about as little as one on a single point: beyond them, cost grows with the points. */
    private static final int CHEAP_STEP_POINTS = 10;

    /**
     * A visitor run's working memory (its trainer's arrays, {@link Dl4jReptileTrainer#workingBytes}) is at most this:
     * the process's native memory is bounded to 512 MB, which the default run, the pretrainer and a few requests
     * share. The default run needs 0.15 MB; metaBatchSize 16 with innerBatchSize 50, 6.4 MB.
     */
    static final long MAX_WORKING_BYTES = 64L << 20;

    private final LabLimits limits;

    LabAdmission(LabLimits limits) {
        this.limits = limits;
    }

    /** Refuses what a visitor may never start, whatever the lab's state: the lab off, a config out of bounds. */
    void checkRequest(ReptileConfig config) {
        if (!limits.visitorRuns()) {
            throw new LabRefusal(Reason.LAB_OFF, "visitor runs are turned off on this server");
        }
        if (config.tasks() > limits.maxTasks()) {
            throw new LabRefusal(Reason.INVALID, "tasks must be at most " + PlainNumbers.of(limits.maxTasks())
                    + " for a visitor run, got " + PlainNumbers.of(config.tasks()));
        }
        long allowed = (long) STEPS_PER_ALLOWED_TASK * limits.maxTasks();
        double work = sgdWork(config);
        if (work > allowed) {
            throw new LabRefusal(Reason.INVALID, "a visitor run may take at most " + PlainNumbers.of(allowed)
                    + " SGD steps (" + STEPS_PER_ALLOWED_TASK + " per task; a step on n > " + CHEAP_STEP_POINTS
                    + " points counts n / " + CHEAP_STEP_POINTS + "), this one takes "
                    + PlainNumbers.of(Math.round(work)));
        }
        long memory = Dl4jReptileTrainer.workingBytes(config);
        if (memory > MAX_WORKING_BYTES) {
            long needMib = (memory + (1 << 20) - 1) >> 20;
            throw new LabRefusal(Reason.INVALID, "a visitor run may use at most " + (MAX_WORKING_BYTES >> 20)
                    + " MiB of working memory, this one needs " + needMib + " MiB (it grows with metaBatchSize × "
                    + "(innerBatchSize + supportPoints)): lower metaBatchSize or innerBatchSize");
        }
        if (config.metaIterations() < TimelinePlan.MIN_META_ITERATIONS) {
            throw new LabRefusal(Reason.INVALID, "a run needs at least " + TimelinePlan.MIN_META_ITERATIONS
                    + " meta-iterations (tasks / metaBatchSize), got " + PlainNumbers.of(config.metaIterations()));
        }
    }

    /**
     * The run's training work in SGD steps on up to 10 points: tasks × (supportSteps on the support points, then
     * innerEpochs passes of minibatches over the others), a step on n > 10 points counting n / 10.
     */
    static double sgdWork(ReptileConfig config) {
        double perEpoch = 0;
        for (int from = 0; from < config.pointsPerTask(); from += config.innerBatchSize()) {
            perEpoch += stepCost(Math.min(config.innerBatchSize(), config.pointsPerTask() - from));
        }
        double perTask = config.supportSteps() * stepCost(config.supportPoints()) + config.innerEpochs() * perEpoch;
        return (double) config.tasks() * perTask;
    }

    private static double stepCost(int points) {
        return Math.max(1.0, (double) points / CHEAP_STEP_POINTS);
    }

    /**
     * Admits a run, or refuses; the caller then records the client's start (in the same transaction).
     *
     * @param starts    the client's starts in the last hour
     * @param waiting   runs waiting now
     * @param usedBytes the runs' bytes stored now and what the unfinished ones may still write
     * @param needBytes the new run's estimate
     */
    void admit(QuotaUse starts, int waiting, long usedBytes, long needBytes) {
        checkAdmission(starts, waiting);
        if (usedBytes + needBytes > limits.diskLimitBytes()) {
            throw new LabRefusal(Reason.DISK_FULL, "no room on disk for another run (" + usedBytes + " of "
                    + limits.diskLimitBytes() + " bytes used or promised to the runs not yet finished, "
                    + needBytes + " more needed)", RETRY_SECONDS);
        }
    }

    /**
     * Refuses, recording nothing, what no config could change: the lab off, the client's quota used, the queue full.
     * The HTTP layer asks before it reads a body, so a refused client costs no body read.
     *
     * @param waiting runs waiting now
     */
    void checkAdmission(QuotaUse starts, int waiting) {
        if (!limits.visitorRuns()) {
            throw new LabRefusal(Reason.LAB_OFF, "visitor runs are turned off on this server");
        }
        if (starts.count() >= limits.runsPerHour()) {
            long waitMillis = limits.runsPerHour() == 0 ? HOUR_MILLIS
                    : starts.oldestMillis() + HOUR_MILLIS - starts.nowMillis();
            throw new LabRefusal(Reason.QUOTA, "this client has started " + limits.runsPerHour()
                    + " runs in the last hour, the most allowed", Math.max(1, waitMillis / 1_000));
        }
        if (waiting >= limits.queueLimit()) {
            throw new LabRefusal(Reason.QUEUE_FULL, "the queue is full (" + limits.queueLimit() + " runs waiting)",
                    RETRY_SECONDS);
        }
    }

    /** A client's starts in the sliding hour before {@code nowMillis}: how many, and the oldest (epoch ms). */
    record QuotaUse(int count, long oldestMillis, long nowMillis) {
    }
}
