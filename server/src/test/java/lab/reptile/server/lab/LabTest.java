package lab.reptile.server.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import lab.reptile.jackson.JacksonTree;
import lab.reptile.model.Evaluation;
import lab.reptile.model.NetShape;
import lab.reptile.model.Params;
import lab.reptile.model.ReptileConfig;
import lab.reptile.model.ReptileTrainer;
import lab.reptile.model.WeightsJson;
import lab.reptile.server.lab.LabRefusal.Reason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lab with the plain-Java trainer (the DL4J trainer's oracle): queue, limits, timeline, report, restarts. */
class LabTest {
    private static final int REPORT_TASKS = PlainLab.REPORT_TASKS;
    private static final long WAIT_MILLIS = 180_000; // only a failing test waits this long

    @TempDir
    Path dir;
    private final AtomicLong clock = new AtomicLong();
    private Lab lab;

    static ReptileConfig config(long seed, int tasks) {
        return PlainLab.config(seed, tasks);
    }

    private Lab open(LabLimits limits, Path dataDir) throws IOException {
        return PlainLab.open(dataDir, limits, config(1, 200), clock::get);
    }

    @AfterEach
    void close() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void aVisitorRunTrainsKeepsItsTimelineAndEndsWithAReport() throws Exception {
        lab = open(LabLimits.DEFAULTS, dir);
        lab.start();
        Run run = lab.create(config(3, 2_000), "203.0.113.1");
        RunView done = await(run, v -> v.state().ended());
        assertEquals(RunState.FINISHED, done.state(), String.valueOf(done.problem()));
        long[] plan = run.spec().timelinePlan();
        assertEquals(plan.length, done.timeline().size());
        assertTrue(plan.length >= 12 && plan.length <= 64, "timeline of " + plan.length);
        for (int i = 0; i < plan.length; i++) {
            assertEquals(plan[i], done.timeline().get(i).metaIteration(), "snapshot " + i);
        }
        assertEquals(2_000, done.tasksDone());
        double first = RunReport.evaluate(snapshotWeights(run, 0), REPORT_TASKS).meanAt(8);
        double last = RunReport.evaluate(snapshotWeights(run, plan.length - 1), REPORT_TASKS).meanAt(8);
        assertTrue(first >= 10 * last, "MSE@8 first " + first + " last " + last);
        assertNotNull(done.report());
        assertEquals(RunReport.evaluate(snapshotWeights(run, plan.length - 1), REPORT_TASKS), done.report().meta(),
                "the report evaluates the final weights");
        assertEquals(PlainLab.RANDOM_INIT, done.report().randomInit());
        assertTrue(done.history().size() >= 2, "learning curve " + done.history());
    }

    @Test
    void aClientMayStartThreeRunsAnHourAndARefusalChangesNothing() throws Exception {
        lab = open(LabLimits.DEFAULTS, dir);
        for (int i = 0; i < 3; i++) {
            lab.create(config(i, 1_000), "198.51.100.7");
        }
        clock.set(60_000_000_000L); // a minute later
        LabRefusal refusal = assertThrows(LabRefusal.class, () -> lab.create(config(9, 1_000), "198.51.100.7"));
        assertEquals(Reason.QUOTA, refusal.reason());
        assertEquals(3_540, refusal.retryAfterSeconds());
        assertEquals("this client has started 3 runs in the last hour, the most allowed", refusal.getMessage());
        assertEquals(4, lab.list().size(), "the default run and three visitor runs");
        assertEquals(4, lab.queueLength());
        lab.create(config(9, 1_000), "198.51.100.8");
    }

    @Test
    void aFullQueueRefusesAndACancelledRunFreesItsPlace() throws Exception {
        lab = open(new LabLimits(true, 100_000, 3, 3, 20, 512L << 20), dir);
        Run first = lab.create(config(1, 1_000), "a");
        lab.create(config(2, 1_000), "b");
        LabRefusal refusal = assertThrows(LabRefusal.class, () -> lab.create(config(3, 1_000), "c"));
        assertEquals(Reason.QUEUE_FULL, refusal.reason());
        assertEquals("the queue is full (3 runs waiting)", refusal.getMessage());
        assertTrue(refusal.retryAfterSeconds() > 0);
        assertEquals(3, lab.list().size());
        lab.delete(first.id());
        assertNull(lab.get(first.id()));
        assertEquals(RunState.CANCELLED, first.view().state());
        assertTrue(Files.notExists(dir.resolve("runs").resolve(first.id().value())), "its files are gone");
        Run third = lab.create(config(3, 1_000), "c");
        assertEquals(3, lab.queuePosition(third));
    }

    @Test
    void pauseAndResumeOnlyWhereTheyApply() throws Exception {
        lab = open(LabLimits.DEFAULTS, dir);
        Run run = lab.create(config(1, 1_000), "a");
        assertEquals(RunState.PAUSED, lab.pause(run.id()).state());
        assertEquals(0, lab.queuePosition(run));
        assertEquals(Reason.CONFLICT, assertThrows(LabRefusal.class, () -> lab.pause(run.id())).reason());
        assertEquals(RunState.QUEUED, lab.resume(run.id()).state());
        assertEquals(1, lab.queuePosition(run), "a resumed run goes first");
        LabRefusal refusal = assertThrows(LabRefusal.class, () -> lab.resume(run.id()));
        assertEquals("cannot resume run " + run.id() + ": it is queued", refusal.getMessage());
        assertEquals(Reason.CONFLICT, assertThrows(LabRefusal.class, () -> lab.delete(RunId.DEFAULT)).reason());
        assertEquals(Reason.NOT_FOUND, assertThrows(LabRefusal.class, () -> lab.pause(RunId.random())).reason());
    }

    @Test
    void pausesATrainingRunBetweenMetaIterationsAndResumesIt() throws Exception {
        lab = open(LabLimits.DEFAULTS, dir);
        lab.start();
        Run run = lab.create(config(4, 100_000), "a");
        await(run, v -> v.state() == RunState.RUNNING && v.tasksDone() > 0);
        RunView paused = lab.pause(run.id());
        assertEquals(RunState.PAUSED, paused.state());
        long at = paused.tasksDone();
        assertTrue(at > 0 && at < 60_000, "paused at " + at);
        Thread.sleep(300); // nothing to wait for: a paused run must stay where it is
        assertEquals(at, run.view().tasksDone(), "a paused run does not train");
        lab.resume(run.id());
        await(run, v -> v.state() == RunState.RUNNING && v.tasksDone() > at);
        lab.delete(run.id());
        await(run, v -> v.state() == RunState.CANCELLED);
    }

    @Test
    void aRestartResumesTheInterruptedRunBitIdentically() throws Exception {
        ReptileConfig config = config(5, 4_000);
        lab = open(LabLimits.DEFAULTS, dir);
        lab.start();
        Run run = lab.create(config, "a");
        await(run, v -> v.tasksDone() >= 1_500);
        lab.close();
        RunView stopped = run.view();
        assertTrue(stopped.tasksDone() < 4_000, "stopped mid-run at " + stopped.tasksDone());

        lab = open(LabLimits.DEFAULTS, dir);
        Run again = lab.get(run.id());
        assertEquals(RunState.QUEUED, again.view().state());
        assertEquals(run.spec(), again.spec());
        lab.start();
        RunView done = await(again, v -> v.state().ended());
        assertEquals(RunState.FINISHED, done.state());

        ReptileTrainer uninterrupted = new ReptileTrainer(config, NetShape.STANDARD);
        while (!uninterrupted.finished()) {
            uninterrupted.metaStep();
        }
        assertEquals(uninterrupted.metaWeights(), done.latest().weights(), "final weights, bit for bit");
        assertEquals(uninterrupted.metaWeights(), snapshotWeights(again, done.timeline().size() - 1));
    }

    @Test
    void keepsOnlyTheNewestEndedVisitorRuns() throws Exception {
        lab = open(new LabLimits(true, 100_000, 3, 8, 1, 512L << 20), dir);
        lab.start();
        Run older = lab.create(config(1, 1_000), "a");
        await(older, v -> v.state().ended());
        Run newer = lab.create(config(2, 1_000), "a");
        await(newer, v -> v.state().ended());
        awaitTrue(() -> lab.get(older.id()) == null, "the older run leaves the catalogue");
        assertThrows(java.nio.file.NoSuchFileException.class, () -> lab.readSnapshot(older.spec(), 0),
                "its snapshots are deleted with it");
        assertNotNull(lab.get(newer.id()));
        assertNotNull(lab.defaultRun(), "never the default run");
    }

    @Test
    void refusesWhatAVisitorMayNotStart() throws Exception {
        lab = open(new LabLimits(true, 100_000, 3, 8, 20, 400_000), dir);
        LabRefusal big = assertThrows(LabRefusal.class, () -> lab.create(config(1, 100_001), "a"));
        assertEquals(Reason.INVALID, big.reason());
        assertEquals("tasks must be at most 100,000 for a visitor run, got 100,001", big.getMessage());
        ReptileConfig slow = config(1, 100_000).toBuilder().innerEpochs(4).build(); // 4 epochs of 5 steps of 10
        LabRefusal work = assertThrows(LabRefusal.class, () -> lab.create(slow.toBuilder().innerEpochs(5).build(), "a"));
        assertEquals(Reason.INVALID, work.reason());
        assertEquals("a visitor run may take at most 2,000,000 SGD steps (20 per task; a step on n > 10 points counts "
                + "n / 10), this one takes 2,500,000", work.getMessage());
        LabRefusal wide = assertThrows(LabRefusal.class, () -> lab.create(slow.toBuilder().innerEpochs(1)
                .innerBatchSize(50).supportPoints(200).supportSteps(5).build(), "a")); // (5 · 20 + 5) · 100,000
        assertEquals("a visitor run may take at most 2,000,000 SGD steps (20 per task; a step on n > 10 points counts "
                + "n / 10), this one takes 10,500,000", wide.getMessage());
        LabRefusal short_ = assertThrows(LabRefusal.class, () -> lab.create(config(1, 99), "a"));
        assertEquals("a run needs at least 100 meta-iterations (tasks / metaBatchSize), got 99", short_.getMessage());
        LabRefusal disk = assertThrows(LabRefusal.class, () -> lab.create(config(1, 1_000), "a"));
        assertEquals(Reason.DISK_FULL, disk.reason());
        assertEquals(1, lab.list().size());
        Lab off = open(new LabLimits(false, 100_000, 3, 8, 20, 512L << 20), dir.resolve("off"));
        assertEquals(Reason.LAB_OFF, assertThrows(LabRefusal.class, () -> off.create(config(1, 1_000), "a")).reason());
        off.close();
    }

    @Test
    void queuedRunsCountTheirDiskEstimatesSoTheBudgetHoldsOnceTheyHaveTrained() throws Exception {
        ReptileConfig small = config(1, 1_000);
        RunSpec visitorSpec = new RunSpec(RunId.random(), small, RunSpec.Origin.VISITOR, java.time.Instant.EPOCH);
        long snapshotBytes = Catalogue.initialSnapshot(visitorSpec).json().remaining();
        long visitor = DiskEstimate.of(visitorSpec, snapshotBytes);
        long defaultRun = DiskEstimate.of(new RunSpec(RunId.DEFAULT, config(1, 200), RunSpec.Origin.SERVER,
                java.time.Instant.EPOCH), snapshotBytes);
        long limit = defaultRun + visitor * 5 / 2; // room for the default run and two visitor runs, not three
        lab = open(new LabLimits(true, 100_000, 10, 8, 20, limit), dir);
        Run first = lab.create(small.withSeed(2), "a");
        Run second = lab.create(small.withSeed(3), "a");
        assertTrue(lab.diskUsedBytes() < visitor, "nothing trained yet: " + lab.diskUsedBytes() + " bytes");
        LabRefusal third = assertThrows(LabRefusal.class, () -> lab.create(small.withSeed(4), "a"));
        assertEquals(Reason.DISK_FULL, third.reason());
        assertTrue(third.getMessage().contains("bytes used or promised to the runs not yet finished"),
                third.getMessage());
        assertEquals(3, lab.list().size(), "the refusal added no run");
        lab.start();
        for (Run run : new Run[] {lab.defaultRun(), first, second}) {
            assertEquals(RunState.FINISHED, await(run, v -> v.state().ended()).state());
        }
        assertTrue(lab.diskUsedBytes() <= limit, lab.diskUsedBytes() + " bytes on disk, limit " + limit);
    }

    @Test
    void resetStartsTheDefaultRunOverWithANewConfig() throws Exception {
        lab = open(LabLimits.DEFAULTS, dir);
        lab.start();
        await(lab.defaultRun(), v -> v.state().ended());
        RunView reset = lab.resetDefault(config(8, 300));
        assertEquals(config(8, 300), lab.defaultRun().spec().config());
        RunView done = await(lab.defaultRun(), v -> v.state().ended());
        assertEquals(300, done.tasksDone());
        assertTrue(reset.tasksDone() < 300);
        assertEquals(lab.defaultRun(), lab.list().get(0).run(), "the default run lists first");
    }

    private Params snapshotWeights(Run run, int index) throws IOException {
        byte[] bytes = lab.readSnapshot(run.spec(), index);
        return WeightsJson.read(JacksonTree.parse(new String(bytes, StandardCharsets.UTF_8))).weights();
    }

    private static RunView await(Run run, Predicate<RunView> condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        while (!condition.test(run.view())) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("run " + run.id() + " did not get there; it is " + run.view().state()
                        + " at " + run.view().tasksDone() + " tasks");
            }
            Thread.sleep(10);
        }
        return run.view();
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition, String what)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting: " + what);
            }
            Thread.sleep(10);
        }
    }
}
