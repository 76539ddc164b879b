package lab.reptile.server.lab;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lab.reptile.model.Params;
import lab.reptile.model.TrainerStart;
import lab.reptile.server.snapshot.Snapshot;
import lab.reptile.server.store.StoreUnavailable;
import lab.reptile.server.training.TrainingDefaults;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This process's copy of the runs in the database, read again every {@link #REFRESH_MILLIS}: request threads read
 * it without waiting for the database. A run's heavy parts (latest weights, curve, report, timeline) are read only
 * when its row's change count moved, and its latest weights are kept as the bytes the worker wrote, so every
 * replica serves the same bytes under the same ETag.
 */
final class Catalogue implements AutoCloseable {
    static final long REFRESH_MILLIS = 250;
    private static final Logger LOG = LoggerFactory.getLogger(Catalogue.class);

    private final RunStore store;
    private final Thread refresher;
    private final Map<RunId, Long> changes = new HashMap<>(); // guarded by this
    private volatile State current = new State(Map.of(), Map.of(), 0, 0, 0);
    private volatile boolean reachable = true;
    private volatile boolean closed;
    private volatile Run placeholder;

    Catalogue(RunStore store) {
        this.store = store;
        this.refresher = new Thread(this::refreshUntilClosed, "reptile-catalogue");
        refresher.setDaemon(true);
    }

    /** One refresh's picture of the lab, immutable. */
    record State(Map<RunId, Run> runs, Map<RunId, Integer> positions, int queueLength, int liveWorkers,
                 long usedBytes) {
        List<Lab.Listed> listed() {
            List<Lab.Listed> listed = new ArrayList<>();
            for (Run run : runs.values()) {
                listed.add(new Lab.Listed(run, queuePosition(run.id())));
            }
            return listed;
        }

        int queuePosition(RunId id) {
            return positions.getOrDefault(id, 0);
        }
    }

    void start() {
        refresher.start();
    }

    State current() {
        return current;
    }

    boolean reachable() {
        return reachable;
    }

    /** Refreshes now and returns the run of {@code spec}'s id, or null if it is gone. */
    Run refreshFor(RunSpec spec) {
        refresh();
        return current.runs().get(spec.id());
    }

    /** Reads the database again; an unavailable database leaves the last picture and marks it unreachable. */
    synchronized void refresh() {
        try {
            List<RunStore.Row> rows = store.rows();
            Map<RunId, Run> previous = current.runs();
            Map<RunId, Integer> positions = new HashMap<>();
            int queued = 0;
            for (RunStore.Row row : rows) { // in queue order
                if (row.state() == RunState.QUEUED) {
                    positions.put(row.spec().id(), ++queued);
                }
            }
            Map<RunId, Run> runs = new LinkedHashMap<>();
            List<RunStore.Row> ordered = new ArrayList<>(rows);
            ordered.sort(Comparator.comparing((RunStore.Row r) -> !r.spec().id().isDefault())
                    .thenComparing(r -> r.spec().createdAt()));
            for (RunStore.Row row : ordered) {
                Run run = updated(previous.get(row.spec().id()), row);
                if (run != null) {
                    runs.put(run.id(), run);
                }
            }
            changes.keySet().retainAll(runs.keySet());
            int workers = store.liveWorkers(System.currentTimeMillis());
            current = new State(java.util.Collections.unmodifiableMap(runs), Map.copyOf(positions), queued, workers,
                    store.usedBytes());
            if (!reachable) {
                LOG.info("the database is reachable again");
            }
            reachable = true;
        } catch (StoreUnavailable e) {
            if (reachable) {
                LOG.warn("catalogue not refreshed: {}", e.getMessage());
            }
            reachable = false;
        }
    }

    /** The run of {@code row}: {@code known} itself if nothing changed, else with a view read again. */
    private Run updated(Run known, RunStore.Row row) {
        boolean sameGeneration = known != null && known.spec().equals(row.spec());
        Long seen = changes.get(row.spec().id());
        if (sameGeneration && seen != null && seen == row.change()) {
            return known;
        }
        RunStore.Heavy heavy = store.heavy(row.spec());
        if (heavy == null) { // reset or deleted since the rows were read: the next refresh sees it
            return known;
        }
        RunView view = view(row, heavy);
        changes.put(row.spec().id(), row.change());
        if (sameGeneration) {
            known.publish(view);
            return known;
        }
        return new Run(row.spec(), view);
    }

    private RunView view(RunStore.Row row, RunStore.Heavy heavy) {
        String problem = row.problem();
        Snapshot latest;
        try {
            latest = heavy.latest() == null ? initialSnapshot(row.spec()) : Snapshot.parse(heavy.latest(),
                    row.tasksDone());
        } catch (IllegalArgumentException e) {
            LOG.warn("run {}: its latest weights in the database do not parse: {}", row.spec().id(), e.getMessage());
            latest = initialSnapshot(row.spec());
            problem = (problem == null ? "" : problem + "; ") + "its latest weights are damaged in the store";
        }
        return new RunView(row.state(), latest.metaIteration(), latest.tasksDone(), row.tasksPerSecond(), latest,
                heavy.curve(), heavy.timeline(), heavy.report(), problem, row.worker());
    }

    /** What a web replica shows as the default run before any worker has created it: the seed's weights, queued. */
    Run placeholderDefault() {
        Run run = placeholder;
        if (run == null) {
            RunSpec spec = new RunSpec(RunId.DEFAULT, TrainingDefaults.config(), RunSpec.Origin.SERVER,
                    java.time.Instant.EPOCH, "00000000");
            Snapshot initial = initialSnapshot(spec);
            run = new Run(spec, new RunView(RunState.QUEUED, 0, 0, 0, initial, List.of(), List.of(), null,
                    "no worker has created the default run yet", null));
            placeholder = run;
        }
        return run;
    }

    /** A new run's weights: its seed's initial ones, version 0. */
    static Snapshot initialSnapshot(RunSpec spec) {
        Params initial = TrainerStart.fromSeed(spec.config(), TrainingDefaults.SHAPE).initialWeights();
        return Snapshot.of(0, 0, 0, initial);
    }

    private void refreshUntilClosed() {
        while (!closed) {
            refresh();
            try {
                Thread.sleep(REFRESH_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        refresher.interrupt();
        try {
            refresher.join(2_000); // before the lab closes the database under it
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
