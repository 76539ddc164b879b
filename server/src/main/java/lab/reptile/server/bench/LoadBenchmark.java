package lab.reptile.server.bench;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import lab.reptile.server.http.ReptileServer;
import lab.reptile.server.http.ServerOptions;
import lab.reptile.server.training.Learners;
import lab.reptile.server.training.TrainingDefaults;
import lab.reptile.server.training.TrainingRunner;

/**
 * Load on GET /api/weights while the server trains with DL4J: 64 keep-alive connections for 20 s, plain and with
 * If-None-Match, first as fast as the server answers (its capacity), then at a fixed offered rate (5,000 requests/s,
 * the target); prints requests/s, p50/p99 latency, errors, and training tasks/s before and during each run.
 *
 * <p>Usage: {@code LoadBenchmark [seconds=20] [connections=64] [rate=5000]}; run with
 * {@code OMP_NUM_THREADS=1 java -Xmx768m}.
 * Server, trainer and load generator share this process and the machine's cores, as on a small host; to tell
 * where the time goes it also prints the CPU used by the process, the trainer thread and the load generator.
 *
 * <p>Measured on the 2-core machine (shared with another build; 90 KB of weights; training 5,600 tasks/s before):
 * as fast as answers come, 18,300 req/s plain (p99 9.6 ms) and 33,000 with If-None-Match (p99 6.1 ms), no errors,
 * but training slows 43% and 27%: the trainer's work per task is unchanged, it just gets 0.6-0.75 of a core while
 * serving and the generator take the rest. At the target's 5,000 req/s: p99 2.9 ms plain and 1.6 ms conditional,
 * no errors, training -2% and +0%.
 */
public final class LoadBenchmark {
    private static final Duration WARM_UP = Duration.ofSeconds(5);
    private static final Duration BASELINE = Duration.ofSeconds(10);
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final OperatingSystemMXBean OS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private LoadBenchmark() {
    }

    public static void main(String[] args) throws InterruptedException, IOException {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int connections = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        double targetRate = args.length > 2 ? Double.parseDouble(args[2]) : 5_000;
        if (seconds < 1 || seconds > 600) {
            throw new IllegalArgumentException("seconds must be in 1..600, got " + seconds);
        }
        if (!(targetRate > 0 && targetRate <= 1_000_000)) {
            throw new IllegalArgumentException("rate must be in (0, 1000000] requests/s, got " + targetRate);
        }
        // Enough tasks that training runs throughout (the default run ends after 60,000).
        TrainingRunner runner = new TrainingRunner(TrainingDefaults.config().withTasks(100_000_000), Learners.dl4j());
        try (ReptileServer server = new ReptileServer(new ServerOptions("127.0.0.1", 0, null), runner).start()) {
            runner.start();
            long trainer = trainerThreadId();
            LoadDriver driver = new LoadDriver(new InetSocketAddress("127.0.0.1", server.port()), "/api/weights",
                    connections);
            System.out.printf(Locale.ROOT, "GET /api/weights (%d bytes), %d connections, %d s per run; "
                    + "%d cores, OMP_NUM_THREADS=%s, max heap %d MiB, load average %s%n",
                    runner.snapshot().json().remaining(), connections, seconds, Runtime.getRuntime().availableProcessors(),
                    System.getenv("OMP_NUM_THREADS"), Runtime.getRuntime().maxMemory() >> 20, loadAverage());
            driver.run(Duration.ofSeconds(2), false, 0); // warms up the JIT on both sides
            Thread.sleep(WARM_UP.toMillis());
            Window baseline = Window.start(runner, trainer);
            Thread.sleep(BASELINE.toMillis());
            double before = baseline.tasksPerSecond(runner);
            System.out.printf(Locale.ROOT, "training before the load: %.0f tasks/s, trainer thread %.0f%% of a core, "
                    + "process %.2f cores%n", before, 100 * baseline.trainerCores(trainer),
                    baseline.processCores());
            for (double rate : new double[] {0, targetRate}) {
                for (boolean conditional : new boolean[] {false, true}) {
                    Window window = Window.start(runner, trainer);
                    LoadDriver.Result result = driver.run(Duration.ofSeconds(seconds), conditional, rate);
                    double during = window.tasksPerSecond(runner);
                    System.out.printf(Locale.ROOT, "%-10s %-6s %6.0f req/s  p50 %5.2f ms  p99 %6.2f ms  max %4.0f ms  "
                            + "200: %6d  304: %6d  errors: %d  training %4.0f tasks/s (%+3.0f%%)  "
                            + "CPU: process %.2f, trainer %.2f, load generator %.2f cores; GC %d ms%n",
                            rate > 0 ? String.format(Locale.ROOT, "at %.0f/s", rate) : "as fast",
                            conditional ? "If-N-M" : "plain", result.requestsPerSecond(),
                            result.latencies().percentileMillis(0.50), result.latencies().percentileMillis(0.99),
                            result.latencies().maxMillis(), result.ok(), result.notModified(), result.errors(), during, 100 * (during / before - 1),
                            window.processCores(), window.trainerCores(trainer),
                            result.cpuSeconds() / result.seconds(), window.gcMillis());
                }
            }
            Window after = Window.start(runner, trainer);
            Thread.sleep(BASELINE.toMillis());
            System.out.printf(Locale.ROOT, "training after the load: %.0f tasks/s; load average %s%n",
                    after.tasksPerSecond(runner), loadAverage());
        } finally {
            runner.close();
        }
    }

    /** Tasks done and CPU used from a start point, for rates over a stretch of time. */
    private record Window(long tasks, long nanos, long processCpu, long trainerCpu, long gc) {
        static Window start(TrainingRunner runner, long trainer) {
            return new Window(runner.status().tasksDone(), System.nanoTime(), OS.getProcessCpuTime(),
                    THREADS.getThreadCpuTime(trainer), totalGcMillis());
        }

        long gcMillis() {
            return totalGcMillis() - gc;
        }

        double seconds() {
            return (System.nanoTime() - nanos) / 1e9;
        }

        double tasksPerSecond(TrainingRunner runner) {
            return (runner.status().tasksDone() - tasks) / seconds();
        }

        double processCores() {
            return (OS.getProcessCpuTime() - processCpu) / 1e9 / seconds();
        }

        double trainerCores(long trainer) {
            return (THREADS.getThreadCpuTime(trainer) - trainerCpu) / 1e9 / seconds();
        }
    }

    private static long totalGcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
    }

    private static long trainerThreadId() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("reptile-trainer"))
                .findFirst().orElseThrow().getId();
    }

    private static String loadAverage() throws IOException {
        return Files.readString(Path.of("/proc/loadavg")).split(" ", 4)[0];
    }
}
