package lab.reptile.server.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import lab.reptile.model.Params;
import lab.reptile.server.store.Database;
import lab.reptile.server.store.Jdbc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports, once, what an older release kept as files in the data dir into a lab database that holds no runs yet:
 * main's file store ({@code runs/<id>/}: every run with its timeline, curve, report and checkpoint) and the oldest
 * release's single {@code checkpoint.json} (the default run). Everything goes in one transaction, so a failed import
 * changes nothing; once it is committed the files are renamed {@code <name>.imported-<UTC time>}, never deleted, so
 * the next start does not import them again (nor would it, the database holding runs by then).
 */
public final class FileImport {
    private static final Logger LOG = LoggerFactory.getLogger(FileImport.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    private FileImport() {
    }

    /** What an import did. */
    public enum Outcome {
        /** The data dir holds no old release's files (or they were imported before). */
        NOTHING_TO_IMPORT,
        /** The files are in the database and renamed. */
        IMPORTED,
        /** The database already holds runs: nothing was imported and the files are left as they are. */
        DATABASE_NOT_EMPTY
    }

    /**
     * Imports the old files in {@code dataDir}, if any, into {@code database}; {@code reporter} evaluates a finished
     * run whose report is lost. An IllegalStateException that says what is wrong if they cannot be read (an I/O
     * error, not damage, which is handled) or stored: then nothing was imported and the files are as they were.
     */
    public static Outcome importOnce(Database database, Path dataDir, Function<Params, RunReport> reporter) {
        List<Path> sources = Stream.of(dataDir.resolve("runs"), dataDir.resolve("checkpoint.json"),
                dataDir.resolve("checkpoint.prev.json")).filter(Files::exists).toList();
        if (sources.isEmpty()) {
            return Outcome.NOTHING_TO_IMPORT;
        }
        List<String> imported;
        try {
            imported = new Jdbc(database.dataSource()).inTransaction(tx -> {
                RunStore.lockLab(tx); // replicas starting together on one database: one imports, the others skip
                if (tx.first("SELECT COUNT(*) FROM runs", r -> r.getLong(1)) > 0) {
                    return null;
                }
                List<String> ids = new ArrayList<>();
                for (ImportedRun run : read(dataDir, reporter)) {
                    run.insert(tx);
                    ids.add(run.spec().id().value());
                }
                return ids;
            });
        } catch (UncheckedIOException e) {
            throw failed(dataDir, e.getCause().toString(), e);
        } catch (RuntimeException e) {
            throw failed(dataDir, e.toString(), e);
        }
        if (imported == null) {
            LOG.warn("not importing the old release's files in {}: the database {} already holds runs; they are left"
                    + " as they are", dataDir, database.url());
            return Outcome.DATABASE_NOT_EMPTY;
        }
        LOG.info("imported {} run(s) from the old release's files in {}: {}", imported.size(), dataDir, imported);
        markImported(sources);
        return Outcome.IMPORTED;
    }

    /** Every run in {@code dataDir}'s files, read inside the transaction: I/O trouble is an UncheckedIOException. */
    private static List<ImportedRun> read(Path dataDir, Function<Params, RunReport> reporter) {
        List<ImportedRun> runs = new ArrayList<>();
        try {
            Path root = dataDir.resolve("runs");
            if (Files.isDirectory(root)) {
                try (Stream<Path> dirs = Files.list(root)) {
                    for (Path dir : dirs.sorted().toList()) {
                        if (!Files.isDirectory(dir)) {
                            LOG.warn("not importing {}: not a run directory", dir);
                            continue;
                        }
                        FileRunReader.FileRun stored = FileRunReader.read(dir);
                        if (stored != null) {
                            runs.add(FileRunRestorer.restore(stored, reporter));
                        }
                    }
                }
            }
            boolean hasDefault = runs.stream().anyMatch(r -> r.spec().id().isDefault());
            if (hasDefault && Files.exists(dataDir.resolve("checkpoint.json"))) {
                LOG.warn("not importing the oldest release's checkpoint.json in {}: runs/default, written by a later"
                        + " release, is the default run (the file is renamed with the others)", dataDir);
            } else if (!hasDefault) {
                Optional<ImportedRun> legacy = LegacyCheckpoint.read(dataDir, reporter);
                legacy.ifPresent(runs::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return runs;
    }

    /** Renames each imported file or directory; one that cannot be renamed is not imported again all the same. */
    private static void markImported(List<Path> sources) {
        String suffix = ".imported-" + ZonedDateTime.now(ZoneOffset.UTC).format(STAMP);
        for (Path source : sources) {
            Path target = source.resolveSibling(source.getFileName() + suffix);
            try {
                Files.move(source, target);
                LOG.info("kept {} as {}", source, target.getFileName());
            } catch (IOException e) {
                LOG.warn("imported {}, but could not rename it ({}); it is not imported again while the database"
                        + " holds runs", source, e.toString());
            }
        }
    }

    private static IllegalStateException failed(Path dataDir, String why, Exception cause) {
        return new IllegalStateException("cannot import the old release's files in " + dataDir + " into the"
                + " database (" + why + "): nothing was imported and the files are as they were; fix this, or move"
                + " them out of the data dir to start without them", cause);
    }
}
