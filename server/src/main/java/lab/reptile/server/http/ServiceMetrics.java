package lab.reptile.server.http;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import lab.reptile.model.ValidationPoint;
import lab.reptile.server.lab.Lab;
import lab.reptile.server.lab.Run;
import lab.reptile.server.lab.RunState;
import lab.reptile.server.lab.RunView;

/**
 * What {@code GET /metrics} shows, in Prometheus' text format: the default run's training, the lab's runs and queue,
 * the JVM and the process's resident memory. HTTP requests are added by {@link HttpMetrics}.
 */
final class ServiceMetrics implements AutoCloseable {
    /** Linux's page size: /proc/self/statm counts pages. */
    private static final long PAGE_BYTES = 4096;
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();

    ServiceMetrics(Lab lab) {
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        Gauge.builder("process.resident.memory", ServiceMetrics::residentBytes).baseUnit("bytes")
                .description("resident set size, from /proc/self/statm (Java heap, native ND4J buffers, code)")
                .register(registry);
        bindTraining(lab);
    }

    MeterRegistry registry() {
        return registry;
    }

    /** The scrape, in the Prometheus text format 0.0.4. */
    String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }

    private void bindTraining(Lab lab) {
        FunctionCounter.builder("reptile.training.tasks", lab, l -> view(l).tasksDone())
                .description("tasks the default run has trained on").register(registry);
        Gauge.builder("reptile.training.tasks.per.second", lab, l -> view(l).tasksPerSecond())
                .description("the default run's training rate").register(registry);
        Gauge.builder("reptile.training.validation.mse", lab, ServiceMetrics::latestMse)
                .description("the default run's latest validation MSE after 8 inner steps").register(registry);
        Gauge.builder("reptile.queue.length", lab, Lab::queueLength)
                .description("runs waiting to train").register(registry);
        Gauge.builder("reptile.workers", lab, Lab::liveWorkers)
                .description("workers that announced themselves in the last 5 s").register(registry);
        Gauge.builder("reptile.database.reachable", lab, l -> l.databaseReachable() ? 1 : 0)
                .description("1 if this process's last read of the lab's database succeeded").register(registry);
        for (RunState state : RunState.values()) {
            Gauge.builder("reptile.training.state", lab, l -> view(l).state() == state ? 1 : 0)
                    .tag("state", state.apiName()).description("1 for the default run's state").register(registry);
            Gauge.builder("reptile.runs", lab, l -> countRuns(l, state))
                    .tag("state", state.apiName()).description("runs in the lab by state").register(registry);
        }
    }

    private static RunView view(Lab lab) {
        return lab.defaultRun().view();
    }

    private static double latestMse(Lab lab) {
        List<ValidationPoint> history = view(lab).history();
        return history.isEmpty() ? Double.NaN : history.get(history.size() - 1).mseAt8();
    }

    private static long countRuns(Lab lab, RunState state) {
        return lab.list().stream().map(Lab.Listed::run).map(Run::view).filter(v -> v.state() == state).count();
    }

    private static double residentBytes() {
        try {
            String[] fields = Files.readString(Path.of("/proc/self/statm")).trim().split(" ");
            return Long.parseLong(fields[1]) * (double) PAGE_BYTES;
        } catch (IOException | RuntimeException e) {
            return Double.NaN; // not Linux: the gauge shows NaN rather than a made-up figure
        }
    }
}
