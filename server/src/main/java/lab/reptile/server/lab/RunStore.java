package lab.reptile.server.lab;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import java.util.Set;
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
    /** Bytes of directories left unread at start-up (an I/O error): still on disk, so still counted. */
    private volatile long unreadableBytes;

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
     * Every run that reads back ({@link StoredRuns}): a damaged run file is rebuilt from the checkpoint, a run with
     * neither is removed; a directory that cannot be read (an I/O error) is left as it is. Every directory kept is
     * counted on disk, readable or not.
     */
    List<StoredRun> loadAll() {
        List<StoredRun> runs = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return runs;
        }
        StoredRuns reader = new StoredRuns(this);
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path dir : dirs.sorted().toList()) {
                try {
                    StoredRun run = reader.load(dir);
                    if (run != null) {
                        runs.add(run);
                        sizes.put(run.state().spec().id(), sizeOf(dir));
                    }
                } catch (IOException | RuntimeException e) { // trouble, not damage: leave it, count it
                    LOG.warn("skipping run directory {}, left as it is: {}", dir, e.toString());
                    unreadableBytes += sizeOrZero(dir);
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

    /** The bytes of snapshot {@code index} of {@code id}, as written; DamagedFileException if they changed. */
    public byte[] readSnapshot(RunId id, int index) throws IOException {
        Path file = dir(id).resolve(snapshotFile(index));
        SealedFiles.Content content = SealedFiles.read(file);
        if (!content.sealed()) { // every good snapshot is sealed once loaded: this one did not parse, or was replaced
            throw new DamagedFileException(file.getFileName().toString(), "it has no checksum");
        }
        return content.bytes();
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

    static void deleteDir(Path dir) throws IOException {
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
        return unreadableBytes + sizes.values().stream().mapToLong(Long::longValue).sum();
    }

    static TimelineEntry entry(RunSpec spec, int index, long metaIteration, byte[] json) {
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

    static String snapshotFile(int index) {
        return "snapshots/" + (index < 10 ? "0" : "") + index + ".json";
    }

    private static long sizeOrZero(Path dir) {
        try {
            return sizeOf(dir);
        } catch (IOException | UncheckedIOException e) {
            return 0;
        }
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
