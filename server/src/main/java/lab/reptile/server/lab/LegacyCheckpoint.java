package lab.reptile.server.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import lab.reptile.model.Params;
import lab.reptile.model.ValidationPoint;
import lab.reptile.server.checkpoint.Checkpoint;
import lab.reptile.server.snapshot.Snapshot;
import lab.reptile.server.training.LearningCurve;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The oldest release's one run: {@code <data dir>/checkpoint.json} (and {@code checkpoint.prev.json}), the default
 * run's checkpoint, with no run file, curve or timeline. It becomes the default run with that checkpoint's config,
 * queued to resume from it or finished with its report evaluated from the checkpoint's weights. Of its timeline
 * only what the weights at hand make bit for bit is kept (snapshot 0 from the seed, and the planned snapshot at the
 * checkpoint if there is one); the others keep their places, never served, so a resumed run keeps the rest.
 */
final class LegacyCheckpoint {
    private static final Logger LOG = LoggerFactory.getLogger(LegacyCheckpoint.class);

    private LegacyCheckpoint() {
    }

    /** The default run of the checkpoint in {@code dataDir}, or empty if none verifies. */
    static Optional<ImportedRun> read(Path dataDir, Function<Params, RunReport> reporter) throws IOException {
        List<String> repairs = new ArrayList<>();
        Optional<Checkpoint> newest = FileRunReader.newestCheckpoint(dataDir, repairs);
        repairs.forEach(repair -> LOG.warn("the old release's {}", repair));
        if (newest.isEmpty()) {
            LOG.warn("not importing the old release's checkpoint in {}: none verifies", dataDir);
            return Optional.empty();
        }
        Checkpoint checkpoint = newest.get();
        Path file = dataDir.resolve(Files.exists(dataDir.resolve("checkpoint.json")) ? "checkpoint.json"
                : "checkpoint.prev.json");
        RunSpec spec = new RunSpec(RunId.DEFAULT, checkpoint.config(), RunSpec.Origin.SERVER,
                Files.getLastModifiedTime(file).toInstant()); // that release kept no creation time
        long at = checkpoint.metaIteration();
        Snapshot latest = Snapshot.of(at, at, checkpoint.tasksDone(), checkpoint.weights());
        Snapshot initial = Catalogue.initialSnapshot(spec);
        long[] plan = spec.timelinePlan();
        List<ImportedRun.Kept> timeline = new ArrayList<>();
        List<Integer> neverKept = new ArrayList<>();
        for (int index = 0; index < plan.length && plan[index] <= at; index++) {
            byte[] bytes = index == 0 ? initial.jsonCopy() : plan[index] == at ? latest.jsonCopy() : null;
            if (bytes == null) {
                neverKept.add(index);
            }
            timeline.add(new ImportedRun.Kept(index, plan[index], bytes));
        }
        List<ValidationPoint> curve = new ArrayList<>(List.of(LearningCurve.measure(initial.weights(), 0)));
        if (at > 0) {
            curve.add(LearningCurve.measure(checkpoint.weights(), checkpoint.tasksDone()));
        }
        boolean finished = at >= checkpoint.config().metaIterations();
        RunReport report = finished ? reporter.apply(checkpoint.weights()) : null;
        String problem = neverKept.isEmpty() ? null : "imported from the checkpoint of a release that kept no"
                + " timeline: snapshots " + neverKept + " were never kept and are not served";
        LOG.info("the old release's checkpoint in {} becomes the default run, {} at {} of {} tasks", dataDir,
                finished ? "finished" : "queued", checkpoint.tasksDone(), checkpoint.config().tasks());
        return Optional.of(new ImportedRun(spec, finished ? RunState.FINISHED : RunState.QUEUED, problem, 0, latest,
                timeline, curve, report, Optional.of(checkpoint)));
    }
}
