package lab.reptile.server.lab;

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
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import lab.reptile.server.checkpoint.Checkpoint;
import lab.reptile.server.checkpoint.CheckpointStore;
import lab.reptile.server.checkpoint.DamagedFileException;
import lab.reptile.server.checkpoint.SealedFiles;
import lab.reptile.server.snapshot.ContentEtag;
import lab.reptile.model.ValidationPoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs on disk, one directory each under {@code <data dir>/runs/<id>/}: {@code run.json} (spec and state),
 * {@code checkpoint.json} (see {@link CheckpointStore}), {@code curve.json}, {@code report.json} and
 * {@code snapshots/<index>.json}, the timeline's weights exactly as served. Every file is written whole and
 * atomically and carries its SHA-256 ({@link SealedFiles}; checkpoints their own), so a damaged one is found when it
 * is read: loading reports damaged parts for {@link RunRestorer} to rebuild or to mark, and a run whose run file is
 * damaged is rebuilt from its checkpoint. Directory names are run ids, which only {@link RunId} makes, never a
 * visitor's text.
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

    /**
     * A run read back from disk.
     *
     * @param curve            the learning curve, or null if its file is damaged (rebuild it)
     * @param report           the report, or null if there is none or its file is damaged
     * @param damagedSnapshots indexes of timeline snapshots whose files are damaged: listed, never served
     * @param repairs          what was found damaged and how it was handled, for the log and the run's problem
     */
    record StoredRun(RunJson.StoredState state, List<TimelineEntry> timeline, List<ValidationPoint> curve,
                     RunReport report, Set<Integer> damagedSnapshots, List<String> repairs) {
    }

    /**
     * Every run that reads back. A run whose run file is damaged is rebuilt from its checkpoint; one with neither is
     * removed, since nothing of it can be served or resumed. Every kept directory's bytes are counted.
     */
    List<StoredRun> loadAll() {
        List<StoredRun> runs = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return runs;
        }
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path dir : dirs.sorted().toList()) {
                StoredRun run = loadOrRecover(dir);
                if (run != null) {
                    runs.add(run);
                    sizes.put(run.state().spec().id(), sizeOf(dir));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
        return runs;
    }

    private StoredRun loadOrRecover(Path dir) throws IOException {
        RunJson.StoredState state;
        List<String> repairs = new ArrayList<>();
        try {
            state = readRunFile(dir);
        } catch (IOException | RuntimeException e) {
            state = recoverRunFile(dir, e);
            if (state == null) {
                return null;
            }
            repairs.add("run.json was damaged (" + e.getMessage() + "); rebuilt from the checkpoint");
        }
        return load(dir, state, repairs);
    }

    private static RunJson.StoredState readRunFile(Path dir) throws IOException {
        RunJson.StoredState state = RunJson.readRunFile(MAPPER.readTree(SealedFiles.read(dir.resolve("run.json"))
                .bytes()));
        if (!dir.getFileName().toString().equals(state.spec().id().value())) {
            throw new IllegalArgumentException("run.json names run " + state.spec().id() + " but lies in " + dir);
        }
        return state;
    }

    /**
     * The run file of a run whose own is damaged, from its checkpoint (config, progress) and directory (id): queued
     * to resume, or finished if the checkpoint is at its last meta-iteration; a new generation, since its old one is
     * lost. Null, and the directory removed, if no checkpoint verifies either.
     */
    private RunJson.StoredState recoverRunFile(Path dir, Exception damage) throws IOException {
        RunId id;
        try {
            id = RunId.parse(dir.getFileName().toString());
        } catch (IllegalArgumentException e) {
            LOG.warn("skipping {}: not a run directory", dir);
            return null;
        }
        Optional<Checkpoint> checkpoint = new CheckpointStore(dir).loadNewest();
        if (checkpoint.isEmpty()) {
            LOG.warn("run {}: run.json unreadable ({}) and no checkpoint verifies: removing its directory", id,
                    damage.getMessage());
            deleteDir(dir);
            return null;
        }
        Checkpoint c = checkpoint.get();
        RunSpec spec = new RunSpec(id, c.config(), id.isDefault() ? RunSpec.Origin.SERVER : RunSpec.Origin.VISITOR,
                Files.getLastModifiedTime(dir).toInstant()); // its creation time is lost: the queue order is close
        RunState state = c.metaIteration() >= c.config().metaIterations() ? RunState.FINISHED : RunState.QUEUED;
        LOG.warn("run {}: run.json unreadable ({}); rebuilt from its checkpoint at {} tasks as {}", id,
                damage.getMessage(), c.tasksDone(), state.apiName());
        writeState(spec, state, null);
        return new RunJson.StoredState(spec, state, null);
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

    /** The bytes of snapshot {@code index} of {@code id}, as written; DamagedFileException if they changed. */
    public byte[] readSnapshot(RunId id, int index) throws IOException {
        return SealedFiles.read(dir(id).resolve(snapshotFile(index))).bytes();
    }

    /** Replaces the learning curve (one rebuilt after its file was damaged). */
    void writeCurve(RunId id, List<ValidationPoint> curve) throws IOException {
        write(id, "curve.json", MAPPER.writeValueAsBytes(RunJson.curve(MAPPER, curve)));
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
        deleteDir(dir(id));
        sizes.remove(id);
    }

    private static void deleteDir(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    /** Bytes run {@code id} takes on disk, 0 for one not written yet. */
    long usedBytes(RunId id) {
        return sizes.getOrDefault(id, 0L);
    }

    /** Bytes the runs take on disk. */
    public long usedBytes() {
        return sizes.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The run's other files; damaged parts are reported in the result, unsealed ones sealed again. */
    private StoredRun load(Path dir, RunJson.StoredState state, List<String> repairs) throws IOException {
        RunSpec spec = state.spec();
        long[] plan = spec.timelinePlan();
        List<TimelineEntry> timeline = new ArrayList<>();
        Set<Integer> damaged = new TreeSet<>();
        for (int index = 0; index < plan.length && Files.exists(dir.resolve(snapshotFile(index))); index++) {
            byte[] json;
            try {
                json = readSealed(dir, snapshotFile(index));
            } catch (DamagedFileException e) {
                damaged.add(index);
                repairs.add(e.getMessage() + "; it is not served");
                json = new byte[0];
            }
            timeline.add(entry(spec, index, plan[index], json));
        }
        List<ValidationPoint> curve = List.of();
        RunReport report = null;
        try {
            byte[] curveJson = readOptional(dir, "curve.json");
            curve = curveJson == null ? List.of() : RunJson.readCurve(MAPPER.readTree(curveJson));
        } catch (IOException | RuntimeException e) {
            curve = null;
            repairs.add("curve.json: " + e.getMessage());
        }
        try {
            byte[] reportJson = readOptional(dir, "report.json");
            report = reportJson == null ? null : RunJson.readReport(MAPPER.readTree(reportJson));
        } catch (IOException | RuntimeException e) {
            repairs.add("report.json: " + e.getMessage());
        }
        return new StoredRun(state, timeline, curve, report, damaged, repairs);
    }

    /** A file's verified content; an unsealed one (from an older release) is sealed in place. */
    private byte[] readSealed(Path dir, String name) throws IOException {
        SealedFiles.Content content = SealedFiles.read(dir.resolve(name));
        if (!content.sealed()) {
            SealedFiles.write(dir.resolve(name), content.bytes());
        }
        return content.bytes();
    }

    private byte[] readOptional(Path dir, String name) throws IOException {
        try {
            return readSealed(dir, name);
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
        SealedFiles.write(dir.resolve(name), bytes);
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
