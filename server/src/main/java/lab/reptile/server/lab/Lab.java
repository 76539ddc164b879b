package lab.reptile.server.lab;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import lab.reptile.model.ReptileConfig;
import lab.reptile.server.lab.LabRefusal.Reason;
import lab.reptile.server.training.LearnerFactory;
import lab.reptile.server.training.TrainingDefaults;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The catalogue of runs: the server's {@code default} run and visitors' runs, trained first come first served by
 * {@code trainers} threads, kept on disk by a {@link RunStore} and resumed from it after a restart. Refusals
 * ({@link LabRefusal}) leave everything as it was. Request threads hold the lock only to decide and to change the
 * catalogue in memory; files are written outside it.
 */
public final class Lab implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Lab.class);
    private static final long CONTROL_WAIT_MILLIS = 5_000;

    private final RunStore store;
    private final LabLimits limits;
    private final RunTrainer trainer;
    private final LongSupplier nanoClock;
    private final Clock wallClock;
    private final List<Thread> threads = new ArrayList<>();
    private final Object lock = new Object();
    // Guarded by lock:
    private final Map<RunId, Run> runs = new LinkedHashMap<>();
    private final RunQueue queue = new RunQueue();
    private final LabAdmission admission;
    private int creating;
    private long creatingBytes; // disk estimates of the runs being created
    private volatile boolean closed; // read by trainers every meta-iteration, without the lock

    Lab(RunStore store, LabLimits limits, RunTrainer trainer, int trainers, LongSupplier nanoClock, Clock wallClock) {
        if (trainers < 1) {
            throw new IllegalArgumentException("trainers must be at least 1, got " + trainers);
        }
        this.store = store;
        this.limits = limits;
        this.trainer = trainer;
        this.nanoClock = nanoClock;
        this.wallClock = wallClock;
        this.admission = new LabAdmission(limits);
        for (int i = 0; i < trainers; i++) {
            Thread thread = new Thread(this::trainQueuedRuns, "reptile-trainer-" + i);
            thread.setDaemon(true);
            threads.add(thread);
        }
    }

    /**
     * Opens the lab in {@code dataDir}: restores its runs and makes {@code defaultConfig} the default run (see
     * {@link #ensureDefault}). Call {@link #start()} to train.
     *
     * @param trainers                threads that train runs side by side
     * @param checkpointIntervalNanos how often a training run is checkpointed
     */
    public static Lab open(Path dataDir, LabLimits limits, LearnerFactory learners, int trainers,
                           long checkpointIntervalNanos, ReptileConfig defaultConfig, boolean replaceOther,
                           boolean fresh) throws IOException {
        RunStore store = new RunStore(dataDir);
        RunTrainer trainer = new RunTrainer(learners, store, checkpointIntervalNanos,
                RunReport.reporter(TrainingDefaults.SHAPE, RunReport.TASKS));
        Lab lab = new Lab(store, limits, trainer, trainers, System::nanoTime, Clock.systemUTC());
        lab.restore();
        lab.ensureDefault(defaultConfig, replaceOther, fresh);
        return lab;
    }

    /** Loads the runs on disk; queues the ones that were waiting or training. Call before {@link #start}. */
    void restore() {
        List<Run> restored = RunRestorer.restore(store, trainer.reporter());
        synchronized (lock) {
            for (Run run : restored) {
                runs.put(run.id(), run);
                if (run.view().state() == RunState.QUEUED) {
                    queue.addLast(run);
                }
            }
        }
        evictEnded();
    }

    /**
     * Makes {@code config} the default run: a stored default run of the same config is kept as it is (resumed or
     * finished); one of another config is kept too unless {@code replaceOther}; {@code fresh} starts it over anyway.
     */
    void ensureDefault(ReptileConfig config, boolean replaceOther, boolean fresh) throws IOException {
        Run current = get(RunId.DEFAULT);
        if (current != null && !fresh && (current.spec().config().equals(config) || !replaceOther)) {
            return;
        }
        if (current != null) {
            LOG.info("the default run on disk is for another config; training this one afresh");
        }
        replaceDefault(config);
    }

    public void start() {
        threads.forEach(Thread::start);
    }

    public LabLimits limits() {
        return limits;
    }

    public Run defaultRun() {
        return get(RunId.DEFAULT);
    }

    /** The run {@code id}, or null if there is none. */
    public Run get(RunId id) {
        synchronized (lock) {
            return runs.get(id);
        }
    }

    /** Every run, oldest first, with its place in the queue. */
    public List<Listed> list() {
        synchronized (lock) {
            List<Listed> listed = new ArrayList<>();
            for (Run run : runs.values()) {
                listed.add(new Listed(run, queue.position(run)));
            }
            return listed;
        }
    }

    /** A run with its 1-based place in the queue, 0 if it is not waiting. */
    public record Listed(Run run, int queuePosition) {
    }

    public int queuePosition(Run run) {
        synchronized (lock) {
            return queue.position(run);
        }
    }

    public int queueLength() {
        synchronized (lock) {
            return queue.length() + creating;
        }
    }

    /** The bytes of a run's timeline snapshot {@code index}, as written. */
    public byte[] readSnapshot(RunId id, int index) throws IOException {
        return store.readSnapshot(id, index);
    }

    public long diskUsedBytes() {
        return store.usedBytes();
    }

    /**
     * Bytes the runs take on disk now plus what the waiting, training and paused ones may still write (their
     * estimates beyond what they wrote): what admission weighs a new run's estimate against. Call under the lock.
     */
    private long committedBytes() {
        long committed = store.usedBytes() + creatingBytes;
        for (Run run : runs.values()) {
            if (!run.view().state().ended()) {
                committed += Math.max(0, RunRestorer.diskEstimate(run) - store.usedBytes(run.id()));
            }
        }
        return committed;
    }

    /**
     * Refuses, changing nothing, a visitor run that {@link #create} would refuse whatever its config: the lab off,
     * {@code client}'s quota used, the queue full. {@link #create} checks again under the same lock.
     */
    public void checkAdmission(String client) {
        long now = nanoClock.getAsLong();
        synchronized (lock) {
            admission.checkAdmission(client, now, queue.length() + creating);
        }
    }

    /**
     * Queues a visitor run of {@code config} for {@code client} (its address), or refuses: lab off, a config a
     * visitor may not train, the client's quota used, the queue full, or no room on disk.
     */
    public Run create(ReptileConfig config, String client) throws IOException {
        admission.checkRequest(config);
        RunSpec spec = new RunSpec(RunId.random(), config, RunSpec.Origin.VISITOR, wallClock.instant());
        Run run = RunRestorer.fresh(spec);
        long now = nanoClock.getAsLong();
        long need = RunRestorer.diskEstimate(run);
        synchronized (lock) {
            admission.admit(client, now, queue.length() + creating, committedBytes(), need);
            creating++;
            creatingBytes += need;
        }
        try {
            store.create(spec);
        } catch (IOException | RuntimeException e) {
            synchronized (lock) {
                creating--;
                creatingBytes -= need;
                admission.withdraw(client, now);
            }
            throw e;
        }
        synchronized (lock) {
            creating--;
            creatingBytes -= need;
            runs.put(run.id(), run);
            queue.addLast(run);
            lock.notifyAll();
        }
        LOG.info("run {} queued for a visitor: {}", run.id(), config);
        return run;
    }

    /** Pauses a waiting or training run; returns its view once paused (or after a few seconds). */
    public RunView pause(RunId id) throws IOException, InterruptedException {
        Run run = require(id);
        boolean wasWaiting;
        synchronized (lock) {
            RunState state = run.view().state();
            if (state != RunState.QUEUED && state != RunState.RUNNING) {
                throw conflict(run, "pause");
            }
            wasWaiting = queue.remove(run);
            run.requestPause(true);
            if (wasWaiting) {
                run.publish(run.view().withState(RunState.PAUSED, null));
            }
        }
        if (wasWaiting) {
            store.writeState(run.spec(), RunState.PAUSED, null);
            return run.view();
        }
        // A trainer has it (its view may still say queued while it starts): wait for the trainer to stop.
        return run.await(EnumSet.of(RunState.PAUSED, RunState.FINISHED, RunState.DIVERGED, RunState.FAILED),
                CONTROL_WAIT_MILLIS);
    }

    /** Puts a paused run back at the head of the queue. */
    public RunView resume(RunId id) throws IOException {
        Run run = require(id);
        synchronized (lock) {
            if (run.view().state() != RunState.PAUSED || queue.isTraining(run)) {
                throw conflict(run, "resume");
            }
            run.requestPause(false);
            run.publish(run.view().withState(RunState.QUEUED, null));
            queue.addFirst(run);
            lock.notifyAll();
        }
        store.writeState(run.spec(), RunState.QUEUED, null);
        return run.view();
    }

    /** Cancels and deletes a visitor run (the default run cannot be deleted: reset it instead). */
    public void delete(RunId id) throws IOException {
        Run run = require(id);
        if (id.isDefault()) {
            throw new LabRefusal(Reason.CONFLICT, "the default run cannot be deleted; an operator can reset it");
        }
        boolean training;
        synchronized (lock) {
            runs.remove(id);
            queue.remove(run);
            training = queue.isTraining(run);
            run.requestCancel();
            run.publish(run.view().withState(RunState.CANCELLED, null));
        }
        if (!training) {
            store.delete(id); // a training run's trainer deletes it once it has stopped
        }
        LOG.info("run {} cancelled and deleted", id);
    }

    /** Starts the default run over with {@code config}, ahead of every waiting run. */
    public RunView resetDefault(ReptileConfig config) throws IOException, InterruptedException {
        replaceDefault(config);
        return defaultRun().view();
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            lock.notifyAll();
        }
        for (Thread thread : threads) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void replaceDefault(ReptileConfig config) throws IOException {
        Run old;
        synchronized (lock) {
            old = runs.get(RunId.DEFAULT);
            if (old != null) {
                queue.remove(old);
                old.requestCancel();
                long deadline = System.nanoTime() + CONTROL_WAIT_MILLIS * 1_000_000;
                while (queue.isTraining(old) && System.nanoTime() < deadline) {
                    waitOnLock(CONTROL_WAIT_MILLIS);
                }
                if (queue.isTraining(old)) {
                    throw new LabRefusal(Reason.CONFLICT, "the default run did not stop in time; try again");
                }
            }
        }
        store.delete(RunId.DEFAULT);
        RunSpec spec = new RunSpec(RunId.DEFAULT, config, RunSpec.Origin.SERVER, wallClock.instant());
        Run run = RunRestorer.fresh(spec);
        store.create(spec);
        synchronized (lock) {
            runs.remove(RunId.DEFAULT);
            Map<RunId, Run> rest = new LinkedHashMap<>(runs);
            runs.clear();
            runs.put(RunId.DEFAULT, run); // the default run lists first
            runs.putAll(rest);
            queue.addFirst(run);
            lock.notifyAll();
        }
    }

    /** A trainer thread: trains the next waiting run, until the lab closes. */
    private void trainQueuedRuns() {
        while (true) {
            Run run;
            synchronized (lock) {
                while (!closed && !queue.hasWaiting()) {
                    waitOnLock(0);
                }
                if (closed) {
                    return;
                }
                run = queue.startNext();
            }
            RunState result = trainer.train(run, () -> closed);
            if (result == RunState.CANCELLED) {
                try {
                    store.delete(run.id());
                } catch (IOException e) {
                    LOG.warn("run {}: files not deleted: {}", run.id(), e.toString());
                }
            }
            synchronized (lock) {
                queue.doneTraining(run);
                lock.notifyAll();
            }
            if (result.ended()) {
                evictEnded();
            }
        }
    }

    /** Removes the oldest ended visitor runs beyond the number kept. */
    private void evictEnded() {
        List<Run> evicted = new ArrayList<>();
        synchronized (lock) {
            List<Run> ended = runs.values().stream()
                    .filter(r -> r.spec().origin() == RunSpec.Origin.VISITOR && r.view().state().ended())
                    .sorted(Comparator.comparing(r -> r.spec().createdAt())).toList();
            for (int i = 0; i < ended.size() - limits.keepFinished(); i++) {
                evicted.add(ended.get(i));
                runs.remove(ended.get(i).id());
            }
        }
        for (Run run : evicted) {
            try {
                store.delete(run.id());
                LOG.info("run {} removed: more than {} ended visitor runs", run.id(), limits.keepFinished());
            } catch (IOException e) {
                LOG.warn("run {}: files not deleted: {}", run.id(), e.toString());
            }
        }
    }

    private Run require(RunId id) {
        Run run = get(id);
        if (run == null) {
            throw new LabRefusal(Reason.NOT_FOUND, "no run " + id);
        }
        return run;
    }

    private static LabRefusal conflict(Run run, String action) {
        return new LabRefusal(Reason.CONFLICT, "cannot " + action + " run " + run.id() + ": it is "
                + run.view().state().apiName());
    }

    private void waitOnLock(long millis) {
        try {
            lock.wait(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }
}
