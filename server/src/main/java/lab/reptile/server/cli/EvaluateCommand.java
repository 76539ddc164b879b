package lab.reptile.server.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import lab.reptile.bench.EvaluationReport;
import lab.reptile.jackson.JacksonTree;
import lab.reptile.model.Evaluation;
import lab.reptile.model.WeightsFile;
import lab.reptile.model.WeightsJson;

/**
 * {@code evaluate (--weights FILE | --url URL) [--pretrained FILE_OR_URL] [--tasks 500] [--seed S] [--lr 0.02]}: the
 * evaluation protocol's table for some weights beside the pretrained baseline and a random init, using the same
 * inner loop as the browser.
 */
final class EvaluateCommand {
    static final String USAGE = """
            Usage: java -jar server/target/reptile-server.jar evaluate (--weights FILE | --url URL) [options]

            Prints MSE after k = 0, 1, 2, 4, 8, 16, 32 SGD steps on 10 support points (mean and 95% CI over
            held-out sine tasks) for the given reptile-mlp-v1 weights, beside the pretrained baseline (when
            given or served) and a randomly initialised net.

              --weights FILE   a reptile-mlp-v1 JSON file
              --url URL        fetch the weights, e.g. http://127.0.0.1:8080/api/weights; a URL ending in
                               /api/weights also fetches the server's baseline from ?init=pretrained
              --pretrained X   the pretrained baseline's weights, a file or an http(s) URL
              --tasks N        held-out tasks (default 500)
              --seed S         seed of the held-out tasks (default 20181024)
              --lr X           inner-loop learning rate (default 0.02)
            """;

    private static final int RETRY_SECONDS = 30;

    private EvaluateCommand() {
    }

    /** Runs the command; returns the process exit code. */
    static int run(String[] args) {
        String file = null;
        String url = null;
        String pretrained = null;
        int tasks = 500;
        long seed = Evaluation.DEFAULT_SEED;
        double lr = Evaluation.DEFAULT_LR;
        try {
            for (int i = 0; i < args.length; i++) {
                String flag = args[i];
                if (flag.equals("--help")) {
                    System.out.print(USAGE);
                    return 0;
                }
                String value = Flags.value(args, i++);
                switch (flag) {
                    case "--weights" -> file = value;
                    case "--url" -> url = value;
                    case "--pretrained" -> pretrained = value;
                    case "--tasks" -> tasks = (int) Flags.whole(flag, value, 2, 1_000_000);
                    case "--seed" -> seed = Flags.whole(flag, value, Long.MIN_VALUE, Long.MAX_VALUE);
                    case "--lr" -> lr = Flags.real(flag, value, 1e-6, 10);
                    default -> throw new IllegalArgumentException("unknown option " + flag + " (see --help)");
                }
            }
            if ((file == null) == (url == null)) {
                throw new IllegalArgumentException("give exactly one of --weights FILE and --url URL");
            }
            WeightsFile weights = read(file != null ? readFile(file) : fetch(url));
            if (pretrained == null && url != null && url.endsWith("/api/weights")) {
                pretrained = url + "?init=pretrained";
            }
            Map<String, Evaluation.Table> columns = new LinkedHashMap<>();
            columns.put("meta-weights v" + weights.version(), Evaluation.evaluate(weights.weights(), seed, tasks, lr));
            if (pretrained != null) {
                WeightsFile baseline = read(pretrained.startsWith("http://")
                        || pretrained.startsWith("https://") ? fetch(pretrained) : readFile(pretrained));
                columns.put("pretrained", Evaluation.evaluate(baseline.weights(), seed, tasks, lr));
            }
            columns.put("random init", Evaluation.evaluate(
                    Evaluation.randomInit(weights.shape(), seed + 1), seed, tasks, lr));
            EvaluationReport.print(System.out, columns, seed, lr);
            return 0;
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        }
    }

    private static WeightsFile read(String text) {
        return WeightsJson.read(JacksonTree.parse(text));
    }

    private static String readFile(String file) {
        try {
            return Files.readString(Path.of(file));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e);
        }
    }

    /** GETs the body; a 503 (the baseline still training) is retried for up to {@link #RETRY_SECONDS}. */
    private static String fetch(String url) {
        try {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build();
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            for (int waited = 0; response.statusCode() == 503 && waited < RETRY_SECONDS; waited++) {
                Thread.sleep(1000);
                response = client.send(request, HttpResponse.BodyHandlers.ofString());
            }
            if (response.statusCode() != 200) {
                throw new IllegalArgumentException(url + " answered HTTP " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot fetch " + url + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalArgumentException("interrupted fetching " + url);
        }
    }
}
