package lab.reptile.server.e2e;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

import lab.reptile.model.NetShape;
import lab.reptile.model.ReptileConfig;
import lab.reptile.model.ReptileTrainer;
import lab.reptile.server.http.ReptileServer;
import lab.reptile.server.http.ServerOptions;
import lab.reptile.server.training.TrainingRunner;
import org.junit.jupiter.api.Test;

/**
 * Prints the browser-side figures of issue 4: the compiled JS size (target ≤ 100 KB gzipped) and the median time of
 * the TeaVM-compiled inner loop, 32 SGD steps on 10 points, in headless Chromium (target ≤ 2 ms).
 */
class BrowserBenchmarkTest {
    private static final int ITERATIONS = 201;

    @Test
    void printsJsSizeAndInnerLoopTime() throws Exception {
        byte[] js = readJs();
        int gzipped = gzip(js).length;
        System.out.println("[bench] reptile.js: " + js.length + " bytes raw, " + gzipped + " bytes gzipped (-9)");
        assertTrue(gzipped <= 100 * 1024, "JS must be at most 100 KB gzipped, is " + gzipped);

        TrainingRunner runner = new TrainingRunner(ReptileConfig.reference().withTasks(100),
                ReptileTrainer::new);
        try (ReptileServer server = new ReptileServer(new ServerOptions("127.0.0.1", 0, null), runner).start();
             Browser browser = new Browser()) {
            browser.open("http://127.0.0.1:" + server.port() + "/");
            for (int run = 1; run <= 3; run++) {
                Number median = (Number) browser.js("return reptileBench(arguments[0])", ITERATIONS);
                System.out.println("[bench] browser inner loop, 32 steps on 10 points: median "
                        + Math.round(median.doubleValue() * 100) / 100.0 + " ms over " + ITERATIONS + " runs (run " + run + " of 3; target <= 2 ms)");
            }
        } finally {
            runner.close();
        }
    }

    private static byte[] readJs() throws IOException {
        try (InputStream in = BrowserBenchmarkTest.class.getResourceAsStream("/web/js/reptile.js")) {
            assertNotNull(in, "web/js/reptile.js is not on the classpath; build the client first");
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
