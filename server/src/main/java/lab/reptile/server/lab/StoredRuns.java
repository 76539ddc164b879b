package lab.reptile.server.lab;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import lab.reptile.jackson.JacksonTree;
import lab.reptile.model.ValidationPoint;
import lab.reptile.model.WeightsJson;
import lab.reptile.server.checkpoint.Checkpoint;
import lab.reptile.server.checkpoint.CheckpointStore;
import lab.reptile.server.checkpoint.DamagedFileException;
import lab.reptile.server.checkpoint.SealedFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one run's directory back for {@link RunStore}, telling damage (a file whose checksum or JSON does not
 * verify) from trouble (an I/O error, which leaves the directory as it is). Damaged parts are reported, not
 * returned: {@link RunRestorer} rebuilds or marks them. A run file that does not verify is rebuilt from the
 * checkpoint; a run with neither is removed. Files of the release before files were sealed are parsed first and
 * sealed only if they parse, so a file truncated before the upgrade is never sealed as good.
 */
final class StoredRuns {
    private static final Logger LOG = LoggerFactory.getLogger(StoredRuns.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** What a file's content must parse as before an unsealed one is sealed. */
    @FunctionalInterface
    private interface Check {
        void parse(byte[] content) throws IOException;
    }

    private final RunStore store;

    StoredRuns(RunStore store) {
        this.store = store;
    }

    /** The run in {@code dir}, or null if it is not a run's or was removed as damaged beyond repair. */
    RunStore.StoredRun load(Path dir) throws IOException {
        RunJson.StoredState state;
        List<String> repairs = new ArrayList<>();
        try {
            state = readRunFile(dir);
        } catch (IOException | IllegalArgumentException e) {
            if (!isDamage(e)) {
                throw e;
            }
            state = recoverRunFile(dir, e);
            if (state == null) {
                return null;
            }
            repairs.add("run.json was damaged (" + e.getMessage() + "); rebuilt from the checkpoint");
        }
        return loadParts(dir, state, repairs);
    }

    /** Damage: a checksum, JSON or format that does not verify, or a missing run file; not an I/O error. */
    private static boolean isDamage(Exception e) {
        return e instanceof DamagedFileException || e instanceof JacksonException || e instanceof NoSuchFileException
                || e instanceof IllegalArgumentException;
    }

    private static RunJson.StoredState readRunFile(Path dir) throws IOException {
        RunJson.StoredState state = RunJson.readRunFile(MAPPER.readTree(readChecked(dir, "run.json",
                content -> RunJson.readRunFile(MAPPER.readTree(content)))));
        if (!dir.getFileName().toString().equals(state.spec().id().value())) {
            throw new IllegalArgumentException("run.json names run " + state.spec().id() + " but lies in " + dir);
        }
        return state;
    }

    /**
     * The run file of a run whose own is damaged, from its checkpoint (config, progress) and directory (id): queued
     * to resume, or finished if the checkpoint is at its last meta-iteration; a new generation, since its old one is
     * lost. Null, and the directory removed, if no checkpoint verifies either: nothing of it can be served or
     * resumed without its config.
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
            LOG.warn("run {}: run.json damaged ({}) and no checkpoint verifies: removing its directory", id,
                    damage.getMessage());
            RunStore.deleteDir(dir);
            return null;
        }
        Checkpoint c = checkpoint.get();
        RunSpec spec = new RunSpec(id, c.config(), id.isDefault() ? RunSpec.Origin.SERVER : RunSpec.Origin.VISITOR,
                Files.getLastModifiedTime(dir).toInstant()); // its creation time is lost: the queue order is close
        RunState state = c.metaIteration() >= c.config().metaIterations() ? RunState.FINISHED : RunState.QUEUED;
        store.writeState(spec, state, null);
        return new RunJson.StoredState(spec, state, null);
    }

    private RunStore.StoredRun loadParts(Path dir, RunJson.StoredState state, List<String> repairs)
            throws IOException {
        RunSpec spec = state.spec();
        long[] plan = spec.timelinePlan();
        List<TimelineEntry> timeline = new ArrayList<>();
        Set<Integer> damaged = new TreeSet<>();
        for (int index = 0; index < plan.length && Files.exists(dir.resolve(RunStore.snapshotFile(index))); index++) {
            byte[] json;
            try {
                json = readChecked(dir, RunStore.snapshotFile(index),
                        content -> WeightsJson.read(JacksonTree.parse(new String(content, StandardCharsets.UTF_8))));
            } catch (DamagedFileException e) {
                damaged.add(index);
                repairs.add(e.getMessage() + "; it is not served");
                json = new byte[0];
            }
            timeline.add(RunStore.entry(spec, index, plan[index], json));
        }
        List<ValidationPoint> curve = readPart(dir, "curve.json", c -> RunJson.readCurve(MAPPER.readTree(c)),
                List.of(), repairs);
        RunReport report = readPart(dir, "report.json", c -> RunJson.readReport(MAPPER.readTree(c)), null, repairs);
        return new RunStore.StoredRun(state, timeline, curve, report, damaged, repairs);
    }

    /** What a part's reader makes of its content. */
    @FunctionalInterface
    private interface Reader<T> {
        T read(byte[] content) throws IOException;
    }

    /** A part read by {@code reader}: {@code absent} if there is no file, null (and a repair noted) if damaged. */
    private static <T> T readPart(Path dir, String name, Reader<T> reader, T absent, List<String> repairs)
            throws IOException {
        try {
            return reader.read(readChecked(dir, name, reader::read));
        } catch (NoSuchFileException e) {
            return absent;
        } catch (DamagedFileException e) {
            repairs.add(e.getMessage());
            return null;
        }
    }

    /**
     * A file's verified content. An unsealed one (from the release before) must pass {@code check} and is then
     * sealed in place; one that does not is damaged.
     */
    private static byte[] readChecked(Path dir, String name, Check check) throws IOException {
        SealedFiles.Content content = SealedFiles.read(dir.resolve(name));
        try {
            check.parse(content.bytes());
        } catch (JacksonException | IllegalArgumentException e) {
            throw new DamagedFileException(name, (content.sealed() ? "its content does not parse: "
                    : "it has no checksum and does not parse: ") + e.getMessage());
        }
        if (!content.sealed()) {
            SealedFiles.write(dir.resolve(name), content.bytes());
        }
        return content.bytes();
    }
}
