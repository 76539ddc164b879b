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
import lab.reptile.jackson.JacksonTree;
import lab.reptile.model.ValidationPoint;
import lab.reptile.model.WeightsJson;
import lab.reptile.server.checkpoint.Checkpoint;
import lab.reptile.server.checkpoint.CheckpointCodec;
import lab.reptile.server.checkpoint.DamagedFileException;
import lab.reptile.server.checkpoint.SealedFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one run directory of the file store before the database ({@code <data dir>/runs/<id>/}: run.json,
 * checkpoint.json and checkpoint.prev.json, curve.json, report.json, snapshots/NN.json), writing nothing. Damage (a
 * checksum, JSON or format that does not verify, a missing run file) is reported in the result for
 * {@link FileRunRestorer} to rebuild or mark, as main's StoredRuns did; trouble (any other I/O error) is thrown, and
 * fails the whole import. Files of the release before files were sealed count as good only if they parse.
 */
final class FileRunReader {
    private static final Logger LOG = LoggerFactory.getLogger(FileRunReader.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final List<String> CHECKPOINTS = List.of("checkpoint.json", "checkpoint.prev.json");

    private FileRunReader() {
    }

    /**
     * A run directory read back.
     *
     * @param timeline   its snapshots from 0 up to the last file, a damaged one with null bytes
     * @param curve      the learning curve, or null if its file is damaged (rebuild it)
     * @param report     the report, or null if there is none or its file is damaged
     * @param checkpoint the newest checkpoint that verifies
     * @param repairs    what was found damaged and how it is handled, for the log
     */
    record FileRun(RunJson.StoredState state, List<ImportedRun.Kept> timeline, List<ValidationPoint> curve,
                   RunReport report, Optional<Checkpoint> checkpoint, List<String> repairs) {
    }

    /** What a part's reader makes of a file's content. */
    @FunctionalInterface
    private interface Reader<T> {
        T read(byte[] content) throws IOException;
    }

    /** The run in {@code dir}, or null if it has neither a run file nor a checkpoint that verifies. */
    static FileRun read(Path dir) throws IOException {
        List<String> repairs = new ArrayList<>();
        Optional<Checkpoint> checkpoint = newestCheckpoint(dir, repairs);
        RunJson.StoredState state;
        try {
            state = RunJson.readRunFile(MAPPER.readTree(verified(dir, "run.json",
                    content -> RunJson.readRunFile(MAPPER.readTree(content)))));
            if (!dir.getFileName().toString().equals(state.spec().id().value())) {
                throw new IllegalArgumentException("run.json names run " + state.spec().id() + " but lies in " + dir);
            }
        } catch (DamagedFileException | JacksonException | NoSuchFileException | IllegalArgumentException e) {
            state = fromCheckpoint(dir, checkpoint, e);
            if (state == null) {
                return null;
            }
            repairs.add("run.json is damaged or missing (" + e.getMessage() + "); rebuilt from the checkpoint");
        }
        long[] plan = state.spec().timelinePlan();
        List<ImportedRun.Kept> timeline = new ArrayList<>();
        for (int index = 0; index < plan.length && Files.exists(dir.resolve(snapshotFile(index))); index++) {
            byte[] json;
            try {
                json = verified(dir, snapshotFile(index),
                        content -> WeightsJson.read(JacksonTree.parse(new String(content, StandardCharsets.UTF_8))));
            } catch (DamagedFileException e) {
                repairs.add(e.getMessage() + "; it is not served");
                json = null;
            }
            timeline.add(new ImportedRun.Kept(index, plan[index], json));
        }
        List<ValidationPoint> curve = part(dir, "curve.json", c -> RunJson.readCurve(MAPPER.readTree(c)), List.of(),
                repairs);
        RunReport report = part(dir, "report.json", c -> RunJson.readReport(MAPPER.readTree(c)), null, repairs);
        return new FileRun(state, timeline, curve, report, checkpoint, repairs);
    }

    /** The newest of {@code dir}'s two checkpoints that verifies; a damaged one is noted in {@code repairs}. */
    static Optional<Checkpoint> newestCheckpoint(Path dir, List<String> repairs) throws IOException {
        for (String name : CHECKPOINTS) {
            Path file = dir.resolve(name);
            if (Files.exists(file)) {
                try {
                    return Optional.of(CheckpointCodec.decode(Files.readAllBytes(file)));
                } catch (IllegalArgumentException e) {
                    repairs.add(name + " is damaged (" + e.getMessage() + "); not resumed from");
                }
            }
        }
        return Optional.empty();
    }

    static String snapshotFile(int index) {
        return "snapshots/" + (index < 10 ? "0" : "") + index + ".json";
    }

    /**
     * The run file of a run whose own is damaged, from its checkpoint (config, progress) and directory (id): queued
     * to resume, or finished at its last meta-iteration; a new generation, since its old one is lost. Null if no
     * checkpoint verifies either: nothing of it can be served or resumed without its config.
     */
    private static RunJson.StoredState fromCheckpoint(Path dir, Optional<Checkpoint> checkpoint, Exception damage)
            throws IOException {
        RunId id;
        try {
            id = RunId.parse(dir.getFileName().toString());
        } catch (IllegalArgumentException e) {
            LOG.warn("not importing {}: not a run directory", dir);
            return null;
        }
        if (checkpoint.isEmpty()) {
            LOG.warn("not importing run {}: its run.json is damaged or missing ({}) and no checkpoint verifies; its"
                    + " files stay as they are", id, damage.getMessage());
            return null;
        }
        Checkpoint c = checkpoint.get();
        RunSpec spec = new RunSpec(id, c.config(), id.isDefault() ? RunSpec.Origin.SERVER : RunSpec.Origin.VISITOR,
                Files.getLastModifiedTime(dir).toInstant()); // its creation time is lost: the queue order is close
        RunState state = c.metaIteration() >= c.config().metaIterations() ? RunState.FINISHED : RunState.QUEUED;
        return new RunJson.StoredState(spec, state, null);
    }

    /** A part read by {@code reader}: {@code absent} if there is no file, null (and a repair noted) if damaged. */
    private static <T> T part(Path dir, String name, Reader<T> reader, T absent, List<String> repairs)
            throws IOException {
        try {
            return reader.read(verified(dir, name, reader));
        } catch (NoSuchFileException e) {
            return absent;
        } catch (DamagedFileException e) {
            repairs.add(e.getMessage());
            return null;
        }
    }

    /** A file's verified content; an unsealed one (from the release before sealing) must pass {@code check}. */
    private static byte[] verified(Path dir, String name, Reader<?> check) throws IOException {
        Path file = dir.resolve(name);
        SealedFiles.Content content = SealedFiles.read(file);
        try {
            check.read(content.bytes());
        } catch (JacksonException | IllegalArgumentException e) {
            throw new DamagedFileException(file.getFileName().toString(), (content.sealed() ? "its content does not parse: "
                    : "it has no checksum and does not parse: ") + e.getMessage());
        }
        return content.bytes();
    }
}
