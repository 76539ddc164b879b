package lab.reptile.server.lab;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import lab.reptile.model.MetaLearner;
import lab.reptile.model.Params;
import lab.reptile.model.ReptileConfig;
import lab.reptile.model.TrainerStart;
import lab.reptile.server.checkpoint.Checkpoint;
import lab.reptile.server.snapshot.Snapshot;
import lab.reptile.server.training.LearnerFactory;
import lab.reptile.server.training.LearningCurve;
import lab.reptile.server.training.TrainingDefaults;
import lab.reptile.model.ValidationPoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains one run on the calling thread, from its checkpoint if it has one, until it ends or is asked to pause, be
 * cancelled or stop; keeps its timeline snapshots, learning curve, checkpoints and report on disk and publishes a
 * new {@link RunView} as it goes. Readers never wait for it: all its I/O happens here, under no lock.
 */
final class RunTrainer {
    static final long PUBLISH_INTERVAL_NANOS = 200_000_000L;
    static final long VALIDATION_INTERVAL_NANOS = 2_000_000_000L;
    private static final long LOG_INTERVAL_NANOS = 5_000_000_000L;
    private static final Logger LOG = LoggerFactory.getLogger(RunTrainer.class);

    private final LearnerFactory learners;
    private final RunStore store;
    private final long checkpointIntervalNanos;
    private final Function<Params, RunReport> reporter;

    /**
     * @param checkpointIntervalNanos how often a checkpoint is written while training (also on pause, stop and at
     *                                the end)
     * @param reporter                evaluates a finished run's final weights
     */
    RunTrainer(LearnerFactory learners, RunStore store, long checkpointIntervalNanos,
               Function<Params, RunReport> reporter) {
        this.learners = learners;
        this.store = store;
        this.checkpointIntervalNanos = checkpointIntervalNanos;
        this.reporter = reporter;
    }

    /** What evaluates a finished run's final weights (also to rebuild a damaged report). */
    Function<Params, RunReport> reporter() {
        return reporter;
    }

    /**
     * Trains {@code run} and returns the state it leaves it in: an ended state, PAUSED, CANCELLED (its files are the
     * caller's to delete), or QUEUED when {@code stop} said the server is shutting down (it resumes on restart).
     */
    RunState train(Run run, BooleanSupplier stop) {
        Session session;
        try {
            session = new Session(run);
        } catch (RuntimeException | IOException e) {
            LOG.error("run {} cannot start", run.id(), e);
            return end(run, run.view(), RunState.FAILED, "cannot start: " + e.getMessage());
        }
        try {
            return session.train(stop);
        } catch (RuntimeException | IOException e) {
            LOG.error("run {} failed at meta-iteration {}", run.id(), session.learner.metaIteration(), e);
            return end(run, session.view(RunState.RUNNING), RunState.FAILED, "trainer failed: " + e);
        }
    }

    /** Publishes and saves an ended or early-stopped state; a failure to save is logged, the view still changes. */
    private RunState end(Run run, RunView view, RunState state, String problem) {
        try {
            store.writeState(run.spec(), state, problem);
        } catch (IOException e) {
            LOG.warn("run {}: state {} not saved: {}", run.id(), state.apiName(), e.toString());
        }
        run.publish(view.withState(state, problem));
        return state;
    }

    /** One stretch of training of one run. */
    private final class Session {
        private final Run run;
        private final ReptileConfig config;
        private final long[] plan;
        private final MetaLearner learner;
        private final LearningCurve curve;
        private final List<TimelineEntry> timeline;
        private final long tasksAtBegin;
        private Snapshot latest;
        private long trainingNanos;

        Session(Run run) throws IOException {
            this.run = run;
            this.config = run.spec().config();
            this.plan = run.spec().timelinePlan();
            Optional<Checkpoint> checkpoint = store.checkpoints(run.id()).loadNewest()
                    .filter(c -> c.config().equals(config));
            TrainerStart start = checkpoint.map(Checkpoint::start)
                    .orElseGet(() -> TrainerStart.fromSeed(config, TrainingDefaults.SHAPE));
            learner = learners.create(config, start);
            long reached = learner.metaIteration();
            // Whatever was kept after the checkpoint is made again, bit for bit, as training passes it.
            curve = new LearningCurve(run.view().history().stream()
                    .filter(p -> p.tasksDone() <= learner.tasksDone()).toList());
            timeline = new ArrayList<>(run.view().timeline().stream()
                    .filter(e -> e.metaIteration() <= reached).toList());
            tasksAtBegin = learner.tasksDone();
            latest = run.view().latest();
            LOG.info("run {}: training {} tasks from task {}, meta-batch {}, seed {}", run.id(), config.tasks(),
                    learner.tasksDone(), config.metaBatchSize(), config.seed());
            curve.record(learner);
        }

