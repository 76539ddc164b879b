package lab.reptile.server.checkpoint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checkpoints in a directory: {@code checkpoint.json} (newest) and {@code checkpoint.prev.json} (the one before).
 * Saving writes a temporary file, flushes it to disk and renames it into place, so a crash at any moment leaves at
 * least one complete checkpoint; loading takes the newest one that verifies and reports the others in the log.
 */
public final class CheckpointStore {
    private static final Logger LOG = LoggerFactory.getLogger(CheckpointStore.class);

    private final Path dir;
    private final Path latest;
    private final Path previous;

    public CheckpointStore(Path dir) {
        this.dir = dir;
        this.latest = dir.resolve("checkpoint.json");
        this.previous = dir.resolve("checkpoint.prev.json");
    }

    public Path dir() {
        return dir;
    }

    /** Writes {@code checkpoint} durably, keeping the one before it. */
    public void save(Checkpoint checkpoint) {
        byte[] bytes = CheckpointCodec.encode(checkpoint);
        try {
            Files.createDirectories(dir);
            if (Files.exists(latest)) {
                Files.move(latest, previous, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            AtomicFiles.write(latest, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a checkpoint to " + dir, e);
        }
    }

    /** The newest checkpoint that reads and verifies, if any; damaged files are logged and skipped. */
    public Optional<Checkpoint> loadNewest() {
        for (Path file : new Path[] {latest, previous}) {
            if (!Files.exists(file)) {
                continue;
            }
            try {
                Checkpoint checkpoint = CheckpointCodec.decode(Files.readAllBytes(file));
                LOG.info("found checkpoint {} at {} tasks", file, checkpoint.tasksDone());
                return Optional.of(checkpoint);
            } catch (IOException | IllegalArgumentException e) {
                LOG.warn("skipping checkpoint {}: {}", file, e.getMessage());
            }
        }
        return Optional.empty();
    }
}
