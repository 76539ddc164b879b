package lab.reptile.server.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import lab.reptile.jackson.JacksonTree;
import lab.reptile.model.Evaluation;
import lab.reptile.model.NetShape;
import lab.reptile.model.ReptileConfig;
import lab.reptile.model.ReptileTrainer;
import lab.reptile.model.TrainerStart;
import lab.reptile.model.WeightsFile;
import lab.reptile.model.WeightsJson;
import lab.reptile.server.Await;
import lab.reptile.server.checkpoint.Checkpoint;
import lab.reptile.server.checkpoint.CheckpointCodec;
import lab.reptile.server.store.Database;
import lab.reptile.server.store.Jdbc;
import lab.reptile.server.snapshot.Snapshot;
import lab.reptile.model.ValidationPoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a run trains and publishes, seen through the lab's default run with the plain-Java trainer. */
class RunTrainerTest {
    private static final NetShape SHAPE = NetShape.STANDARD;

    @TempDir
    Path dir;
    private Lab lab;

    private Run train(ReptileConfig config) throws Exception {
        lab = PlainLab.open(dir, LabLimits.DEFAULTS, config);
        lab.start();
        return lab.defaultRun();
    }

    @AfterEach
    void close() {
        if (lab != null) {
            lab.close();
        }
    }

    private static RunView awaitState(Run run, RunState state) throws Exception {
        return Await.until("the run to be " + state.apiName(), run::view, v -> v.state() == state);
    }

    @Test
    void stopsAfterTheConfiguredTasksWithExactlyTheWeightsOfADirectRun() throws Exception {
        ReptileConfig config = PlainLab.config(1, 600);
        RunView done = awaitState(train(config), RunState.FINISHED);
        assertEquals(600, done.tasksDone());
        ReptileTrainer direct = new ReptileTrainer(config, SHAPE);
        for (int i = 0; i < config.metaIterations(); i++) {
            direct.metaStep();
        }
        assertEquals(direct.metaWeights(), done.latest().weights());
    }

    @Test
    void snapshotsStayConsistentUnderConcurrentReadsWhileTraining() throws Exception {
        Run run = train(PlainLab.config(1, 1_000_000));
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Set<Long> versionsSeen = ConcurrentHashMap.newKeySet();
        long until = System.nanoTime() + 3_000_000_000L; // a worker publishes every 500 ms, the catalogue reads every 250
        List<Thread> readers = new ArrayList<>();
        for (int r = 0; r < 3; r++) {
            Thread reader = new Thread(() -> {
                long lastVersion = 0;
                try {
                    while (System.nanoTime() < until) {
                        Snapshot s = run.view().latest();
                        assertTrue(s.version() >= lastVersion, "versions never go back");
                        lastVersion = s.version();
                        versionsSeen.add(s.version());
                        WeightsFile file = WeightsJson.read(
                                JacksonTree.parse(StandardCharsets.UTF_8.decode(s.json()).toString()));
                        assertEquals(s.version(), file.version());
                        assertEquals(s.weights(), file.weights(), "JSON matches the weights it claims");
                        Thread.sleep(2); // pacing, not a wait: leaves the trainer thread some CPU
                    }
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                }
            });
            reader.start();
            readers.add(reader);
        }
        for (Thread reader : readers) {
            reader.join();
        }
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
        assertTrue(versionsSeen.size() >= 3, "readers saw training move on: " + versionsSeen);
    }

    @Test
    void publishesNewWeightsRepeatedlyWhileTraining() throws Exception {
        Run run = train(PlainLab.config(1, 1_000_000));
        Await.until("training to start", () -> run.view().tasksDone() > 0);
        Set<Snapshot> seen = ConcurrentHashMap.newKeySet();
        Await.until("5 newer snapshots while training", () -> {
            seen.add(run.view().latest());
            return seen.size() > 5;
        });
        assertEquals(RunState.RUNNING, run.view().state(), "published while training, not only at the end");
    }

    @Test
    void historyRecordsValidationMseThatFallsAsTrainingProceeds() throws Exception {
        List<ValidationPoint> history = awaitState(train(PlainLab.config(1, 8_000)), RunState.FINISHED).history();
        assertTrue(history.size() >= 2);
        assertEquals(0, history.get(0).tasksDone());
        assertEquals(8_000, history.get(history.size() - 1).tasksDone());
        assertTrue(history.get(history.size() - 1).mseAt8() < history.get(0).mseAt8() / 3,
                "validation MSE fell: " + history);
    }

