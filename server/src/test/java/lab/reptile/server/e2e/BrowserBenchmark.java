package lab.reptile.server.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import lab.reptile.browser.DragFrameBench;
import lab.reptile.browser.InnerLoopBench;
import lab.reptile.model.ReptileConfig;
import lab.reptile.model.ReptileTrainer;
import lab.reptile.server.http.ReptileServer;
import lab.reptile.server.http.ServerOptions;
import lab.reptile.server.TestLab;

/**
 * Prints the browser-side figures: the compiled client's size, raw and gzipped, and in headless Chromium beside this
 * JVM the median time of one drag frame ({@link DragFrameBench}, {@code window.reptileFrameBench}) and of the inner
 * loop alone (32 full-batch SGD steps on 10 points, {@link InnerLoopBench}, {@code window.reptileBench}).
 * A benchmark, not a test: it lives in the test sources only because it drives the browser through Selenium.
 *
 * <p>Usage (README, Benchmarks): {@code mvn -q -B package -DskipTests -Pbrowser-bench}; arguments
 * {@code [iterations=201] [runs=3]} through {@code -Dbench.args="201 3"}.
 */
public final class BrowserBenchmark {
    private BrowserBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 201;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;

        byte[] js = compiledClient();
        System.out.printf(Locale.ROOT, "reptile.js: %,d bytes raw, %,d bytes gzipped (level 9)%n", js.length,
                gzip(js).length);

        TestLab runner = TestLab.plain(ReptileConfig.reference().withTasks(100));
        double[] frames = new double[runs];
        double[] everyCurve = new double[runs];
        double[] loops = new double[runs];
        try (ReptileServer server = new ReptileServer(new ServerOptions("127.0.0.1", 0, null), runner.lab()).start();
             Browser browser = new Browser()) {
            browser.open("http://127.0.0.1:" + server.port() + "/");
            for (int run = 0; run < runs; run++) {
                frames[run] = median(browser, "reptileFrameBench", iterations);
                everyCurve[run] = median(browser, "reptileEveryCurveBench", iterations);
                loops[run] = median(browser, "reptileBench", iterations);
                System.out.printf(Locale.ROOT, "run %d of %d in Chromium (medians of %d): drag frame %.2f ms, with "
                        + "all 27 curves %.2f ms, 32 steps on 10 points %.2f ms%n", run + 1, runs, iterations,
                        frames[run], everyCurve[run], loops[run]);
            }
        } finally {
            runner.close();
        }
        DragFrameBench jvm = new DragFrameBench();
        double jvmFrame = jvm.medianMillis(iterations, BrowserBenchmark::nowMillis);
        double jvmEveryCurve = jvm.everyCurveMedianMillis(iterations, BrowserBenchmark::nowMillis);
        double jvmLoop = InnerLoopBench.medianMillis(iterations, BrowserBenchmark::nowMillis);
        double frame = middle(frames);
        double allCurves = middle(everyCurve);
        System.out.printf(Locale.ROOT, "drag frame (3 starts x 8 steps on 20 points + 3 curves on 201 points): "
                + "Chromium %.2f ms (runs %.2f-%.2f), JVM %.2f ms, Chromium/JVM %.2fx%n",
                frame, frames[0], frames[runs - 1], jvmFrame, frame / jvmFrame);
        System.out.printf(Locale.ROOT, "the same frame predicting all 27 curves: Chromium %.2f ms (runs %.2f-%.2f), "
                + "JVM %.2f ms; drawn curves only is %.2fx faster in Chromium%n", allCurves, everyCurve[0],
                everyCurve[runs - 1], jvmEveryCurve, allCurves / frame);
        System.out.printf(Locale.ROOT, "inner loop (32 steps on 10 points): Chromium %.2f ms (runs %.2f-%.2f), "
                + "JVM %.2f ms%n", middle(loops), loops[0], loops[runs - 1], jvmLoop);
    }

    private static double median(Browser browser, String hook, int iterations) {
        return ((Number) browser.js("return " + hook + "(arguments[0])", iterations)).doubleValue();
    }

    /** Sorts the runs' medians in place and returns the middle one. */
    private static double middle(double[] medians) {
        Arrays.sort(medians);
        return medians[medians.length / 2];
    }

    private static double nowMillis() {
        return System.nanoTime() / 1e6;
    }

    private static byte[] compiledClient() throws IOException {
        try (InputStream in = BrowserBenchmark.class.getResourceAsStream("/web/js/reptile.js")) {
            if (in == null) {
                throw new IllegalStateException("web/js/reptile.js is not on the classpath; build the client first");
            }
            return in.readAllBytes();
        }
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out) {
            {
                def.setLevel(Deflater.BEST_COMPRESSION);
            }
        }) {
            gz.write(data);
        }
        return out.toByteArray();
    }
}
