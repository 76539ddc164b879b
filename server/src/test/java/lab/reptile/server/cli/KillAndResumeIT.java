package lab.reptile.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lab.reptile.jackson.JacksonTree;
import lab.reptile.model.MetaLearner;
import lab.reptile.model.Params;
import lab.reptile.model.ReptileConfig;
import lab.reptile.model.TrainerStart;
import lab.reptile.model.WeightsJson;
import lab.reptile.server.Await;
import lab.reptile.server.training.Learners;
import lab.reptile.server.training.TrainingDefaults;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real server process killed with SIGKILL mid-run and restarted ends with the weights of an uninterrupted run. */
class KillAndResumeIT {
    private static final int TASKS = 40_000;
    private static final Pattern URL = Pattern.compile("open (http://127\\.0\\.0\\.1:\\d+/)");

    @TempDir
    Path dataDir;

    @Test
    void aServerKilledMidRunResumesToBitIdenticalWeights() throws Exception {
        Path firstLog = dataDir.resolve("first.log");
        Process first = startServer(firstLog);
        try {
            String firstUrl = awaitUrl(first, firstLog);
            Path checkpoint = dataDir.resolve("checkpoint.json");
            Await.until("a first checkpoint from the server in " + dataDir, Duration.ofSeconds(120),
                    () -> Files.exists(checkpoint) || !first.isAlive());
            assertTrue(Files.exists(checkpoint), "the server exited: " + Files.readString(firstLog));
            assertEquals("running", status(firstUrl).path("state").asText(), "killed mid-run");
        } finally {
            first.destroyForcibly(); // SIGKILL: no shutdown hook, no final checkpoint
            first.waitFor(30, TimeUnit.SECONDS);
        }

        Path secondLog = dataDir.resolve("second.log");
        Process second = startServer(secondLog);
        try {
            String url = awaitUrl(second, secondLog);
            JsonNode resumed = status(url);
            assertTrue(resumed.path("history").get(0).path("tasksDone").asLong() > 0, "resumed: " + resumed);
            Await.until("the resumed run to finish", Duration.ofSeconds(180), () -> status(url),
                    s -> s.path("state").asText().equals("finished"));
            Params served = WeightsJson.read(JacksonTree.parse(get(url + "api/weights"))).weights();
            assertEquals(uninterruptedRun(), served, "bit-identical to a run that was never killed");
        } finally {
            second.destroyForcibly();
            second.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static Params uninterruptedRun() {
        ReptileConfig config = TrainingDefaults.config().withTasks(TASKS);
        MetaLearner learner = Learners.dl4j().create(config, TrainerStart.fromSeed(config, TrainingDefaults.SHAPE));
        while (!learner.finished()) {
            learner.metaStep();
        }
        return learner.metaWeights();
    }

    private Process startServer(Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "-Xmx512m", "-Dorg.slf4j.simpleLogger.defaultLogLevel=info",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "--port", "0", "--tasks", Integer.toString(TASKS), "--data-dir", dataDir.toString(),
                "--checkpoint-every", "1");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("OMP_NUM_THREADS", "1");
        return builder.start();
    }

    /** Waits until the process's log names its URL; the log is kept in the data directory. */
    private String awaitUrl(Process process, Path log) throws Exception {
        String text = Await.until("the server to print its URL", Duration.ofSeconds(120),
                () -> Files.exists(log) ? Files.readString(log) : "",
                t -> URL.matcher(t).find() || !process.isAlive());
        Matcher m = URL.matcher(text);
        assertTrue(m.find(), "the server exited: " + text);
        return m.group(1);
    }

    private static JsonNode status(String url) throws Exception {
        return new ObjectMapper().readTree(get(url + "api/training"));
    }

    private static String get(String url) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }
}