    @Test
    void servedWeightsAfterShortTrainingBeatARandomInit() throws Exception {
        Snapshot served = awaitState(train(PlainLab.config(1, 5_000)), RunState.FINISHED).latest();
        WeightsFile file = WeightsJson.read(JacksonTree.parse(StandardCharsets.UTF_8.decode(served.json())
                .toString()));
        double trained = Evaluation.evaluate(file.weights(), 5, 200, 0.02).meanAt(8);
        double random = Evaluation.evaluate(Evaluation.randomInit(SHAPE, 5), 5, 200, 0.02).meanAt(8);
        assertTrue(trained < random / 4, "trained " + trained + " vs random " + random);
    }

    @Test
    void divergingHyperparametersNeverPublishNonFiniteWeights() throws Exception {
        ReptileConfig wild = ReptileConfig.builder().seed(1).tasks(2_000).innerLr(5.0).build(); // diverges at 15, kept 10
        Run run = train(wild);
        RunView diverged = awaitState(run, RunState.DIVERGED);
        assertTrue(diverged.latest().weights().isFinite());
        assertTrue(diverged.problem().contains("non-finite"), diverged.problem());
        assertTrue(diverged.timeline().stream().allMatch(e -> e.metaIteration() <= diverged.metaIteration()));
        TimelineEntry newest = diverged.timeline().get(diverged.timeline().size() - 1);
        assertEquals(newest.metaIteration(), diverged.latest().metaIteration(),
                "the served weights are the last finite snapshot, not an older publish");
        assertEquals(newest.tasksDone(), diverged.tasksDone(), "its progress says how far the run got");
        double[] before = diverged.latest().weights().toArray();
        Await.during("the last finite weights stay published", Duration.ofMillis(200),
                () -> Arrays.equals(before, run.view().latest().weights().toArray()));
    }

    @Test
    void aResumedRunReportsTheRateOfItsOwnTasksNotOfTheCheckpointedOnes() throws Exception {
        ReptileConfig config = PlainLab.config(1, 1_000_000);
        RunSpec spec = new RunSpec(RunId.DEFAULT, config, RunSpec.Origin.SERVER, Instant.now());
        TrainerStart start = TrainerStart.fromSeed(config, SHAPE);
        store(spec, RunState.QUEUED, null, new Checkpoint(config, 900_000, start.initialWeights(),
                start.tasks().randomState()), List.of());
        Run run = train(config);
        Await.until("a thousand tasks beyond the checkpointed ones", () -> run.view().tasksDone() > 901_000);
        RunView view = lab.pause(RunId.DEFAULT);
        assertTrue(view.tasksPerSecond() > 0 && view.tasksPerSecond() < 100_000,
                "rate of this process's tasks: " + view.tasksPerSecond());
    }

    @Test
    void aRunKilledWhileItsReportWasComputedRecordsItsLastCurvePointOnce() throws Exception {
        ReptileConfig config = PlainLab.config(1, 1_000);
        RunSpec spec = new RunSpec(RunId.DEFAULT, config, RunSpec.Origin.SERVER, Instant.now());
        TrainerStart start = TrainerStart.fromSeed(config, SHAPE);
        List<ValidationPoint> curve = List.of(new ValidationPoint(0, 4.0), new ValidationPoint(1_000, 0.5));
        // as left by a SIGKILL after the final checkpoint: still running on a worker that is gone, without a job
        store(spec, RunState.RUNNING, "killed-worker", new Checkpoint(config, 1_000, start.initialWeights(),
                start.tasks().randomState()), curve);
        Run run = train(config);
        RunView done = awaitState(run, RunState.FINISHED);
        assertEquals(curve, done.history(), "the kept curve, its last point not measured again");
        assertNotNull(done.report());
    }

    /** Writes a run's row and checkpoint into the lab's embedded database in {@code dir}, as a worker had left them. */
    private void store(RunSpec spec, RunState state, String worker, Checkpoint checkpoint,
                       List<ValidationPoint> curve) {
        try (Database database = Database.open(Database.embeddedUrl(dir), null, null)) {
            new Jdbc(database.dataSource()).inTransaction(tx -> {
                RunStore.insert(tx, spec, null, 0, Catalogue.initialSnapshot(spec).jsonCopy());
                tx.update("UPDATE runs SET state = ?, worker = ?, curve = ? WHERE id = ?", state.apiName(), worker,
                        RunStore.curveText(curve), spec.id().value());
                return tx.update("INSERT INTO checkpoints (run_id, generation, bytes) VALUES (?, ?, ?)",
                        spec.id().value(), spec.generation(), CheckpointCodec.encode(checkpoint));
            });
        }
    }
}
