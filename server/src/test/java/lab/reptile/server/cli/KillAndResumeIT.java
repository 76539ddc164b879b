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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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

/**
 * A real server process killed with SIGKILL mid-run and restarted on the same data dir keeps every run, serves the
 * same snapshot bytes, and finishes the interrupted run with the weights of an uninterrupted one.
 */
class KillAndResumeIT {
    private static final int TASKS = 40_000;

    @TempDir
    Path dataDir;

    @Test
    void aServerKilledMidRunResumesToBitIdenticalWeights() throws Exception {
        Path firstLog = dataDir.resolve("first.log");
        Process first = startServer(firstLog, "--tasks", Integer.toString(TASKS));
        try {
            String firstUrl = awaitUrl(first, firstLog);
            Await.until("a first checkpoint from the server", Duration.ofSeconds(120),
                    () -> committedCheckpoint(firstLog, "default") || !first.isAlive());
            assertTrue(first.isAlive(), "the server exited: " + Files.readString(firstLog));
            assertEquals("running", status(firstUrl).path("state").asText(), "killed mid-run");
        } finally {
            first.destroyForcibly(); // SIGKILL: no shutdown hook, no final checkpoint
            first.waitFor(30, TimeUnit.SECONDS);
        }

        Path secondLog = dataDir.resolve("second.log");
        Process second = startServer(secondLog, "--tasks", Integer.toString(TASKS));
        try {
            String url = awaitUrl(second, secondLog);
            JsonNode resumed = status(url);
            assertTrue(resumed.path("tasksDone").asLong() > 0, "resumed, not started over: " + resumed);
            assertEquals(0, resumed.path("history").get(0).path("tasksDone").asLong(), "the curve is kept");
            Await.until("the resumed run to finish", Duration.ofSeconds(180), () -> status(url),
                    s -> s.path("state").asText().equals("finished"));
            Params served = WeightsJson.read(JacksonTree.parse(get(url + "api/weights"))).weights();
            assertEquals(uninterruptedRun(TrainingDefaults.config().withTasks(TASKS)), served,
                    "bit-identical to a run that was never killed");
        } finally {
            second.destroyForcibly();
            second.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aKilledLabComesBackWithItsRunsTheirSnapshotsAndTheInterruptedRun() throws Exception {
        String[] flags = {"--tasks", "2000", "--lab-runs-per-hour", "10"};
        Path firstLog = dataDir.resolve("first.log");
        Process first = startServer(firstLog, flags);
        String finished;
        String interrupted;
        Map<String, String> snapshots = new LinkedHashMap<>();
        JsonNode runsBefore;
        try {
            String url = awaitUrl(first, firstLog);
            finished = post(url + "api/runs", "{\"seed\": 11, \"tasks\": 3000}").path("id").asText();
            JsonNode done = Await.until("the visitor run to finish with a report", Duration.ofSeconds(120),
                    () -> json(get(url + "api/runs/" + finished)), r -> !r.path("report").isNull());
            for (JsonNode entry : done.path("timeline")) {
                snapshots.put(entry.path("url").asText(), get(url + entry.path("url").asText().substring(1)));
            }
            interrupted = post(url + "api/runs", "{\"seed\": 12, \"tasks\": 40000}").path("id").asText();
            Await.until("a checkpoint of the second run", Duration.ofSeconds(120),
                    () -> committedCheckpoint(firstLog, interrupted) || !first.isAlive());
            JsonNode running = json(get(url + "api/runs/" + interrupted));
            assertEquals("running", running.path("state").asText(), "killed mid-run: " + running);
            runsBefore = json(get(url + "api/runs")).path("runs");
        } finally {
            first.destroyForcibly(); // SIGKILL: no shutdown hook, no final checkpoint
            first.waitFor(30, TimeUnit.SECONDS);
        }

        Path secondLog = dataDir.resolve("second.log");
        Process second = startServer(secondLog, flags);
        try {
            String url = awaitUrl(second, secondLog);
            JsonNode runsAfter = json(get(url + "api/runs")).path("runs");
            assertEquals(ids(runsBefore), ids(runsAfter), "the same runs, in the same order");
            assertTrue(snapshots.size() >= 12 && snapshots.size() <= 64, snapshots.size() + " snapshots");
            for (Map.Entry<String, String> snapshot : snapshots.entrySet()) {
                assertEquals(snapshot.getValue(), get(url + snapshot.getKey().substring(1)),
                        "byte-identical " + snapshot.getKey());
            }
            Await.until("the interrupted run to finish", Duration.ofSeconds(180),
                    () -> json(get(url + "api/runs/" + interrupted)), r -> r.path("state").asText().equals("finished"));
            Params served = WeightsJson.read(JacksonTree.parse(get(url + "api/runs/" + interrupted + "/weights")))
                    .weights();
            ReptileConfig config = TrainingDefaults.config().toBuilder().seed(12).tasks(40_000).build();
            assertEquals(uninterruptedRun(config), served, "bit-identical to a run that was never killed");
        } finally {
            second.destroyForcibly();
            second.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static List<String> ids(JsonNode runs) {
        List<String> ids = new ArrayList<>();
        runs.forEach(run -> ids.add(run.path("id").asText()));
        return ids;
    }

    private static Params uninterruptedRun(ReptileConfig config) {
        MetaLearner learner = Learners.dl4j().create(config, TrainerStart.fromSeed(config, TrainingDefaults.SHAPE));
        while (!learner.finished()) {
            learner.metaStep();
        }
        return learner.metaWeights();
    }

    private Process startServer(Path log, String... flags) throws IOException {
        List<String> all = new ArrayList<>(List.of("--checkpoint-every", "1"));
        all.addAll(List.of(flags));
        return ServerProcesses.start(dataDir, log, List.of("-Xmx512m", CHECKPOINT_LOG), "1",
                all.toArray(String[]::new));
    }

    /** The worker logs each committed checkpoint at debug level: what these tests wait for before a SIGKILL. */
    private static final String CHECKPOINT_LOG = "-Dorg.slf4j.simpleLogger.log.lab.reptile.server.lab.FencedWrites=debug";

    private static boolean committedCheckpoint(Path log, String run) throws IOException {
        return Files.readString(log).contains("run " + run + ": checkpoint committed at");
    }

    private static String awaitUrl(Process process, Path log) throws Exception {
        return ServerProcesses.awaitUrl(process, log);
    }

    private static JsonNode status(String url) throws Exception {
        return json(get(url + "api/training"));
    }

    private static JsonNode json(String text) throws IOException {
        return new ObjectMapper().readTree(text);
    }

    private static JsonNode post(String url, String body) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(202, response.statusCode(), response.body());
        return json(response.body());
    }

    private static String get(String url) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }
}
