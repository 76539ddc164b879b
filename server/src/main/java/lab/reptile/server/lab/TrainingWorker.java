package lab.reptile.server.lab;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.ExecutionContext;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import lab.reptile.server.store.Jdbc;
import lab.reptile.server.store.StoreUnavailable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker: db-scheduler over the lab's database, running {@link #TASK} jobs (one per queued run generation, its
 * instance id {@code <run id>/<generation>}) with {@code trainers} threads. A job claims its run (taking its fence
 * one higher, see {@link FencedWrites}) and trains it with {@link RunTrainer}; stopping hands the run back to the queue
 * at once. A SIGKILLed worker's job is revived by another after about 4 missed heartbeats of 1 s.
 */
final class TrainingWorker implements AutoCloseable {
    static final String TASK = "train-run";
    private static final Logger LOG = LoggerFactory.getLogger(TrainingWorker.class);
    private static final Duration HEARTBEAT = Duration.ofSeconds(1);
    private static final int MISSED_HEARTBEATS = 4;
    private static final Duration POLL = Duration.ofSeconds(1);
    /** How long a stop waits for jobs to checkpoint and hand their runs back. */
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(20);

    private final String name;
    private final int trainers;
    private final Jdbc jdbc;
    private final RunStore store;
    private final RunTrainer trainer;
    private final Scheduler scheduler;
    private final ScheduledExecutorService announcer;
    private final int keepFinished;
    private volatile boolean stopping;

    TrainingWorker(DataSource dataSource, RunStore store, RunTrainer trainer, String name, int trainers,
                   int keepFinished) {
        this.keepFinished = keepFinished;
        this.name = name;
        this.trainers = trainers;
        this.jdbc = store.jdbc();
        this.store = store;
        this.trainer = trainer;
        this.scheduler = Scheduler.create(dataSource, task(this::execute))
                .schedulerName(new SchedulerName.Fixed(name))
                .threads(trainers)
                .pollingInterval(POLL)
                .heartbeatInterval(HEARTBEAT)
                .missedHeartbeatsLimit(MISSED_HEARTBEATS)
                .shutdownMaxWait(SHUTDOWN_WAIT)
                .enableImmediateExecution()
                .build();
        this.announcer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "reptile-worker-announcer");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The job's definition, the same in every process that schedules or runs it. */
    static CustomTask<Void> task(JobBody body) {
        return Tasks.custom(TASK, Void.class).execute(body::execute);
    }

    /** A job's body. */
    @FunctionalInterface
    interface JobBody {
        CompletionHandler<Void> execute(TaskInstance<Void> instance, ExecutionContext context);
    }

    /** The instance id of a run generation's job. */
    static String instanceId(RunSpec spec) {
        return spec.id().value() + "/" + spec.generation();
    }

    String name() {
        return name;
    }

    void start() {
        scheduler.start();
        announcer.scheduleWithFixedDelay(this::announce, 0, 1, TimeUnit.SECONDS);
        LOG.info("worker {} trains runs with {} thread(s)", name, trainers);
    }

    /** Says the worker is live, and schedules any queued or running run whose job is missing (a web replica that
     * died between its commit and the schedule, a database restored or imported). */
    private void announce() {
        try {
            store.announceWorker(name, trainers, System.currentTimeMillis());
            for (RunStore.Row row : store.rows()) {
                if (row.state() == RunState.QUEUED || row.state() == RunState.RUNNING) { // no-op if it has a job
                    scheduler.scheduleIfNotExists(new TaskInstance<Void>(TASK, instanceId(row.spec())),
                            Instant.ofEpochMilli(row.queueAt()));
                }
            }
        } catch (StoreUnavailable e) {
            LOG.debug("worker {}: not announced: {}", name, e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("worker {}: not announced: {}", name, e.toString());
        }
    }

    private CompletionHandler<Void> execute(TaskInstance<Void> instance, ExecutionContext context) {
        String[] parts = instance.getId().split("/", 2);
        RunId id;
        try {
            id = RunId.parse(parts[0]);
        } catch (IllegalArgumentException e) {
            LOG.warn("dropping job {}: {}", instance.getId(), e.getMessage());
            return new CompletionHandler.OnCompleteRemove<>();
        }
        var claim = FencedWrites.claim(jdbc, id, parts.length > 1 ? parts[1] : "", context.getExecution().version,
                name);
        if (claim.isEmpty()) { // deleted, reset, paused, ended or failed for its kills: nothing to train
            return new CompletionHandler.OnCompleteRemove<>();
        }
        RunStore.Heavy stored = store.heavy(claim.get().writes().spec());
        if (stored == null) {
            return new CompletionHandler.OnCompleteRemove<>();
        }
        RunTrainer.Outcome outcome = trainer.train(claim.get().writes(), stored,
                () -> stopping || context.getSchedulerState().isShuttingDown());
        try {
            store.evictEnded(keepFinished);
        } catch (RuntimeException e) {
            LOG.warn("ended runs not evicted: {}", e.toString());
        }
        if (outcome == RunTrainer.Outcome.HANDED_BACK) {
            return (complete, operations) -> operations.reschedule(complete, Instant.now());
        }
        return new CompletionHandler.OnCompleteRemove<>();
    }

    /** Stops taking jobs; running ones checkpoint and hand their runs back. */
    @Override
    public void close() {
        stopping = true;
        announcer.shutdownNow();
        scheduler.stop();
    }
}
