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
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lab.reptile.model.MetaLearner;
import lab.reptile.model.Params;
import lab.reptile.model.ReptileConfig;
import lab.reptile.model.TrainerStart;
import lab.reptile.model.WeightsJson;
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
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        try {
            String firstUrl = awaitUrl(first, firstLog);
            Path checkpoint = dataDir.resolve("checkpoint.json");
            while (!Files.exists(checkpoint)) {
                assertTrue(System.nanoTime() < deadline, "no checkpoint was written: " + Files.readString(firstLog));
                Thread.sleep(100);
            }
            assertEquals("running", status(firstUrl).path("state").asText(), "killed mid-run");
        } finally {
            first.destroyForcibly(); // SIGKILL: no shutdown hook, no final checkpoint
            first.waitFor(30, TimeUnit.SECONDS);
        }

        Path secondLog = dataDir.resolve("second.log");
        Process second = startServer(secondLog);
        try {
            String url = awaitUrl(second, secondLog);
            long finishBy = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
            JsonNode resumed = status(url);
            assertTrue(resumed.path("history").get(0).path("tasksDone").asLong() > 0, "resumed: " + resumed);
            while (!status(url).path("state").asText().equals("finished")) {
                assertTrue(System.nanoTime() < finishBy, "the resumed run did not finish: " + status(url));
                Thread.sleep(200);
            }
            Params served = WeightsJson.read(get(url + "api/weights")).toParams();
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
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            String text = Files.exists(log) ? Files.readString(log) : "";
            Matcher m = URL.matcher(text);
            if (m.find()) {
                return m.group(1);
            }
            assertTrue(process.isAlive(), "the server exited: " + text);
            Thread.sleep(100);
        }
        throw new AssertionError("the server never printed its URL: " + Files.readString(log));
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
