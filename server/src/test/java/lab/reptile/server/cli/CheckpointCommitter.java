package lab.reptile.server.cli;

import java.nio.file.Path;
import lab.reptile.model.TrainerStart;
import lab.reptile.server.checkpoint.Checkpoint;
import lab.reptile.server.checkpoint.CheckpointCodec;
import lab.reptile.server.store.Database;
import lab.reptile.server.store.Jdbc;
import lab.reptile.server.training.TrainingDefaults;

/**
 * A child JVM for {@link EmbeddedDatabaseIT}: commits checkpoints of the default run at meta-iterations 1, 2, 3, ...
 * into the embedded database of the data dir in {@code args[0]}, printing {@code committed N} after each commit,
 * until it is killed.
 */
final class CheckpointCommitter {
    private CheckpointCommitter() {
    }

    /** The checkpoint committed at {@code metaIteration}: the default config's initial weights, as a test expects. */
    static Checkpoint checkpoint(long metaIteration) {
        TrainerStart start = TrainerStart.fromSeed(TrainingDefaults.config(), TrainingDefaults.SHAPE);
        return new Checkpoint(TrainingDefaults.config(), metaIteration, start.initialWeights(),
                start.tasks().randomState());
    }

    public static void main(String[] args) {
        Database database = Database.open(Database.embeddedUrl(Path.of(args[0])), null, null); // never closed
        Jdbc jdbc = new Jdbc(database.dataSource());
        for (long i = 1; ; i++) {
            byte[] bytes = CheckpointCodec.encode(checkpoint(i));
            jdbc.inTransaction(tx -> {
                if (tx.update("UPDATE checkpoints SET bytes = ? WHERE run_id = 'default'", bytes) == 0) {
                    tx.update("INSERT INTO checkpoints (run_id, generation, bytes) VALUES ('default', 'AAAAAAAA', ?)",
                            bytes);
                }
                return null;
            });
            System.out.println("committed " + i);
        }
    }
}
