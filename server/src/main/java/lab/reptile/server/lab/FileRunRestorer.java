package lab.reptile.server.lab;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import lab.reptile.jackson.JacksonTree;
import lab.reptile.model.Params;
import lab.reptile.model.ValidationPoint;
import lab.reptile.model.WeightsJson;
import lab.reptile.server.checkpoint.Checkpoint;
import lab.reptile.server.snapshot.Snapshot;
import lab.reptile.server.training.LearningCurve;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a run directory read by {@link FileRunReader} into the run {@link FileImport} stores, as main's RunRestorer
 * restored it: one that was training is QUEUED again at the weights of its checkpoint; a damaged learning curve is
 * measured again at the timeline's snapshots; a finished run's lost report is evaluated again from its final
 * weights; damaged snapshots keep their place but are never served, and the run's problem names them.
 */
final class FileRunRestorer {
    private static final Logger LOG = LoggerFactory.getLogger(FileRunRestorer.class);

    private FileRunRestorer() {
    }

    static ImportedRun restore(FileRunReader.FileRun stored, Function<Params, RunReport> reporter) {
        RunSpec spec = stored.state().spec();
        for (String repair : stored.repairs()) {
            LOG.warn("run {}: {}", spec.id(), repair);
        }
        RunState state = stored.state().state() == RunState.RUNNING ? RunState.QUEUED : stored.state().state();
        Optional<Checkpoint> checkpoint = stored.checkpoint().filter(c -> c.config().equals(spec.config()));
        Snapshot latest = latestWeights(spec, checkpoint, stored.timeline());
        List<ValidationPoint> curve = stored.curve() == null ? measuredCurve(spec, stored.timeline()) : stored.curve();
        RunReport report = stored.report();
        String problem = stored.state().problem();
        if (report == null && state == RunState.FINISHED) {
            if (latest.metaIteration() == spec.config().metaIterations()) {
                report = reporter.apply(latest.weights()); // deterministic: the report it had
                LOG.warn("run {}: report evaluated again from its final weights", spec.id());
            } else {
                problem = join(problem, "its report is lost and its final weights are not on disk");
            }
        }
        List<Integer> damaged = stored.timeline().stream().filter(k -> k.bytes() == null)
                .map(ImportedRun.Kept::index).toList();
        if (!damaged.isEmpty()) {
            problem = join(problem, "timeline snapshots " + damaged + " are damaged on disk and not served");
        }
        long queueAt = spec.id().isDefault() ? 0 : spec.createdAt().toEpochMilli(); // main's order: default, then age
        return new ImportedRun(spec, state, problem, queueAt, latest, stored.timeline(), curve, report, checkpoint);
    }

    /** A damaged learning curve, measured again at each readable timeline snapshot (coarser than the original). */
    private static List<ValidationPoint> measuredCurve(RunSpec spec, List<ImportedRun.Kept> timeline) {
        List<ValidationPoint> curve = new ArrayList<>();
        for (ImportedRun.Kept kept : timeline) {
            if (kept.bytes() != null) {
                curve.add(LearningCurve.measure(weights(kept.bytes()),
                        kept.metaIteration() * spec.config().metaBatchSize()));
            }
        }
        LOG.warn("run {}: learning curve rebuilt from {} timeline snapshots", spec.id(), curve.size());
        return curve;
    }

    /**
     * The newest weights on disk: the checkpoint's or the newest verified timeline snapshot's, whichever is further
     * on (a damaged checkpoint leaves an older one), else the seed's.
     */
    private static Snapshot latestWeights(RunSpec spec, Optional<Checkpoint> checkpoint,
                                          List<ImportedRun.Kept> timeline) {
        Snapshot latest = Catalogue.initialSnapshot(spec);
        int batch = spec.config().metaBatchSize();
        if (checkpoint.isPresent()) {
            long at = checkpoint.get().metaIteration();
            latest = Snapshot.of(at, at, at * batch, checkpoint.get().weights());
        }
        for (int i = timeline.size() - 1; i >= 0; i--) { // the newest snapshot that verifies
            ImportedRun.Kept kept = timeline.get(i);
            if (kept.bytes() == null) {
                continue;
            }
            long at = kept.metaIteration();
            if (at > latest.metaIteration()) {
                latest = Snapshot.of(at, at, at * batch, weights(kept.bytes()));
            }
            break;
        }
        return latest;
    }

    /** The weights of snapshot bytes that {@link FileRunReader} verified. */
    private static Params weights(byte[] json) {
        return WeightsJson.read(JacksonTree.parse(new String(json, StandardCharsets.UTF_8))).weights();
    }

    static String join(String problem, String more) {
        return problem == null ? more : problem + "; " + more;
    }
}
