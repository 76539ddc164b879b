package lab.reptile.server.abuse;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Watches the server's resources while the suite runs: resident memory from /proc every 250 ms, and every 3 s its
 * /metrics (the text's size, the number of http_server_requests series, jvm_threads_live_threads), keeping the peaks.
 */
final class Watch implements AutoCloseable {
    private static final Pattern LIVE_THREADS = Pattern.compile("(?m)^jvm_threads_live_threads(?:\\{[^}]*})? (\\S+)");
    private static final Pattern RESIDENT = Pattern.compile("(?m)^process_resident_memory_bytes(?:\\{[^}]*})? (\\S+)");
    private static final Pattern SERIES = Pattern.compile("(?m)^http_server_requests_seconds_count\\{([^}]*)}");
    private static final Pattern METHOD = Pattern.compile("method=\"([^\"]*)\"");

    private final AbuseServer server;
    private final Thread thread;
    private volatile boolean running = true;
    volatile long peakRssKb;
    volatile long peakOsThreads;
    volatile long peakMetricsBytes;
    volatile int peakSeries;
    volatile int peakMethodLabels;
    volatile long peakLiveThreads;
    volatile long peakReportedRss;
    volatile int metricsReads;
    volatile int metricsFailures;

    Watch(AbuseServer server) {
        this.server = server;
        thread = new Thread(this::loop, "watch");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        for (int tick = 0; running; tick++) {
            peakRssKb = Math.max(peakRssKb, server.procStatus("VmRSS"));
            peakOsThreads = Math.max(peakOsThreads, server.procStatus("Threads"));
            if (tick % 12 == 0) {
                sampleMetrics();
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Reads /metrics once and keeps its peaks; also called once more at the end. */
    synchronized void sampleMetrics() {
        String text = server.metrics();
        metricsReads++;
        if (text == null) {
            metricsFailures++;
            return;
        }
        peakMetricsBytes = Math.max(peakMetricsBytes, text.length());
        Matcher series = SERIES.matcher(text);
        int count = 0;
        java.util.Set<String> methods = new java.util.HashSet<>();
        while (series.find()) {
            count++;
            Matcher method = METHOD.matcher(series.group(1));
            if (method.find()) {
                methods.add(method.group(1));
            }
        }
        peakSeries = Math.max(peakSeries, count);
        peakMethodLabels = Math.max(peakMethodLabels, methods.size());
        peakLiveThreads = Math.max(peakLiveThreads, (long) number(LIVE_THREADS, text));
        peakReportedRss = Math.max(peakReportedRss, (long) number(RESIDENT, text));
    }

    private static double number(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? Double.parseDouble(m.group(1)) : -1;
    }

    /** The kernel's own peak of resident memory for the process (VmHWM), in kB, which no sampling can miss. */
    long highWaterKb() {
        return Math.max(peakRssKb, server.procStatus("VmHWM"));
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(30_000);
    }
}
