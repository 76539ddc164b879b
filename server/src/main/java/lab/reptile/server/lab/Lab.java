package lab.reptile.server.lab;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import lab.reptile.model.Params;
import lab.reptile.model.ReptileConfig;
import lab.reptile.server.lab.LabRefusal.Reason;
import lab.reptile.server.store.Database;
import lab.reptile.server.store.Jdbc;
import lab.reptile.server.store.StoreUnavailable;
import lab.reptile.server.training.LearnerFactory;
import lab.reptile.server.training.TrainingDefaults;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lab of one process over the shared database: the catalogue of runs (the server's {@code default} run and
 * visitors' runs, refreshed from the database by {@link Catalogue}), admission, and the changes visitors and
 * operators make; with a worker ({@link LabOptions#trainers} > 0), it also trains queued runs. Refusals
 * ({@link LabRefusal}) leave everything as it was; every decision that needs the whole lab (quota, queue, disk, the
 * default run) is taken under the database's lab lock row, so replicas decide one at a time.
 */
public final class Lab implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Lab.class);
    private static final long CONTROL_WAIT_MILLIS = 5_000;
    /** Retry-After while the database is unavailable. */
    static final long UNAVAILABLE_RETRY_SECONDS = 5;

    private final Database database;
    private final boolean ownsDatabase;
    private final Jdbc jdbc;
    private final RunStore store;
    private final LabOptions options;
    private final LabAdmission admission;
    private final Catalogue catalogue;
    private final SchedulerClient queue;
    private final TrainingWorker worker; // null in a web replica
    private final Clock wallClock;

    private Lab(Database database, boolean ownsDatabase, LabOptions options, Clock wallClock) {
        this.database = database;
        this.ownsDatabase = ownsDatabase;
        this.jdbc = new Jdbc(database.dataSource());
        this.store = new RunStore(jdbc);
        this.options = options;
        this.admission = new LabAdmission(options.limits());
        this.wallClock = wallClock;
        this.catalogue = new Catalogue(store);
        this.queue = SchedulerClient.Builder.create(database.dataSource(), TrainingWorker.task((i, c) -> null))
                .build();
        this.worker = options.trainers() == 0 ? null : new TrainingWorker(database.dataSource(), store,
                new RunTrainer(options.learners(), options.checkpointIntervalNanos(), options.reporter()),
                options.workerName(), options.trainers(), options.limits().keepFinished());
    }

    /**
     * Opens the lab over {@code database}; with a default config ({@link LabOptions#defaultRun}), makes it the
     * default run ({@link #ensureDefault}). Call {@link #start()} to refresh the catalogue and train.
     */
    public static Lab open(Database database, boolean ownsDatabase, LabOptions options) {
        return open(database, ownsDatabase, options, Clock.systemUTC());
    }

    /** As {@link #open(Database, boolean, LabOptions)}, with {@code wallClock} for quotas and creation times. */
    static Lab open(Database database, boolean ownsDatabase, LabOptions options, Clock wallClock) {
        Lab lab = new Lab(database, ownsDatabase, options, wallClock);
        try {
            options.defaultRun().ifPresent(d -> lab.ensureDefault(d.config(), d.replaceOther(), d.fresh()));
            lab.catalogue.refresh();
        } catch (RuntimeException e) {
            lab.close();
            throw e;
        }
        return lab;
    }

    public void start() {
        catalogue.start();
        if (worker != null) {
            worker.start();
        }
    }

    public LabLimits limits() {
        return options.limits();
    }

    /** The default run; one with the seed's weights until a worker has created it (a web replica's first start). */
    public Run defaultRun() {
        Run run = get(RunId.DEFAULT);
        return run != null ? run : catalogue.placeholderDefault();
    }

    /** The run {@code id}, or null if there is none. */
    public Run get(RunId id) {
        return catalogue.current().runs().get(id);
    }

    /**
     * The run {@code id} as {@link #get}, but one this process's catalogue does not hold yet and the database does
     * (created through another replica since the last refresh: a client follows the 202's Location at once, and a
     * load balancer may send it anywhere) is read now: one look-up by key per miss, a refresh only for a real run.
     */
    public Run find(RunId id) {
        Run run = get(id);
        if (run != null || !guarded(() -> store.exists(id))) {
            return run;
        }
        catalogue.refresh();
        return get(id);
    }

    /** Every run, the default first, then oldest first, with its place in the queue. */
    public List<Listed> list() {
        return catalogue.current().listed();
    }

    /** A run with its 1-based place in the queue, 0 if it is not waiting. */
    public record Listed(Run run, int queuePosition) {
    }

    public int queuePosition(Run run) {
        return catalogue.current().queuePosition(run.id());
    }

    public int queueLength() {
        return catalogue.current().queueLength();
    }

    /** Workers that announced themselves in the last few seconds. */
    public int liveWorkers() {
        return catalogue.current().liveWorkers();
    }

    /** The name this process trains under, or null in a web replica. */
    public String workerName() {
        return worker == null ? null : worker.name();
    }

    /** True if the last catalogue refresh reached the database. */
    public boolean databaseReachable() {
        return catalogue.reachable();
    }

    /**
     * Refuses with UNAVAILABLE, changing nothing, while the catalogue cannot be refreshed from the database: what
     * a replica would answer from memory could be out of date by then.
     */
    public void requireDatabase() {
        if (!catalogue.reachable()) {
            throw unavailable();
        }
    }

    /** The bytes of a run generation's timeline snapshot {@code index}, as written (see RunStore#readSnapshot). */
    public byte[] readSnapshot(RunSpec spec, int index) throws IOException {
        return guarded(() -> store.readSnapshot(spec, index));
    }

    public long diskUsedBytes() {
        return catalogue.current().usedBytes();
    }

    /**
     * Refuses, changing nothing, a visitor run that {@link #create} would refuse whatever its config: the lab off,
     * {@code client}'s quota used, the queue full. {@link #create} checks again under the lab lock.
     */
    public void checkAdmission(String client) {
        long now = wallClock.millis();
        guarded(() -> jdbc.inTransaction(tx -> {
            admission.checkAdmission(quotaUse(tx, client, now), waiting(tx));
            return null;
        }));
    }

    /**
     * Queues a visitor run of {@code config} for {@code client} (its address), or refuses: lab off, a config a
     * visitor may not train, the client's quota used, the queue full, or no room on disk.
     */
    public Run create(ReptileConfig config, String client) {
        admission.checkRequest(config);
        RunSpec spec = new RunSpec(RunId.random(), config, RunSpec.Origin.VISITOR, wallClock.instant());
        byte[] initial = Catalogue.initialSnapshot(spec).jsonCopy();
        long need = DiskEstimate.of(spec, initial.length);
        long now = wallClock.millis();
        long queueAt = guarded(() -> jdbc.inTransaction(tx -> {
            RunStore.lockLab(tx);
            admission.admit(quotaUse(tx, client, now), waiting(tx), DiskEstimate.committed(tx, initial.length), need);
            // after every run queued before, even one of the same millisecond (or of a clock set back)
            long last = tx.first("SELECT COALESCE(MAX(queue_at), 0) FROM runs", r -> r.getLong(1));
            long at = Math.max(now, last + 1);
            RunStore.insert(tx, spec, client, at, initial);
            tx.update("INSERT INTO quota_starts (client, started_at, run_id) VALUES (?, ?, ?)", client, now,
                    spec.id().value());
            return at;
        }));
        enqueue(spec, queueAt);
        LOG.info("run {} queued for a visitor: {}", spec.id(), config);
        return catalogue.refreshFor(spec);
    }

    /** Pauses a waiting or training run; returns its view once paused (or after a few seconds). */
    public RunView pause(RunId id) throws InterruptedException {
        Run run = require(id);
        boolean waiting = guarded(() -> jdbc.update("UPDATE runs SET state = ?, change = change + 1 WHERE id = ? AND"
                + " state = ?", RunState.PAUSED.apiName(), id.value(), RunState.QUEUED.apiName()) == 1);
        if (!waiting && guarded(() -> jdbc.update("UPDATE runs SET control = 'pause', change = change + 1 WHERE id = ?"
                + " AND state = ?", id.value(), RunState.RUNNING.apiName())) == 0) {
            throw conflict(catalogue.refreshFor(run.spec()), "pause");
        }
        long deadline = System.nanoTime() + CONTROL_WAIT_MILLIS * 1_000_000;
        Run now = catalogue.refreshFor(run.spec());
        while (!waiting && now != null && !(now.view().state() == RunState.PAUSED || now.view().state().ended())
                && System.nanoTime() < deadline) {
            Thread.sleep(50);
            now = catalogue.refreshFor(run.spec());
        }
        return now == null ? run.view() : now.view();
    }

    /** Puts a paused run back at the head of the queue. */
    public RunView resume(RunId id) {
        Run run = require(id);
        long head = guarded(() -> jdbc.inTransaction(tx -> {
            RunStore.lockLab(tx);
            long first = tx.first("SELECT COALESCE(MIN(queue_at), ?) FROM runs WHERE state = ?", r -> r.getLong(1),
                    wallClock.millis(), RunState.QUEUED.apiName());
            int resumed = tx.update("UPDATE runs SET state = ?, queue_at = ?, control = NULL, change = change + 1"
                    + " WHERE id = ? AND state = ?", RunState.QUEUED.apiName(), first - 1, id.value(),
                    RunState.PAUSED.apiName());
            return resumed == 1 ? first - 1 : Long.MIN_VALUE;
        }));
        if (head == Long.MIN_VALUE) {
            throw conflict(catalogue.refreshFor(run.spec()), "resume");
        }
        enqueue(run.spec(), head);
        return catalogue.refreshFor(run.spec()).view();
    }

    /** Deletes a visitor run; a worker training it is fenced out (the default run cannot be deleted: reset it). */
    public void delete(RunId id) {
        Run run = require(id);
        if (id.isDefault()) {
            throw new LabRefusal(Reason.CONFLICT, "the default run cannot be deleted; an operator can reset it");
        }
        guarded(() -> jdbc.inTransaction(tx -> {
            RunStore.delete(tx, id);
            return null;
        }));
        run.publish(run.view().withState(RunState.CANCELLED, null)); // for whoever still holds it
        cancelJob(run.spec());
        catalogue.refreshFor(run.spec());
        LOG.info("run {} cancelled and deleted", id);
    }

    /** Starts the default run over with {@code config}, ahead of every waiting run. */
    public RunView resetDefault(ReptileConfig config) {
        replaceDefault(config);
        return defaultRun().view();
    }

    /**
     * Makes {@code config} the default run: a stored default run of the same config is kept as it is (resumed or
     * finished); one of another config is kept too unless {@code replaceOther}; {@code fresh} starts it over anyway.
     * Decided under the lab lock, so workers starting together create it once.
     */
    void ensureDefault(ReptileConfig config, boolean replaceOther, boolean fresh) {
        RunSpec spec = new RunSpec(RunId.DEFAULT, config, RunSpec.Origin.SERVER, wallClock.instant());
        boolean created = guarded(() -> jdbc.inTransaction(tx -> {
            RunStore.lockLab(tx);
            RunStore.Row current = tx.first("SELECT " + RunStore.LIGHT_COLUMNS + " FROM runs WHERE id = ?",
                    RunStore::row, RunId.DEFAULT.value());
            if (current != null && !fresh && (current.spec().config().equals(config) || !replaceOther)) {
                return false;
            }
            if (current != null) {
                LOG.info("the stored default run is for another config or --fresh was given; training this afresh");
            }
            RunStore.delete(tx, RunId.DEFAULT);
            RunStore.insert(tx, spec, null, 0, Catalogue.initialSnapshot(spec).jsonCopy());
            return true;
        }));
        if (created) {
            enqueue(spec, 0);
        }
    }

    /** The stored bytes of every run's parts in the database, for a test or a benchmark. */
    long storedBytes() {
        return store.usedBytes();
    }

    @Override
    public void close() {
        if (worker != null) {
            worker.close();
        }
        catalogue.close();
        if (ownsDatabase) {
            database.close();
        }
    }

    private void replaceDefault(ReptileConfig config) {
        ensureDefault(config, true, true);
        catalogue.refresh();
    }

    /** Schedules the run generation's job at {@code queueAt} (epoch ms: the queue's order), or moves it there. */
    private void enqueue(RunSpec spec, long queueAt) {
        TaskInstance<Void> instance = new TaskInstance<>(TrainingWorker.TASK, TrainingWorker.instanceId(spec));
        try {
            if (!queue.scheduleIfNotExists(instance, Instant.ofEpochMilli(queueAt))) {
                queue.reschedule(instance, Instant.ofEpochMilli(queueAt));
            }
        } catch (RuntimeException e) { // a worker's announcer schedules queued runs without a job
            LOG.warn("run {}: job not scheduled now ({}); a worker will schedule it", spec.id(), e.toString());
        }
    }

    private void cancelJob(RunSpec spec) {
        try {
            queue.cancel(new TaskInstance<>(TrainingWorker.TASK, TrainingWorker.instanceId(spec)));
        } catch (RuntimeException e) { // picked, or already gone: the job finds no run and ends
            LOG.debug("run {}: job not cancelled: {}", spec.id(), e.toString());
        }
    }

    private static int waiting(Jdbc.Tx tx) throws java.sql.SQLException {
        return tx.first("SELECT COUNT(*) FROM runs WHERE state = ?", r -> r.getInt(1), RunState.QUEUED.apiName());
    }

    private static LabAdmission.QuotaUse quotaUse(Jdbc.Tx tx, String client, long nowMillis)
            throws java.sql.SQLException {
        long since = nowMillis - LabAdmission.HOUR_MILLIS;
        tx.update("DELETE FROM quota_starts WHERE started_at <= ?", since); // keeps the table bounded
        return tx.first("SELECT COUNT(*), COALESCE(MIN(started_at), 0) FROM quota_starts WHERE client = ? AND"
                + " started_at > ?", r -> new LabAdmission.QuotaUse(r.getInt(1), r.getLong(2), nowMillis), client,
                since);
    }

    private Run require(RunId id) {
        requireDatabase();
        Run run = get(id);
        if (run == null) {
            throw new LabRefusal(Reason.NOT_FOUND, "no run " + id);
        }
        return run;
    }

    private static LabRefusal conflict(Run run, String action) {
        return new LabRefusal(Reason.CONFLICT, "cannot " + action + " run " + (run == null ? "" : run.id() + ": it is "
                + run.view().state().apiName()));
    }

    static LabRefusal unavailable() {
        return new LabRefusal(Reason.UNAVAILABLE, "the lab's database is unavailable; nothing was changed, try again"
                + " in a few seconds", UNAVAILABLE_RETRY_SECONDS);
    }

    /** What the database may be asked. */
    @FunctionalInterface
    private interface Ask<T, E extends Exception> {
        T run() throws E;
    }

    /** Runs {@code ask}, turning an unavailable database into a refusal that changed nothing. */
    private static <T, E extends Exception> T guarded(Ask<T, E> ask) throws E {
        try {
            return ask.run();
        } catch (StoreUnavailable e) {
            LOG.warn("{}", e.getMessage());
            throw unavailable();
        }
    }

    /** The reporter of runs by default, for options. */
    static java.util.function.Function<Params, RunReport> defaultReporter() {
        return RunReport.reporter(TrainingDefaults.SHAPE, RunReport.TASKS);
    }
}
