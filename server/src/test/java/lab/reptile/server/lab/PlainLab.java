package lab.reptile.server.lab;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import lab.reptile.server.store.Database;
import java.util.function.LongSupplier;
import lab.reptile.model.Evaluation;
import lab.reptile.model.NetShape;
import lab.reptile.model.ReptileConfig;
import lab.reptile.model.ReptileTrainer;

/** Labs for tests: the plain-Java trainer (the DL4J trainer's oracle), quick checkpoints and a small report. */
public final class PlainLab {
    /** A small report keeps the tests quick; the lab's own has {@link RunReport#TASKS} tasks. */
    static final int REPORT_TASKS = 50;
    static final Evaluation.Table RANDOM_INIT = RunReport.randomInitTable(NetShape.STANDARD, REPORT_TASKS);

    private PlainLab() {
    }

    /** The reference inner loop with n = 1 and ε 0.7 → 0. */
    public static ReptileConfig config(long seed, int tasks) {
        return ReptileConfig.builder().seed(seed).tasks(tasks).outerStepStart(0.7).build();
    }

    /** A lab in {@code dataDir} whose default run is {@code defaultConfig}; not started. */
    public static Lab open(Path dataDir, LabLimits limits, ReptileConfig defaultConfig) throws IOException {
        return open(dataDir, limits, defaultConfig, System::nanoTime);
    }

    static Lab open(Path dataDir, LabLimits limits, ReptileConfig defaultConfig, LongSupplier clock)
            throws IOException {
        Database database = Database.open(Database.embeddedUrl(dataDir), null, null);
        return Lab.open(database, true, new LabOptions(limits, ReptileTrainer::new, 1, "test-worker", 50_000_000L,
                weights -> new RunReport(RunReport.evaluate(weights, REPORT_TASKS), RANDOM_INIT),
                Optional.of(new LabOptions.DefaultRun(defaultConfig, true, false))), offsetClock(clock));
    }

    /** A wall clock that starts now and moves as {@code nanos} does (nanoseconds from any origin). */
    private static Clock offsetClock(LongSupplier nanos) {
        long base = System.currentTimeMillis() - nanos.getAsLong() / 1_000_000;
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return Instant.ofEpochMilli(base + nanos.getAsLong() / 1_000_000);
            }
        };
    }
}
