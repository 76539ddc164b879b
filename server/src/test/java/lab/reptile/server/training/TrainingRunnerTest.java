package lab.reptile.server.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
import lab.reptile.server.snapshot.Snapshot;
import org.junit.jupiter.api.Test;

class TrainingRunnerTest {
    private static final NetShape SHAPE = NetShape.STANDARD;

    static TrainingRunner plainRunner(ReptileConfig config) {
        return new TrainingRunner(config, ReptileTrainer::new);
    }

    static void awaitState(TrainingRunner runner, TrainingState state) throws Exception {
        Await.until("training to be " + state, runner::status, s -> s.state() == state);
    }

    @Test
    void stopsAfterTheConfiguredTasksAndServesExactlyTheWeightsOfADirectRun() throws Exception {
        ReptileConfig config = TrainingDefaults.config().withTasks(600);
        try (TrainingRunner runner = plainRunner(config)) {
            runner.start();
            awaitState(runner, TrainingState.FINISHED);
            Snapshot last = runner.snapshot();
            assertEquals(600, last.tasksDone());
            assertEquals(600, runner.status().tasksDone());
            ReptileTrainer direct = new ReptileTrainer(config, SHAPE);
            for (int i = 0; i < config.metaIterations(); i++) {
                direct.metaStep();
            }
            assertEquals(direct.metaWeights(), last.weights());
        }
    }

    @Test
    void snapshotsStayConsistentUnderConcurrentReadsWhileTraining() throws Exception {
        try (TrainingRunner runner = plainRunner(TrainingDefaults.config().withTasks(1_000_000))) {
            runner.start();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Set<Long> versionsSeen = ConcurrentHashMap.newKeySet();
            long until = System.nanoTime() + 1_500_000_000L;
            List<Thread> readers = new ArrayList<>();
            for (int r = 0; r < 3; r++) {
                Thread reader = new Thread(() -> {
                    long lastVersion = 0;
                    try {
                        while (System.nanoTime() < until) {
                            Snapshot s = runner.snapshot();
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
    }

    @Test
    void publishesNewVersionsSeveralTimesASecondWhileTraining() throws Exception {
        try (TrainingRunner runner = plainRunner(TrainingDefaults.config().withTasks(1_000_000))) {
            runner.start();
            long first = runner.snapshot().version();
            long begin = System.nanoTime();
            Await.until("5 new snapshots", () -> runner.snapshot().version(), v -> v >= first + 5);
            double seconds = (System.nanoTime() - begin) / 1e9;
            assertTrue(seconds < 2.5, "5 snapshots took " + seconds + " s: fewer than 2 a second");
        }
    }

    @Test
    void pauseHoldsTheWeightsResumeContinuesAndResetStartsOver() throws Exception {
        try (TrainingRunner runner = plainRunner(TrainingDefaults.config().withTasks(1_000_000))) {
            runner.start();
            Await.until("a first published snapshot with tasks done", () -> runner.snapshot().tasksDone() > 0);
            runner.pause();
            assertEquals(TrainingState.PAUSED, runner.status().state());
            long held = runner.snapshot().tasksDone();
            Await.during("paused training holds at " + held + " tasks", Duration.ofMillis(300),
                    () -> runner.snapshot().tasksDone() == held && runner.status().tasksDone() == held);

            runner.resume();
            assertEquals(TrainingState.RUNNING, runner.status().state());
            Await.until("training to go on past " + held + " tasks after resume",
                    () -> runner.snapshot().tasksDone() > held);

            long versionBefore = runner.snapshot().version();
            ReptileConfig other = TrainingDefaults.config().withSeed(99).withTasks(400);
            runner.reset(other);
            assertEquals(other, runner.status().config());
            assertTrue(runner.snapshot().version() > versionBefore, "versions keep increasing across resets");
            awaitState(runner, TrainingState.FINISHED);
            assertEquals(400, runner.snapshot().tasksDone());
        }
    }

    @Test
    void historyRecordsValidationMseThatFallsAsTrainingProceeds() throws Exception {
        try (TrainingRunner runner = plainRunner(TrainingDefaults.config().withTasks(8_000))) {
            runner.start();
            awaitState(runner, TrainingState.FINISHED);
            List<ValidationPoint> history = runner.status().history();
            assertTrue(history.size() >= 2);
            assertEquals(0, history.get(0).tasksDone());
            assertEquals(8_000, history.get(history.size() - 1).tasksDone());
            assertTrue(history.get(history.size() - 1).mseAt8() < history.get(0).mseAt8() / 3,
                    "validation MSE fell: " + history);
        }
    }

    @Test
    void servedWeightsAfterShortTrainingBeatARandomInit() throws Exception {
        try (TrainingRunner runner = plainRunner(TrainingDefaults.config().withTasks(5_000))) {
            runner.start();
            awaitState(runner, TrainingState.FINISHED);
            WeightsFile served = WeightsJson.read(
                    JacksonTree.parse(StandardCharsets.UTF_8.decode(runner.snapshot().json()).toString()));
            double trained = Evaluation.evaluate(served.weights(), 5, 200, 0.02).meanAt(8);
            double random = Evaluation.evaluate(Evaluation.randomInit(SHAPE, 5), 5, 200, 0.02).meanAt(8);
            assertTrue(trained < random / 4, "trained " + trained + " vs random " + random);
        }
    }

    @Test
    void divergingHyperparametersNeverPublishNonFiniteWeights() throws Exception {
        ReptileConfig wild = ReptileConfig.builder().seed(1).tasks(200_000).innerLr(10.0).outerStepStart(1.0).build();
        try (TrainingRunner runner = plainRunner(wild)) {
            runner.start();
            awaitState(runner, TrainingState.DIVERGED);
            assertTrue(runner.snapshot().weights().isFinite());
            assertTrue(runner.status().problem().contains("non-finite"), runner.status().problem());
            double[] before = runner.snapshot().weights().toArray();
            Await.during("the last finite weights stay published", Duration.ofMillis(200),
                    () -> Arrays.equals(before, runner.snapshot().weights().toArray()));
        }
    }

    @Test
    void aResumedRunReportsTheRateOfItsOwnTasksNotOfTheCheckpointedOnes() throws Exception {
        ReptileConfig config = TrainingDefaults.config().withTasks(1_000_000);
        ReptileTrainer before = new ReptileTrainer(config, SHAPE);
        TrainerStart start = new TrainerStart(before.metaWeights(), before.resumePoint().tasks(), 900_000);
        try (TrainingRunner runner = new TrainingRunner(config, start, ReptileTrainer::new, Checkpointer.NONE,
                Long.MAX_VALUE)) {
            assertEquals(900_000, runner.status().tasksDone());
            runner.start();
            Await.until("a thousand tasks beyond the checkpointed ones",
                    () -> runner.status().tasksDone() > 901_000);
            runner.pause();
            RunnerStatus status = runner.status();
            assertTrue(status.tasksPerSecond() < 100_000, "rate of this process's tasks: " + status.tasksPerSecond());
        }
    }
}
