package lab.reptile.server.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;
import lab.reptile.model.MetaLearner;
import lab.reptile.model.Params;
import lab.reptile.model.ReptileConfig;
import lab.reptile.model.TrainerStart;
import lab.reptile.server.checkpoint.Checkpoint;
import lab.reptile.server.snapshot.Snapshot;
import lab.reptile.server.store.StoreUnavailable;
import lab.reptile.server.training.LearnerFactory;
import lab.reptile.server.training.LearningCurve;
import lab.reptile.server.training.TrainingDefaults;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains one claimed run on the calling thread, from its checkpoint if it has one, until it ends, is paused, is
 * taken over (fenced out), or the worker stops; every write goes through the claim's {@link FencedWrites}. While the
 * database is unavailable it waits and retries the write in place (training pauses, nothing is lost).
 */
final class RunTrainer {
    static final long PUBLISH_INTERVAL_NANOS = 500_000_000L;
    static final long VALIDATION_INTERVAL_NANOS = 2_000_000_000L;
    private static final long LOG_INTERVAL_NANOS = 5_000_000_000L;
    private static final long RETRY_MILLIS = 1_000;
    private static final Logger LOG = LoggerFactory.getLogger(RunTrainer.class);

    /** How a stretch of training ended, for the job: drop the execution, or hand it back to the queue now. */
    enum Outcome {
        /** Ended (finished, diverged, failed), paused, or taken over by another execution: the job is done. */
        DONE,
        /** The worker is stopping: checkpointed and queued again, for any worker to continue at once. */
        HANDED_BACK
    }

    private final LearnerFactory learners;
    private final long checkpointIntervalNanos;
    private final Function<Params, RunReport> reporter;

    /**
     * @param checkpointIntervalNanos how often a checkpoint is written while training (also on pause, stop and at
     *                                the end)
     * @param reporter                evaluates a finished run's final weights
     */
    RunTrainer(LearnerFactory learners, long checkpointIntervalNanos, Function<Params, RunReport> reporter) {
        this.learners = learners;
        this.checkpointIntervalNanos = checkpointIntervalNanos;
        this.reporter = reporter;
    }

    /** Trains the claimed run of {@code writes}, whose stored parts are {@code stored}, until {@code stop} says so. */
    Outcome train(FencedWrites writes, RunStore.Heavy stored, BooleanSupplier stop) {
        RunId id = writes.spec().id();
        Session session = null;
        try {
            session = new Session(writes, stored, stop);
            return session.train();
        } catch (FencedOut e) {
            LOG.info("{}", e.getMessage());
            return Outcome.DONE;
        } catch (Stopped e) {
            LOG.info("run {}: the worker stopped while the database was unavailable; another continues it", id);
            return Outcome.DONE;
        } catch (RuntimeException e) {
            String problem = session == null ? "cannot start: " + e.getMessage() : "trainer failed: " + e;
            LOG.error("run {}: {}", id, problem, e);
            try {
                writes.release(RunState.FAILED, problem, null);
            } catch (RuntimeException unsaved) {
                LOG.warn("run {}: state failed not saved: {}", id, unsaved.toString());
            }
            return Outcome.DONE;
        }
    }

    /** The worker stopped while a write waited for the database: the run's last checkpoint stands. */
    private static final class Stopped extends RuntimeException {
    }

    /** One stretch of training of one run. */
    private final class Session {
        private final FencedWrites writes;
        private final BooleanSupplier stop;
        private final RunId id;
        private final ReptileConfig config;
        private final long[] plan;
        private final MetaLearner learner;
        private final LearningCurve curve;
        private final List<TimelineEntry> timeline;
        private final long tasksAtBegin;
        private Snapshot latest;
        private String control; // what a web replica asked of the run at the last publish: "pause" or null
        private long trainingNanos;

        Session(FencedWrites writes, RunStore.Heavy stored, BooleanSupplier stop) {
            this.writes = writes;
            this.stop = stop;
            this.id = writes.spec().id();
            this.config = writes.spec().config();
            this.plan = writes.spec().timelinePlan();
            TrainerStart start = retrying(writes::checkpoint).filter(c -> c.config().equals(config))
                    .map(Checkpoint::start).orElseGet(() -> TrainerStart.fromSeed(config, TrainingDefaults.SHAPE));
            learner = learners.create(config, start);
            long reached = learner.metaIteration();
            // Whatever was kept after the checkpoint is made again, bit for bit, as training passes it.
            curve = new LearningCurve(stored.curve().stream()
                    .filter(p -> p.tasksDone() <= learner.tasksDone()).toList());
            timeline = new ArrayList<>(stored.timeline().stream().filter(e -> e.metaIteration() <= reached).toList());
            tasksAtBegin = learner.tasksDone();
            LOG.info("run {}: training {} tasks from task {}, meta-batch {}, seed {}", id, config.tasks(),
                    learner.tasksDone(), config.metaBatchSize(), config.seed());
            curve.record(learner);
        }

