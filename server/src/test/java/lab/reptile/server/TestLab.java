package lab.reptile.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import lab.reptile.model.ReptileConfig;
import lab.reptile.model.ReptileTrainer;
import lab.reptile.server.lab.Lab;
import lab.reptile.server.lab.LabOptions;
import lab.reptile.server.store.Database;
import java.util.Optional;
import lab.reptile.server.lab.LabLimits;
import lab.reptile.server.lab.RunId;
import lab.reptile.server.lab.RunState;
import lab.reptile.server.lab.RunView;
import lab.reptile.server.snapshot.Snapshot;
import lab.reptile.server.training.LearnerFactory;
import lab.reptile.server.training.Learners;

/** A lab in a fresh temporary data dir, for server tests, with shortcuts to its default run. */
public final class TestLab implements AutoCloseable {
    private final Lab lab;
    private final Path dataDir;

    private TestLab(Lab lab, Path dataDir) {
        this.lab = lab;
        this.dataDir = dataDir;
    }

    /** The default run {@code config} with the plain-Java trainer (quick to start: no ND4J). */
    public static TestLab plain(ReptileConfig config) {
        return open(config, ReptileTrainer::new, LabLimits.DEFAULTS);
    }

    /** The default run {@code config} with the DL4J trainer, as the server trains it. */
    public static TestLab dl4j(ReptileConfig config) {
        return open(config, Learners.dl4j(), LabLimits.DEFAULTS);
    }

    public static TestLab open(ReptileConfig config, LearnerFactory learners, LabLimits limits) {
        try {
            Path dataDir = Files.createTempDirectory("reptile-lab");
            Database database = Database.open(Database.embeddedUrl(dataDir), null, null);
            return new TestLab(Lab.open(database, true, new LabOptions(limits, learners, 1, "test-worker",
                    10_000_000_000L, LabOptions.standardReporter(),
                    Optional.of(new LabOptions.DefaultRun(config, true, true)))), dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The lab's data dir (a fresh temporary directory). */
    public Path dataDir() {
        return dataDir;
    }

    public Lab lab() {
        return lab;
    }

    public TestLab start() {
        lab.start();
        return this;
    }

    /** Where the default run's timeline snapshots are served: append the index. */
    public String snapshotsUrl() {
        return "/api/runs/default/generations/" + lab.defaultRun().spec().generation() + "/snapshots/";
    }

    public RunView view() {
        return lab.defaultRun().view();
    }

    public Snapshot snapshot() {
        return view().latest();
    }

    public RunState state() {
        return view().state();
    }

    public ReptileConfig config() {
        return lab.defaultRun().spec().config();
    }

    public long tasksDone() {
        return view().tasksDone();
    }

    public long tasksTotal() {
        return lab.defaultRun().tasksTotal();
    }

    public long metaIteration() {
        return view().metaIteration();
    }

    public void pause() throws IOException, InterruptedException {
        lab.pause(RunId.DEFAULT);
    }

    public void resume() throws IOException {
        lab.resume(RunId.DEFAULT);
    }

    @Override
    public void close() {
        lab.close();
    }
}
