package lab.reptile.server.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import lab.reptile.model.MetaLearner;
import lab.reptile.model.NetShape;
import lab.reptile.model.ReptileConfig;
import lab.reptile.model.ReptileTrainer;
import lab.reptile.server.training.Dl4jReptileTrainer;

/**
 * Tasks per second of the DL4J trainer and the plain-Java trainer, in one process, at meta-batch 1 and a second
 * meta-batch size; prints medians side by side and the process's resident memory.
 *
 * <p>Usage: {@code TrainerBenchmark [metaBatch=16] [runs=5] [secondsPerRun=3]}. Runs are interleaved round-robin
 * so that load from other processes on the machine spreads evenly over the four cases.
 */
public final class TrainerBenchmark {
    private static final double WARM_UP_SECONDS = 2;

    private TrainerBenchmark() {
    }

    /** One trainer kind at one meta-batch size, and its measured tasks/s. */
    private record Case(String name, int metaBatch, MetaLearner trainer, List<Double> tasksPerSecond) {
        double median() {
            double[] sorted = tasksPerSecond.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            int mid = sorted.length / 2;
            return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
        }
    }

    public static void main(String[] args) throws IOException {
        int metaBatch = args.length > 0 ? positive("metaBatch", args[0]) : 16;
        int runs = args.length > 1 ? positive("runs", args[1]) : 5;
        double seconds = args.length > 2 ? positive("secondsPerRun", args[2]) : 3;
        Function<ReptileConfig, MetaLearner> dl4j = c -> new Dl4jReptileTrainer(c, NetShape.STANDARD);
        Function<ReptileConfig, MetaLearner> plain = c -> new ReptileTrainer(c, NetShape.STANDARD);
        List<Case> cases = new ArrayList<>();
        for (int n : new int[] {1, metaBatch}) {
            cases.add(newCase("DL4J", n, dl4j));
            cases.add(newCase("plain", n, plain));
        }
        System.out.printf(Locale.ROOT, "Reptile %s, reference inner loop (50 points, batches of 10, 1 epoch); "
                + "%d runs of %.1f s per case after %.1f s warm-up; OMP_NUM_THREADS=%s, max heap %d MiB%n",
                NetShape.STANDARD, runs, seconds, WARM_UP_SECONDS, System.getenv("OMP_NUM_THREADS"),
                Runtime.getRuntime().maxMemory() >> 20);
        for (Case c : cases) {
            tasksPerSecond(c.trainer(), WARM_UP_SECONDS);
        }
        for (int r = 0; r < runs; r++) {
            for (Case c : cases) {
                c.tasksPerSecond().add(tasksPerSecond(c.trainer(), seconds));
            }
        }
        System.out.printf(Locale.ROOT, "%-6s %14s %14s %10s%n", "n", "DL4J tasks/s", "plain tasks/s", "DL4J/plain");
        double plainAtOne = cases.get(1).median();
        double bestDl4j = 0;
        for (int i = 0; i < cases.size(); i += 2) {
            Case d = cases.get(i);
            Case p = cases.get(i + 1);
            bestDl4j = Math.max(bestDl4j, d.median());
            System.out.printf(Locale.ROOT, "%-6d %14.0f %14.0f %9.2fx%n", d.metaBatch(), d.median(), p.median(),
                    d.median() / p.median());
        }
        System.out.printf(Locale.ROOT, "best DL4J / plain at n=1: %.2fx%n", bestDl4j / plainAtOne);
        for (Case c : cases) {
            System.out.printf(Locale.ROOT, "  runs %-5s n=%-4d %s%n", c.name(), c.metaBatch(), format(c));
        }
        System.out.println("memory: " + residentMemory());
    }

    private static Case newCase(String name, int metaBatch, Function<ReptileConfig, MetaLearner> factory) {
        // Enough tasks never to finish; the outer-step schedule does not change the cost of a step.
        ReptileConfig config = ReptileConfig.reference().withTasks(metaBatch * 1_000_000);
        return new Case(name, metaBatch,
                factory.apply(new ReptileConfig(config.seed(), config.tasks(), metaBatch, config.innerLr(),
                        config.innerBatchSize(), config.innerEpochs(), config.pointsPerTask(),
                        config.outerStepStart(), config.outerStepEnd())),
                new ArrayList<>());
    }

    /** Steps the trainer for about {@code seconds} and returns the tasks it adapted per second. */
    private static double tasksPerSecond(MetaLearner trainer, double seconds) {
        long tasksBefore = trainer.tasksDone();
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        long now;
        do {
            trainer.metaStep();
            now = System.nanoTime();
        } while (now < end);
        return (trainer.tasksDone() - tasksBefore) / ((now - start) / 1e9);
    }

    private static String format(Case c) {
        return Arrays.toString(c.tasksPerSecond().stream().mapToLong(Math::round).toArray());
    }

    /** VmRSS (resident now) and VmHWM (peak resident) of this process, from /proc/self/status. */
    private static String residentMemory() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return "unavailable (no /proc/self/status)";
        }
        StringBuilder out = new StringBuilder();
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("VmRSS:") || line.startsWith("VmHWM:")) {
                out.append(out.length() == 0 ? "" : ", ").append(line.replaceAll("\\s+", " "));
            }
        }
        return out.toString();
    }

    private static int positive(String name, String value) {
        try {
            int parsed = Integer.parseInt(value);
            if (parsed >= 1) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // fall through to the message naming the value
        }
        throw new IllegalArgumentException(name + " must be a positive integer, got \"" + value + "\"");
    }
}