        RunState train(BooleanSupplier stop) throws IOException {
            long lastPublish = System.nanoTime();
            long lastValidation = lastPublish;
            long lastLog = lastPublish;
            long lastCheckpoint = lastPublish;
            if (!publish(RunState.RUNNING)) {
                return diverged();
            }
            while (true) {
                if (!keepPlannedSnapshot()) {
                    return diverged();
                }
                if (learner.finished()) {
                    return finish();
                }
                if (run.cancelRequested()) {
                    return RunState.CANCELLED;
                }
                if (run.pauseRequested() || stop.getAsBoolean()) {
                    if (!checkpoint()) {
                        return diverged();
                    }
                    publish(RunState.RUNNING);
                    return run.pauseRequested() ? end(run, view(RunState.PAUSED), RunState.PAUSED, null)
                            : RunState.QUEUED;
                }
                long before = System.nanoTime();
                learner.metaStep();
                long now = System.nanoTime();
                trainingNanos += now - before;
                if (now - lastValidation >= VALIDATION_INTERVAL_NANOS) {
                    curve.record(learner);
                    lastValidation = System.nanoTime();
                }
                if (now - lastPublish >= PUBLISH_INTERVAL_NANOS) {
                    if (!publish(RunState.RUNNING)) {
                        return diverged();
                    }
                    lastPublish = now;
                }
                if (now - lastCheckpoint >= checkpointIntervalNanos) {
                    if (!checkpoint()) {
                        return diverged();
                    }
                    lastCheckpoint = now;
                }
                if (now - lastLog >= LOG_INTERVAL_NANOS) {
                    LOG.info("run {}: {}/{} tasks, {} tasks/s, validation MSE@8 {}", run.id(), learner.tasksDone(),
                            config.tasks(), Math.round(rate()), curve.latest());
                    lastLog = now;
                }
            }
        }

        /** Keeps the timeline snapshot planned at the current meta-iteration, if any; false if θ is not finite. */
        private boolean keepPlannedSnapshot() throws IOException {
            int index = timeline.size();
            if (index >= plan.length || plan[index] != learner.metaIteration()) {
                return true;
            }
            Snapshot snapshot = snapshotNow();
            if (snapshot == null) {
                return false;
            }
            timeline.add(store.writeSnapshot(run.spec(), index, learner.metaIteration(), snapshot.jsonCopy()));
            latest = snapshot;
            return true;
        }

        /** Validates, checkpoints, evaluates the final weights and saves the report, then the finished state. */
        private RunState finish() throws IOException {
            curve.record(learner);
            if (!checkpoint() || !publish(RunState.RUNNING)) {
                return diverged();
            }
            LOG.info("run {}: trained {} tasks at {} tasks/s; evaluating", run.id(), learner.tasksDone(),
                    Math.round(rate()));
            RunReport report = reporter.apply(latest.weights());
            store.writeReport(run.id(), report);
            RunView view = view(RunState.FINISHED);
            return end(run, new RunView(view.state(), view.metaIteration(), view.tasksDone(), view.tasksPerSecond(),
                    view.latest(), view.history(), view.timeline(), report, null), RunState.FINISHED, null);
        }

        private RunState diverged() {
            String problem = "meta-weights became non-finite at meta-iteration " + learner.metaIteration()
                    + "; keeping the last finite snapshot";
            LOG.warn("run {}: {}", run.id(), problem);
            return end(run, view(RunState.RUNNING), RunState.DIVERGED, problem);
        }

        /** Saves the learner's state; false (saving nothing) if its weights are not finite. */
        private boolean checkpoint() throws IOException {
            Checkpoint checkpoint = Checkpoint.of(learner);
            if (!checkpoint.weights().isFinite()) {
                return false;
            }
            store.saveCheckpoint(run.id(), checkpoint, curve.points());
            return true;
        }

        /** Publishes the current weights; false (publishing nothing) if they are not finite. */
        private boolean publish(RunState state) {
            Snapshot snapshot = snapshotNow();
            if (snapshot == null) {
                return false;
            }
            latest = snapshot;
            run.publish(view(state));
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

        RunView view(RunState state) {
            return new RunView(state, latest == null ? 0 : latest.metaIteration(),
                    latest == null ? 0 : latest.tasksDone(), rate(), latest, curve.points(), timeline, null, null);
        }

        private double rate() {
            double seconds = trainingNanos / 1e9;
            return seconds > 0 ? (learner.tasksDone() - tasksAtBegin) / seconds : 0;
        }
    }
}