        Outcome train() {
            long lastPublish = System.nanoTime();
            long lastValidation = lastPublish;
            long lastLog = lastPublish;
            long lastCheckpoint = lastPublish;
            if (!publish()) {
                return diverged();
            }
            while (true) {
                if (!keepPlannedSnapshot()) {
                    return diverged();
                }
                if (learner.finished()) {
                    return finish();
                }
                long before = System.nanoTime();
                learner.metaStep();
                long now = System.nanoTime();
                trainingNanos += now - before;
                if (now - lastValidation >= VALIDATION_INTERVAL_NANOS) {
                    curve.record(learner);
                    lastValidation = System.nanoTime();
                }
                boolean stopping = stop.getAsBoolean();
                if (now - lastPublish >= PUBLISH_INTERVAL_NANOS || stopping) {
                    if (!publish()) {
                        return diverged();
                    }
                    lastPublish = now;
                    if ("pause".equals(control) || stopping) {
                        if (!checkpoint()) {
                            return diverged();
                        }
                        RunState state = stopping ? RunState.QUEUED : RunState.PAUSED;
                        retrying(() -> {
                            writes.release(state, null, null);
                            return null;
                        });
                        LOG.info("run {}: {} at {} tasks", id, stopping ? "handed back to the queue" : "paused",
                                learner.tasksDone());
                        return stopping ? Outcome.HANDED_BACK : Outcome.DONE;
                    }
                }
                if (now - lastCheckpoint >= checkpointIntervalNanos) {
                    if (!checkpoint()) {
                        return diverged();
                    }
                    lastCheckpoint = now;
                }
                if (now - lastLog >= LOG_INTERVAL_NANOS) {
                    LOG.info("run {}: {}/{} tasks, {} tasks/s, validation MSE@8 {}", id, learner.tasksDone(),
                            config.tasks(), Math.round(rate()), curve.latest());
                    lastLog = now;
                }
            }
        }

        /** Keeps the timeline snapshot planned at the current meta-iteration, if any; false if θ is not finite. */
        private boolean keepPlannedSnapshot() {
            int index = timeline.size();
            if (index >= plan.length || plan[index] != learner.metaIteration()) {
                return true;
            }
            Snapshot snapshot = snapshotNow();
            if (snapshot == null) {
                return false;
            }
            timeline.add(retrying(() -> writes.snapshot(index, learner.metaIteration(), snapshot.jsonCopy())));
            latest = snapshot;
            return true;
        }

        /** Validates, checkpoints, evaluates the final weights and saves the report with the finished state. */
        private Outcome finish() {
            curve.record(learner);
            if (!checkpoint() || !publish()) {
                return diverged();
            }
            LOG.info("run {}: trained {} tasks at {} tasks/s; evaluating", id, learner.tasksDone(),
                    Math.round(rate()));
            RunReport report = reporter.apply(latest.weights());
            retrying(() -> {
                writes.release(RunState.FINISHED, null, report);
                return null;
            });
            return Outcome.DONE;
        }

        private Outcome diverged() {
            String problem = "meta-weights became non-finite at meta-iteration " + learner.metaIteration()
                    + "; keeping the last finite snapshot";
            LOG.warn("run {}: {}", id, problem);
            Snapshot last = latest; // a timeline snapshot may be newer than the last publish: serve it, with its tasks
            if (last != null) {
                retrying(() -> writes.progress(last.metaIteration(), last.tasksDone(), rate(), last.jsonCopy()));
            }
            retrying(() -> {
                writes.release(RunState.DIVERGED, problem, null);
                return null;
            });
            return Outcome.DONE;
        }

        /** Saves the learner's state; false (saving nothing) if its weights are not finite. */
        private boolean checkpoint() {
            Checkpoint checkpoint = Checkpoint.of(learner);
            if (!checkpoint.weights().isFinite()) {
                return false;
            }
            retrying(() -> {
                writes.checkpoint(checkpoint, curve.points());
                return null;
            });
            return true;
        }

        /**
         * Publishes the current weights and progress and reads the control a web replica asked for; false
         * (publishing nothing) if the weights are not finite.
         */
        private boolean publish() {
            Snapshot snapshot = snapshotNow();
            if (snapshot == null) {
                return false;
            }
            latest = snapshot;
            control = retrying(() -> writes.progress(snapshot.metaIteration(), snapshot.tasksDone(), rate(),
                    snapshot.jsonCopy()));
            return true;
        }

        /** The current weights as a snapshot whose version is the meta-iteration, or null if any is not finite. */
        private Snapshot snapshotNow() {
            if (latest != null && latest.metaIteration() == learner.metaIteration()) {
                return latest;
            }
            Params weights = learner.metaWeights();
            return weights.isFinite() ? Snapshot.of(learner.metaIteration(), learner.metaIteration(),
                    learner.tasksDone(), weights) : null;
        }

        /** Runs a write until the database takes it; while it is down, waits (the run pauses) unless stopping. */
        <T> T retrying(Supplier<T> write) {
            boolean logged = false;
            while (true) {
                try {
                    return write.get();
                } catch (StoreUnavailable e) {
                    if (!logged) {
                        LOG.warn("run {}: {}; training waits and retries every {} ms", id, e.getMessage(),
                                RETRY_MILLIS);
                        logged = true;
                    }
                    if (stop.getAsBoolean()) {
                        throw new Stopped();
                    }
                    try {
                        Thread.sleep(RETRY_MILLIS);
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        throw new Stopped();
                    }
                }
            }
        }

        private double rate() {
            double seconds = trainingNanos / 1e9;
            return seconds > 0 ? (learner.tasksDone() - tasksAtBegin) / seconds : 0;
        }
    }
}
