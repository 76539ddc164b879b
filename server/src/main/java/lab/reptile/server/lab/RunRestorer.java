package lab.reptile.server.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import lab.reptile.jackson.JacksonTree;
import lab.reptile.model.Params;
import lab.reptile.model.ReptileConfig;
import lab.reptile.model.TrainerStart;
import lab.reptile.model.ValidationPoint;
import lab.reptile.model.WeightsJson;
import lab.reptile.server.checkpoint.Checkpoint;
import lab.reptile.server.snapshot.Snapshot;
import lab.reptile.server.training.LearningCurve;
import lab.reptile.server.training.TrainingDefaults;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds {@link Run}s: fresh ones from a spec, and the ones on disk with the view they had when the server stopped. */
final class RunRestorer {
    private static final Logger LOG = LoggerFactory.getLogger(RunRestorer.class);
    /** Files beside the snapshots of a snapshot's size: two checkpoints, and the run and report files with room. */
    private static final int EXTRA_SNAPSHOT_SIZES = 3;
    /** The learning curve's file at its longest: ~50 bytes of JSON a point. */
    private static final long CURVE_BYTES = 64L * LearningCurve.MAX_POINTS;

    private RunRestorer() {
    }

    /** A new run, queued, showing its seed's initial weights. */
    static Run fresh(RunSpec spec) {
        ReptileConfig config = spec.config();
        Params initial = TrainerStart.fromSeed(config, TrainingDefaults.SHAPE).initialWeights();
        Snapshot start = Snapshot.of(0, 0, 0, initial);
        return new Run(spec, new RunView(RunState.QUEUED, 0, 0, 0, start, List.of(), List.of(), null, null));
    }

    /** Bytes a run will take on disk at most, from the size of its weights file and its timeline's length. */
    static long diskEstimate(Run run) {
        long snapshot = run.view().latest().json().remaining();
        return snapshot * (run.spec().timelinePlan().length + EXTRA_SNAPSHOT_SIZES) + CURVE_BYTES;
    }

    /**
     * The runs on disk, the default run first, then by creation: one that was training or waiting is QUEUED again
     * at the weights of its checkpoint; one that had ended shows its last kept weights. Damaged parts are rebuilt
     * where they can be: a learning curve from the timeline's snapshots, a finished run's report by {@code reporter}
     * from its final weights; damaged snapshots stay listed but are never served, and the run's problem says so.
     */
    static List<Run> restore(RunStore store, Function<Params, RunReport> reporter) {
        List<Run> runs = new ArrayList<>();
        for (RunStore.StoredRun stored : store.loadAll()) {
            RunSpec spec = stored.state().spec();
            RunState state = stored.state().state();
            if (state == RunState.RUNNING) {
                state = RunState.QUEUED; // an interrupted run trains on from its checkpoint
            }
            Snapshot latest = latestWeights(store, stored);
            List<ValidationPoint> curve = stored.curve() == null ? rebuildCurve(store, stored) : stored.curve();
            RunReport report = stored.report();
            String problem = stored.state().problem();
            if (report == null && state == RunState.FINISHED) {
                if (latest.metaIteration() == spec.config().metaIterations()) {
                    report = rebuildReport(store, spec, latest, reporter);
                } else {
                    problem = (problem == null ? "" : problem + "; ") + "its report is lost and its final weights are"
                            + " not on disk";
                }
            }
            if (!stored.damagedSnapshots().isEmpty()) {
                problem = (problem == null ? "" : problem + "; ") + "timeline snapshots " + stored.damagedSnapshots()
                        + " are damaged on disk and not served";
            }
            for (String repair : stored.repairs()) {
                LOG.warn("run {}: {}", spec.id(), repair);
            }
            runs.add(new Run(spec, new RunView(state, latest.metaIteration(), latest.tasksDone(), 0, latest, curve,
                    stored.timeline(), report, problem)));
        }
        runs.sort(Comparator.comparing((Run r) -> !r.id().isDefault()).thenComparing(r -> r.spec().createdAt()));
        return runs;
    }

    /** A damaged learning curve, measured again at each readable timeline snapshot (coarser than the original). */
    private static List<ValidationPoint> rebuildCurve(RunStore store, RunStore.StoredRun stored) {
        RunSpec spec = stored.state().spec();
        List<ValidationPoint> curve = new ArrayList<>();
        for (TimelineEntry entry : stored.timeline()) {
            if (!stored.damagedSnapshots().contains(entry.index())) {
                try {
                    curve.add(LearningCurve.measure(snapshotWeights(store, spec, entry.index()), entry.tasksDone()));
                } catch (IOException | IllegalArgumentException e) {
                    LOG.warn("run {}: snapshot {} unreadable: {}", spec.id(), entry.index(), e.getMessage());
                }
            }
        }
        try {
            store.writeCurve(spec.id(), curve);
        } catch (IOException e) {
            LOG.warn("run {}: rebuilt curve not saved: {}", spec.id(), e.toString());
        }
        LOG.warn("run {}: learning curve rebuilt from {} timeline snapshots", spec.id(), curve.size());
        return curve;
    }

    /** A finished run's missing or damaged report, evaluated again from its final weights (deterministic). */
    private static RunReport rebuildReport(RunStore store, RunSpec spec, Snapshot latest,
                                           Function<Params, RunReport> reporter) {
        RunReport report = reporter.apply(latest.weights());
        try {
            store.writeReport(spec.id(), report);
        } catch (IOException e) {
            LOG.warn("run {}: rebuilt report not saved: {}", spec.id(), e.toString());
        }
        LOG.warn("run {}: report evaluated again from its final weights", spec.id());
        return report;
    }

    private static Params snapshotWeights(RunStore store, RunSpec spec, int index) throws IOException {
        return WeightsJson.read(JacksonTree.parse(new String(store.readSnapshot(spec.id(), index),
                StandardCharsets.UTF_8))).weights();
    }

    /**
     * The newest weights on disk: the newest checkpoint's or the newest verified timeline snapshot's, whichever is
     * further on (a damaged checkpoint leaves an older one), else the seed's.
     */
    private static Snapshot latestWeights(RunStore store, RunStore.StoredRun stored) {
        RunSpec spec = stored.state().spec();
        Snapshot latest = fresh(spec).view().latest();
        Optional<Checkpoint> checkpoint = store.checkpoints(spec.id()).loadNewest()
                .filter(c -> c.config().equals(spec.config()));
        if (checkpoint.isPresent()) {
            long at = checkpoint.get().metaIteration();
            latest = Snapshot.of(at, at, at * spec.config().metaBatchSize(), checkpoint.get().weights());
        }
        for (int i = stored.timeline().size() - 1; i >= 0; i--) { // the newest snapshot that verifies
            TimelineEntry entry = stored.timeline().get(i);
            if (stored.damagedSnapshots().contains(entry.index())) {
                continue;
            }
            if (entry.metaIteration() > latest.metaIteration()) {
                try {
                    Params weights = snapshotWeights(store, spec, entry.index());
                    latest = Snapshot.of(entry.metaIteration(), entry.metaIteration(), entry.tasksDone(), weights);
                } catch (IOException | IllegalArgumentException e) {
                    LOG.warn("run {}: snapshot {} unreadable: {}", spec.id(), entry.index(), e.getMessage());
                }
            }
            break;
        }
        return latest;
    }
}
