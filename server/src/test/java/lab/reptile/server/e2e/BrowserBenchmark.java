package lab.reptile.server.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import lab.reptile.browser.InnerLoopBench;
import lab.reptile.model.ReptileConfig;
import lab.reptile.model.ReptileTrainer;
import lab.reptile.server.http.ReptileServer;
import lab.reptile.server.http.ServerOptions;
import lab.reptile.server.TestLab;

/**
 * Prints the browser-side figures of issue 4: the compiled client's size, raw and gzipped, and the median time of the
 * TeaVM-compiled inner loop (32 full-batch SGD steps on 10 points, {@code window.reptileBench}) in headless Chromium.
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
        double[] medians = new double[runs];
        try (ReptileServer server = new ReptileServer(new ServerOptions("127.0.0.1", 0, null), runner.lab()).start();
             Browser browser = new Browser()) {
            browser.open("http://127.0.0.1:" + server.port() + "/");
            for (int run = 0; run < runs; run++) {
                medians[run] = ((Number) browser.js("return reptileBench(arguments[0])", iterations)).doubleValue();
                System.out.printf(Locale.ROOT, "inner loop in Chromium, 32 steps on 10 points: median %.2f ms over "
                        + "%d runs (run %d of %d)%n", medians[run], iterations, run + 1, runs);
            }
        } finally {
            runner.close();
        }
        Arrays.sort(medians);
        System.out.printf(Locale.ROOT, "inner loop in Chromium: %.2f-%.2f ms (median of %d, %d runs)%n", medians[0],
                medians[runs - 1], iterations, runs);
        System.out.printf(Locale.ROOT, "the same loop on this JVM: median %.2f ms over %d runs%n",
                InnerLoopBench.medianMillis(iterations, () -> System.nanoTime() / 1e6), iterations);
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
