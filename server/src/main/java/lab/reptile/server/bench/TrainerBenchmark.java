package lab.reptile.server.bench;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
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
 * so that load from other processes on the machine spreads evenly over the four cases. Besides wall-clock tasks/s
 * it reports tasks per second of this process's CPU time (all its threads, GC and JIT included), which other
 * processes competing for the cores disturb much less.
 */
public final class TrainerBenchmark {
    private static final double WARM_UP_SECONDS = 2;
    private static final OperatingSystemMXBean OS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private TrainerBenchmark() {
    }

    /** One trainer kind at one meta-batch size, and its measured tasks per wall-clock and per CPU second. */
    private record Case(String name, int metaBatch, MetaLearner trainer, List<Double> wall, List<Double> cpu) {
    }

    /** Tasks per second of one timed run, by wall clock and by this process's CPU time. */
    private record Rate(double wall, double cpu) {
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
        System.out.println("load average before: " + loadAverage());
        for (Case c : cases) {
            tasksPerSecond(c.trainer(), WARM_UP_SECONDS);
        }
        for (int r = 0; r < runs; r++) {
            for (Case c : cases) {
                Rate rate = tasksPerSecond(c.trainer(), seconds);
                c.wall().add(rate.wall());
                c.cpu().add(rate.cpu());
            }
        }
        System.out.println("load average after: " + loadAverage());
        printTable("tasks per second (wall clock), medians", cases, Case::wall);
        printTable("tasks per CPU second of this process, medians", cases, Case::cpu);
        for (Case c : cases) {
            System.out.printf(Locale.ROOT, "  runs %-5s n=%-4d wall %s cpu %s%n", c.name(), c.metaBatch(),
                    rounded(c.wall()), rounded(c.cpu()));
        }
        System.out.println("memory: " + residentMemory());
    }

    private static void printTable(String title, List<Case> cases, Function<Case, List<Double>> values) {
        System.out.println(title + ":");
        System.out.printf(Locale.ROOT, "  %-6s %14s %14s %11s%n", "n", "DL4J", "plain", "DL4J/plain");
        double plainAtOne = median(values.apply(cases.get(1)));
        double bestDl4j = 0;
        for (int i = 0; i < cases.size(); i += 2) {
            double dl4j = median(values.apply(cases.get(i)));
            double plain = median(values.apply(cases.get(i + 1)));
            bestDl4j = Math.max(bestDl4j, dl4j);
            System.out.printf(Locale.ROOT, "  %-6d %14.0f %14.0f %10.2fx%n", cases.get(i).metaBatch(), dl4j, plain,
                    dl4j / plain);
        }
        System.out.printf(Locale.ROOT, "  best DL4J / plain at n=1: %.2fx%n", bestDl4j / plainAtOne);
    }

    private static Case newCase(String name, int metaBatch, Function<ReptileConfig, MetaLearner> factory) {
        // The reference inner loop; enough tasks never to finish (the outer-step schedule does not change the cost).
        ReptileConfig config = ReptileConfig.builder().tasks(100_000_000 / metaBatch * metaBatch)
                .metaBatchSize(metaBatch).build();
        return new Case(name, metaBatch, factory.apply(config), new ArrayList<>(), new ArrayList<>());
    }

    /** Steps the trainer for about {@code seconds} and returns the tasks it adapted per second. */
    private static Rate tasksPerSecond(MetaLearner trainer, double seconds) {
        long tasksBefore = trainer.tasksDone();
        long cpuStart = OS.getProcessCpuTime(); // ns
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        long now;
        do {
            trainer.metaStep();
            now = System.nanoTime();
        } while (now < end);
        double tasks = trainer.tasksDone() - tasksBefore;
        return new Rate(tasks / ((now - start) / 1e9), tasks / ((OS.getProcessCpuTime() - cpuStart) / 1e9));
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static String rounded(List<Double> values) {
        return Arrays.toString(values.stream().mapToLong(Math::round).toArray());
    }

    private static String loadAverage() throws IOException {
        Path loadavg = Path.of("/proc/loadavg");
        return Files.isReadable(loadavg) ? Files.readString(loadavg).trim() : "unavailable";
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
