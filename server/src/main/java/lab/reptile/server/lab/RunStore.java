package lab.reptile.server.lab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import lab.reptile.server.checkpoint.AtomicFiles;
import lab.reptile.server.checkpoint.Checkpoint;
import lab.reptile.server.checkpoint.CheckpointStore;
import lab.reptile.server.snapshot.ContentEtag;
import lab.reptile.model.ValidationPoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs on disk, one directory each under {@code <data dir>/runs/<id>/}: {@code run.json} (spec and state),
 * {@code checkpoint.json} (see {@link CheckpointStore}), {@code curve.json}, {@code report.json} and
 * {@code snapshots/<index>.json}, the timeline's weights exactly as served. Every file is written whole and
 * atomically. Directory names are run ids, which only {@link RunId} makes, never a visitor's text.
 */
public final class RunStore {
    private static final Logger LOG = LoggerFactory.getLogger(RunStore.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Path root;
    /** Bytes on disk per run, updated after each write to it. */
    private final Map<RunId, Long> sizes = new ConcurrentHashMap<>();

    public RunStore(Path dataDir) {
        this.root = dataDir.resolve("runs");
    }

    /** A run read back from disk. */
    record StoredRun(RunJson.StoredState state, List<TimelineEntry> timeline, List<ValidationPoint> curve,
                     RunReport report) {
    }

    /** Every run that reads back; a damaged one is logged and left on disk untouched. */
    List<StoredRun> loadAll() {
        List<StoredRun> runs = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return runs;
        }
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path dir : dirs.sorted().toList()) {
                try {
                    StoredRun run = load(dir);
                    runs.add(run);
                    sizes.put(run.state().spec().id(), sizeOf(dir));
                } catch (IOException | RuntimeException e) {
                    LOG.warn("skipping run directory {}: {}", dir, e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
        return runs;
    }

    void create(RunSpec spec) throws IOException {
        writeState(spec, RunState.QUEUED, null);
    }

    void writeState(RunSpec spec, RunState state, String problem) throws IOException {
        write(spec.id(), "run.json", MAPPER.writeValueAsBytes(RunJson.runFile(MAPPER, spec, state, problem)));
    }

    /** Writes snapshot {@code index} (once: its bytes never change) and returns its timeline entry. */
    TimelineEntry writeSnapshot(RunSpec spec, int index, long metaIteration, byte[] json) throws IOException {
        write(spec.id(), snapshotFile(index), json);
        return entry(spec, index, metaIteration, json);
    }

    /** The bytes of snapshot {@code index} of {@code id}, as written. */
    public byte[] readSnapshot(RunId id, int index) throws IOException {
        return Files.readAllBytes(dir(id).resolve(snapshotFile(index)));
    }

    /** Saves the learner's resumable state, then the learning curve up to it. */
    void saveCheckpoint(RunId id, Checkpoint checkpoint, List<ValidationPoint> curve) throws IOException {
        checkpoints(id).save(checkpoint);
        write(id, "curve.json", MAPPER.writeValueAsBytes(RunJson.curve(MAPPER, curve)));
    }

    void writeReport(RunId id, RunReport report) throws IOException {
        write(id, "report.json", MAPPER.writeValueAsBytes(RunJson.report(MAPPER, report)));
    }

    /** The run's checkpoints; write them through {@link #saveCheckpoint}, so the disk usage stays counted. */
    CheckpointStore checkpoints(RunId id) {
        return new CheckpointStore(dir(id));
    }

    /** Removes the run's directory and everything in it. */
    void delete(RunId id) throws IOException {
        Path dir = dir(id);
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
        sizes.remove(id);
    }

    /** Bytes run {@code id} takes on disk, 0 for one not written yet. */
    long usedBytes(RunId id) {
        return sizes.getOrDefault(id, 0L);
    }

    /** Bytes the runs take on disk. */
    public long usedBytes() {
        return sizes.values().stream().mapToLong(Long::longValue).sum();
    }

    private StoredRun load(Path dir) throws IOException {
        RunJson.StoredState state = RunJson.readRunFile(MAPPER.readTree(dir.resolve("run.json").toFile()));
        RunSpec spec = state.spec();
        if (!dir.getFileName().toString().equals(spec.id().value())) {
            throw new IllegalArgumentException("run.json names run " + spec.id() + " but lies in " + dir);
        }
        long[] plan = spec.timelinePlan();
        List<TimelineEntry> timeline = new ArrayList<>();
        for (int index = 0; index < plan.length && Files.exists(dir.resolve(snapshotFile(index))); index++) {
            timeline.add(entry(spec, index, plan[index], Files.readAllBytes(dir.resolve(snapshotFile(index)))));
        }
        JsonNode curve = readOptional(dir.resolve("curve.json"));
        JsonNode report = readOptional(dir.resolve("report.json"));
        return new StoredRun(state, timeline, curve == null ? List.of() : RunJson.readCurve(curve),
                report == null ? null : RunJson.readReport(report));
    }

    private static JsonNode readOptional(Path file) throws IOException {
        try {
            return MAPPER.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private static TimelineEntry entry(RunSpec spec, int index, long metaIteration, byte[] json) {
        return new TimelineEntry(index, metaIteration, metaIteration * spec.config().metaBatchSize(),
                ContentEtag.of(json), json.length);
    }

    private void write(RunId id, String name, byte[] bytes) throws IOException {
        Path dir = dir(id);
        AtomicFiles.write(dir.resolve(name), bytes);
        sizes.put(id, sizeOf(dir));
    }

    private Path dir(RunId id) {
        return root.resolve(id.value());
    }

    private static String snapshotFile(int index) {
        return "snapshots/" + (index < 10 ? "0" : "") + index + ".json";
    }

    private static long sizeOf(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            long total = 0;
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                total += Files.size(file);
            }
            return total;
        }
    }
}
