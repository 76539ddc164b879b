package lab.reptile.server.training;

import java.util.concurrent.atomic.AtomicReference;
import lab.reptile.model.MetaLearner;
import lab.reptile.model.ReptileConfig;
import lab.reptile.model.TrainerStart;
import lab.reptile.server.snapshot.Snapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs Reptile meta-training in a background thread and publishes immutable, versioned snapshots of the meta-weights
 * (every {@link #PUBLISH_INTERVAL_NANOS} and at the end). Readers take the latest snapshot or status without locking
 * and never block the trainer; control calls (pause, resume, reset) are picked up between meta-iterations.
 */
public final class TrainingRunner implements AutoCloseable {
    static final long PUBLISH_INTERVAL_NANOS = 200_000_000L;
    static final long VALIDATION_INTERVAL_NANOS = 2_000_000_000L;
    private static final long LOG_INTERVAL_NANOS = 5_000_000_000L;
    private static final long ACK_TIMEOUT_NANOS = 5_000_000_000L;
    private static final Logger LOG = LoggerFactory.getLogger(TrainingRunner.class);

    private final LearnerFactory learners;
    private final Checkpointer checkpointer;
    private final long checkpointIntervalNanos;
    private final AtomicReference<Snapshot> snapshot = new AtomicReference<>();
    private final AtomicReference<RunnerStatus> status = new AtomicReference<>();
    private final Thread thread;
    private final Object control = new Object();
    // Guarded by control:
    private boolean pauseRequested;
    private ReptileConfig resetRequested;
    private boolean closed;
    private long requested;
    private long acknowledged;
    // Owned by the trainer thread (and by the constructor before the thread starts):
    private MetaLearner learner;
    private TrainingState state;
    private String problem;
    private final LearningCurve curve = new LearningCurve();
    private long runningNanos;
    private long tasksAtBegin; // a resumed run's rate counts only the tasks trained since it began here
    private long version;

    /** A runner without checkpoints that starts {@code config} from its seed. */
    public TrainingRunner(ReptileConfig config, LearnerFactory learners) {
        this(config, null, learners, Checkpointer.NONE, Long.MAX_VALUE);
    }

    /**
     * Builds the first learner now, so a snapshot exists before this returns; call {@link #start()} to train.
     *
     * @param start                   where to resume {@code config} (a checkpoint's), or null to start from the seed
     * @param checkpointIntervalNanos checkpoints are saved this often while training, and at the end of a run, after
     *                                a reset and on close
     */
    public TrainingRunner(ReptileConfig config, TrainerStart start, LearnerFactory learners, Checkpointer checkpointer,
                          long checkpointIntervalNanos) {
        this.learners = learners;
        this.checkpointer = checkpointer;
        this.checkpointIntervalNanos = checkpointIntervalNanos;
        this.thread = new Thread(this::run, "reptile-trainer");
        thread.setDaemon(true);
        begin(config, start == null ? TrainerStart.fromSeed(config, TrainingDefaults.SHAPE) : start);
    }

    public void start() {
        thread.start();
    }

    /** The latest published meta-weights; never null, never half-written. */
    public Snapshot snapshot() {
        return snapshot.get();
    }

    public RunnerStatus status() {
        return status.get();
    }

    /** Pauses after the current meta-iteration; returns once the trainer has published the paused state. */
    public void pause() {
        request(() -> pauseRequested = true);
    }

    public void resume() {
        request(() -> pauseRequested = false);
    }

    /** Starts over from fresh weights with {@code config} (a pause in force is lifted); returns once begun. */
    public void reset(ReptileConfig config) {
        request(() -> {
            resetRequested = config;
            pauseRequested = false;
        });
    }

    @Override
    public void close() {
        synchronized (control) {
            closed = true;
            control.notifyAll();
        }
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Applies a control change and waits (bounded) until the trainer thread has acted on it. */
    private void request(Runnable change) {
        synchronized (control) {
            change.run();
            long ticket = ++requested;
            control.notifyAll();
            long deadline = System.nanoTime() + ACK_TIMEOUT_NANOS;
            while (acknowledged < ticket && !closed && thread.isAlive()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                try {
                    control.wait(left / 1_000_000 + 1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void run() {
        long lastPublish = System.nanoTime();
        long lastValidation = lastPublish;
        long lastLog = lastPublish;
        long lastCheckpoint = lastPublish;
        while (awaitWork()) {
            try {
                long before = System.nanoTime();
                learner.metaStep();
                long now = System.nanoTime();
                runningNanos += now - before;
                boolean done = learner.finished();
                if (done || now - lastValidation >= VALIDATION_INTERVAL_NANOS) {
                    validate();
                    lastValidation = System.nanoTime();
                }
                if (done || now - lastPublish >= PUBLISH_INTERVAL_NANOS) {
                    publish(done ? TrainingState.FINISHED : TrainingState.RUNNING);
                    lastPublish = now;
                }
                if (done || now - lastLog >= LOG_INTERVAL_NANOS) {
                    logProgress();
                    lastLog = now;
                }
                if (done || now - lastCheckpoint >= checkpointIntervalNanos) {
                    checkpoint();
                    lastCheckpoint = now;
                }
            } catch (RuntimeException e) {
                fail(e);
            }
        }
        checkpoint();
    }

    /**
     * Between meta-iterations: applies a requested reset, pause or resume, acknowledges it, and blocks while there
     * is nothing to train. Returns false once closed.
     */
    private boolean awaitWork() {
        synchronized (control) {
            while (!closed) {
                if (resetRequested != null) {
                    ReptileConfig config = resetRequested;
                    resetRequested = null;
                    try {
                        begin(config, TrainerStart.fromSeed(config, TrainingDefaults.SHAPE));
                        checkpoint();
                    } catch (RuntimeException e) {
                        fail(e);
                    }
                }
                if (trainable()) {
                    TrainingState wanted = pauseRequested ? TrainingState.PAUSED : TrainingState.RUNNING;
                    if (state != wanted) {
                        publish(wanted);
                    }
                }
                acknowledged = requested;
                control.notifyAll();
                if (state == TrainingState.RUNNING) {
                    return true;
                }
                waitForControl();
            }
            return false;
        }
    }

    private void fail(RuntimeException e) {
        LOG.error("training failed at meta-iteration {}", learner.metaIteration(), e);
        problem = "trainer failed: " + e;
        publishStatus(TrainingState.FAILED);
    }

    private boolean trainable() {
        return state == TrainingState.RUNNING || state == TrainingState.PAUSED;
    }

    private void waitForControl() {
        try {
            control.wait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    private void begin(ReptileConfig config, TrainerStart start) {
        learner = learners.create(config, start);
        curve.clear();
        runningNanos = 0;
        tasksAtBegin = learner.tasksDone();
        problem = null;
        LOG.info("training {} tasks from task {}, meta-batch {}, seed {}", config.tasks(), learner.tasksDone(),
                config.metaBatchSize(), config.seed());
        validate();
        publish(learner.finished() ? TrainingState.FINISHED : TrainingState.RUNNING);
    }

    /** Saves the learner's state, unless its weights diverged; a failure to write is logged, not fatal. */
    private void checkpoint() {
        if (state == TrainingState.DIVERGED || state == TrainingState.FAILED) {
            return;
        }
        try {
            checkpointer.save(learner);
        } catch (RuntimeException e) {
            LOG.warn("checkpoint not written: {}", e.toString());
        }
    }

    private void validate() {
        curve.record(learner);
    }

    /** Publishes the learner's weights as a new version, unless they are non-finite: then training stops. */
    private void publish(TrainingState newState) {
        var weights = learner.metaWeights();
        if (!weights.isFinite()) {
            problem = "meta-weights became non-finite at meta-iteration " + learner.metaIteration()
                    + "; serving the last finite snapshot";
            LOG.warn(problem);
            publishStatus(TrainingState.DIVERGED);
            return;
        }
        snapshot.set(Snapshot.of(++version, learner.metaIteration(), learner.tasksDone(), weights));
        publishStatus(newState);
    }

    private void publishStatus(TrainingState newState) {
        state = newState;
        double seconds = runningNanos / 1e9;
        double rate = seconds > 0 ? (learner.tasksDone() - tasksAtBegin) / seconds : 0;
        status.set(new RunnerStatus(state, learner.metaIteration(), learner.tasksDone(), learner.config().tasks(),
                rate, learner.config(), curve.points(), version, problem));
    }

    private void logProgress() {
        RunnerStatus s = status.get();
        LOG.info("{}: {}/{} tasks ({}%), {} tasks/s, validation MSE@8 {}", s.state().apiName(), s.tasksDone(),
                s.tasksTotal(), s.tasksDone() * 100 / Math.max(1, s.tasksTotal()), Math.round(s.tasksPerSecond()), curve.latest());
    }
}
