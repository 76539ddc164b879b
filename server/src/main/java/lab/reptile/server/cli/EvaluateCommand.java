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
import lab.reptile.model.EvaluationProtocol;
import lab.reptile.model.PublishedResults;
import lab.reptile.model.WeightsFile;
import lab.reptile.model.WeightsJson;

/**
 * {@code evaluate (--weights FILE | --url URL) [--protocol demo|maml] [--k-shot K] [--pretrained FILE_OR_URL]
 * [--tasks N] [--seed S] [--lr X]}: an evaluation protocol's table for some weights beside the pretrained baseline,
 * a random init and, under the MAML protocol at K = 5, the paper's published numbers; the same inner loop as the
 * browser.
 */
final class EvaluateCommand {
    static final String USAGE = """
            Usage: java -jar server/target/reptile-server.jar evaluate (--weights FILE | --url URL) [options]

            Prints the MSE after k SGD steps on K support points (mean and 95% CI over held-out sine tasks) for
            the given reptile-mlp-v1 weights, beside the pretrained baseline (when given or served) and a
            randomly initialised net.

              --weights FILE   a reptile-mlp-v1 JSON file
              --url URL        fetch the weights, e.g. http://127.0.0.1:8080/api/weights; a URL ending in
                               /api/weights also fetches the server's baseline from ?init=pretrained
              --protocol P     demo (default): phase ~ U[0, 2pi), K = 10, lr 0.02, k = 0, 1, 2, 4, 8, 16, 32,
                               500 tasks; maml: the sine protocol of Finn, Abbeel & Levine, "Model-Agnostic
                               Meta-Learning for Fast Adaptation of Deep Networks" (ICML 2017, Table 2):
                               phase ~ U[0, pi], K = 5, lr 0.01, k = 0, 1, 5, 10, 600 tasks, printed beside
                               the paper's MAML and pretrained numbers (published for K = 5)
              --k-shot K       support points per task (default: the protocol's; the paper also used 10, 20)
              --pretrained X   the pretrained baseline's weights, a file or an http(s) URL
              --tasks N        held-out tasks (default: the protocol's)
              --seed S         seed of the held-out tasks (default 20181024)
              --lr X           inner-loop learning rate (default: the protocol's)
            """;

    private static final int RETRY_SECONDS = 30;

    private EvaluateCommand() {
    }

    /** Runs the command; returns the process exit code. */
    static int run(String[] args) {
        String file = null;
        String url = null;
        String pretrained = null;
        EvaluationProtocol protocol = EvaluationProtocol.DEMO;
        Integer kShot = null;
        Integer tasks = null;
        Long seed = null;
        Double lr = null;
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
                    case "--protocol" -> protocol = EvaluationProtocol.named(value);
                    case "--k-shot" -> kShot = (int) Flags.whole(flag, value, 1, 1000);
                    case "--tasks" -> tasks = (int) Flags.whole(flag, value, 2, 1_000_000);
                    case "--seed" -> seed = Flags.whole(flag, value, Long.MIN_VALUE, Long.MAX_VALUE);
                    case "--lr" -> lr = Flags.real(flag, value, 1e-6, 10);
                    default -> throw new IllegalArgumentException("unknown option " + flag + " (see --help)");
                }
            }
            if ((file == null) == (url == null)) {
                throw new IllegalArgumentException("give exactly one of --weights FILE and --url URL");
            }
            protocol = adjusted(protocol, kShot, tasks, seed, lr);
            WeightsFile weights = read(file != null ? readFile(file) : fetch(url));
            if (pretrained == null && url != null && url.endsWith("/api/weights")) {
                pretrained = url + "?init=pretrained";
            }
            Map<String, Evaluation.Table> columns = new LinkedHashMap<>();
            columns.put("meta-weights v" + weights.version(), Evaluation.evaluate(weights.weights(), protocol));
            if (pretrained != null) {
                WeightsFile baseline = read(pretrained.startsWith("http://")
                        || pretrained.startsWith("https://") ? fetch(pretrained) : readFile(pretrained));
                columns.put("pretrained", Evaluation.evaluate(baseline.weights(), protocol));
            }
            columns.put("random init", Evaluation.evaluate(
                    Evaluation.randomInit(weights.shape(), protocol.seed() + 1), protocol));
            printTable(protocol, columns);
            return 0;
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        }
    }

    /** The table, and under the MAML protocol the paper's numbers beside it with the citation. */
    static void printTable(EvaluationProtocol protocol, Map<String, Evaluation.Table> columns) {
        boolean paper = protocol.name().equals(EvaluationProtocol.MAML.name());
        EvaluationReport.print(System.out, columns, protocol, paper
                ? PublishedResults.columns(protocol.steps(), protocol.supportPoints()) : Map.of());
        if (paper) {
            System.out.println("Published numbers: " + PublishedResults.CITATION + " (K = 5 only).");
        }
    }

    private static EvaluationProtocol adjusted(EvaluationProtocol protocol, Integer kShot, Integer tasks, Long seed,
                                               Double lr) {
        EvaluationProtocol p = protocol;
        p = kShot == null ? p : p.withSupportPoints(kShot);
        p = tasks == null ? p : p.withTasks(tasks);
        p = seed == null ? p : p.withSeed(seed);
        return lr == null ? p : p.withLr(lr);
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
