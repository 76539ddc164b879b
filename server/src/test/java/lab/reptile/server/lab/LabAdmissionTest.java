package lab.reptile.server.lab;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import lab.reptile.model.ReptileConfig;
import lab.reptile.server.training.Dl4jReptileTrainer;
import lab.reptile.server.training.Presets;
import org.junit.jupiter.api.Test;

/** A visitor run's training work is counted in SGD steps on up to 10 points, and bounded by maxTasks. */
class LabAdmissionTest {
    @Test
    void workCountsEachStepWithAStepOnManyPointsCountingAsSeveral() {
        assertEquals(90_000 * 5.0, LabAdmission.sgdWork(Presets.named("default")), "5 minibatches of 10");
        assertEquals(100_000 * (2 + 2 * 5.0), LabAdmission.sgdWork(Presets.named("maml-protocol")),
                "2 support steps on 5 points, 2 epochs of 5 minibatches of 10");
        ReptileConfig ragged = ReptileConfig.builder().tasks(10).pointsPerTask(23).innerBatchSize(20).innerEpochs(3)
                .build();
        assertEquals(10 * 3 * (2.0 + 1.0), LabAdmission.sgdWork(ragged), "a step on 20 points counts 2, on 3 counts 1");
        ReptileConfig wideSupport = ReptileConfig.builder().tasks(10).supportPoints(35).supportSteps(2).build();
        assertEquals(10 * (2 * 3.5 + 5.0), LabAdmission.sgdWork(wideSupport));
    }

    @Test
    void everyPresetIsAVisitorRunAndTheLimitScalesWithMaxTasks() {
        LabAdmission admission = new LabAdmission(LabLimits.DEFAULTS);
        for (String name : Presets.names()) {
            assertDoesNotThrow(() -> admission.checkRequest(Presets.named(name)), name);
        }
        ReptileConfig twentyPerTask = ReptileConfig.builder().tasks(100_000).innerEpochs(4).build();
        assertDoesNotThrow(() -> admission.checkRequest(twentyPerTask), "exactly the limit");
        LabAdmission smaller = new LabAdmission(new LabLimits(true, 50_000, 3, 8, 20, 512L << 20));
        LabRefusal refusal = assertThrows(LabRefusal.class,
                () -> smaller.checkRequest(twentyPerTask.withTasks(50_000).toBuilder().innerEpochs(5).build()));
        assertEquals("a visitor run may take at most 1,000,000 SGD steps (20 per task; a step on n > 10 points counts "
                + "n / 10), this one takes 1,250,000", refusal.getMessage());
    }

    @Test
    void aConfigWhoseArraysWouldTakeMoreThanTheMemoryBoundIsRefusedNamingIt() {
        LabAdmission admission = new LabAdmission(LabLimits.DEFAULTS);
        ReptileConfig wide = ReptileConfig.builder().tasks(20_000).metaBatchSize(200).pointsPerTask(1_000)
                .innerBatchSize(1_000).build(); // the abuse review's body: 1.75 GB of resident memory
        assertEquals(2_000_000, LabAdmission.sgdWork(wide), "within the work limit");
        LabRefusal refusal = assertThrows(LabRefusal.class, () -> admission.checkRequest(wide));
        assertEquals(LabRefusal.Reason.INVALID, refusal.reason());
        long needMb = (Dl4jReptileTrainer.workingBytes(wide) + (1 << 20) - 1) >> 20;
        assertEquals("a visitor run may use at most 64 MiB of working memory, this one needs " + needMb + " MiB (it "
                + "grows with metaBatchSize × (innerBatchSize + supportPoints)): lower metaBatchSize or "
                + "innerBatchSize", refusal.getMessage());
        assertEquals(1_405, needMb, "200 × 1,000 points × 910 doubles of activations each, and the rest");
        ReptileConfig justUnder = wide.toBuilder().metaBatchSize(8).tasks(800).build();
        assertDoesNotThrow(() -> admission.checkRequest(justUnder), "8 tasks of 1,000 points: 56 MiB");
    }

    @Test
    void aClientsQuotaWaitsUntilItsOldestStartLeavesTheHour() {
        LabAdmission admission = new LabAdmission(new LabLimits(true, 100_000, 2, 8, 20, 512L << 20));
        long now = 10_000_000L;
        assertDoesNotThrow(() -> admission.checkAdmission(new LabAdmission.QuotaUse(1, now - 1_000, now), 0));
        LabRefusal quota = assertThrows(LabRefusal.class,
                () -> admission.checkAdmission(new LabAdmission.QuotaUse(2, now - 1_000, now), 0));
        assertEquals(LabRefusal.Reason.QUOTA, quota.reason());
        assertEquals(3599, quota.retryAfterSeconds(), "the oldest start, 1 s ago, leaves the window in 3,599 s");
        assertEquals(LabRefusal.Reason.QUEUE_FULL, assertThrows(LabRefusal.class,
                () -> admission.checkAdmission(new LabAdmission.QuotaUse(0, 0, now), 8)).reason());
        assertEquals(LabRefusal.Reason.DISK_FULL, assertThrows(LabRefusal.class,
                () -> admission.admit(new LabAdmission.QuotaUse(0, 0, now), 0, 512L << 20, 1)).reason());
        LabAdmission off = new LabAdmission(new LabLimits(false, 100_000, 2, 8, 20, 512L << 20));
        assertEquals(LabRefusal.Reason.LAB_OFF, assertThrows(LabRefusal.class,
                () -> off.checkAdmission(new LabAdmission.QuotaUse(0, 0, now), 0)).reason());
    }
}
