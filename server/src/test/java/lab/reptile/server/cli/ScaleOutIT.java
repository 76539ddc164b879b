package lab.reptile.server.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lab.reptile.server.Await;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 21's guarantees with real processes: PostgreSQL, two web replicas and two workers over it, and one embedded
 * process (H2, {@code --role all}) training the same configs uninterrupted as the reference. The steps build on each
 * other (one lab, in order) and print their figures.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScaleOutIT {
    /** The default run: long enough to be killed mid-run (DL4J trains ~200-2,500 tasks/s here with 5 JVMs). */
    private static final String DEFAULT_TASKS = "12000";
    private static final String SEED = "21";
    /** A visitor run, long enough to live through a database outage and a hand-back. */
    private static final String VISITOR_CONFIG = "{\"seed\": 32, \"tasks\": 40000}";
    private static final int RUNS_PER_HOUR = 3;
    private static final int QUEUE_LIMIT = 5;
    private static final Pattern RESUMED = Pattern.compile("run (\\S+): training \\d+ tasks from task (\\d+)");
    private static final Duration LONG = Duration.ofSeconds(180); // only a failing step waits this long
    /** Longer than a worker's heartbeat timeout (4 missed heartbeats of 1 s). */
    private static final long OUTAGE_MILLIS = 6_000;

    @TempDir(cleanup = CleanupMode.ON_SUCCESS) // the processes' logs stay for a failure
    static Path dir;
    private ScaleOutLab lab;
    private LabProcess reference;
    private String visitorRun;
    private String referenceVisitorRun;
    private final Map<String, byte[]> snapshots = new LinkedHashMap<>(); // URL → the bytes first served
    private final Map<String, byte[]> runDetails = new LinkedHashMap<>(); // GET /api/runs/{id} before the restart

    @BeforeAll
    void startEverything() throws Exception {
        List<String> web = List.of("--trust-proxy", "--lab-runs-per-hour", Integer.toString(RUNS_PER_HOUR),
                "--lab-queue", Integer.toString(QUEUE_LIMIT), "--admin-token", ScaleOutLab.ADMIN_TOKEN);
        List<String> worker = List.of("--tasks", DEFAULT_TASKS, "--seed", SEED, "--checkpoint-every", "1");
        lab = new ScaleOutLab(dir, web, worker);
        reference = new LabProcess("reference", false, dir, "--tasks", DEFAULT_TASKS, "--seed", SEED);
        List<LabProcess> all = new ArrayList<>(lab.web());
        all.addAll(lab.workers());
        all.add(reference);
        long start = System.nanoTime();
        ScaleOutLab.startAll(all);
        say("5 processes up in %d ms", (System.nanoTime() - start) / 1_000_000);
        referenceVisitorRun = created(LabHttp.post(reference.url() + "api/runs", VISITOR_CONFIG));
    }

    @AfterAll
    void stopEverything() throws Exception {
        try {
            if (reference.isAlive()) {
                reference.kill();
            }
        } finally {
            lab.close();
        }
    }

    /** (a) A worker SIGKILLed mid-run: the other continues from the last checkpoint and ends bit-identical. */
    @Test
    @Order(1)
    void aWorkerKilledMidRunIsReplacedFromItsCheckpointAndEndsWithTheUninterruptedWeights() throws Exception {
        Await.until("a checkpoint of the default run", LONG, () -> lab.checkpointTasks("default") > 0);
        ScaleOutLab.RunRow before = lab.row("default");
        assertEquals("running", before.state(), "killed mid-run");
        LabProcess killed = lab.worker(before.worker());
        LabProcess other = lab.otherWorker(killed);
        long apiTasks = LabHttp.json(webUrls().get(0) + "api/runs/default").path("tasksDone").asLong();
        long start = System.nanoTime();
        killed.kill();
        long checkpoint = lab.checkpointTasks("default"); // the last one stands: the killed worker writes no more
        long tasksAtKill = lab.row("default").tasksDone();
        long claimed = millisSince(start, "the other worker to claim the run",
                () -> other.name().equals(lab.row("default").worker()));
        long grows = millisSince(start, "its progress to grow again", () -> lab.row("default").tasksDone() > tasksAtKill);
        long apiGrows = millisSince(start, "r1 to show more tasks done", () -> LabHttp.json(webUrls().get(0)
                + "api/runs/default").path("tasksDone").asLong() > apiTasks);
        say("(a) SIGKILL of %s at %d tasks (checkpoint %d): %s claimed it after %d ms, tasksDone grew after %d ms in"
                + " the database, %d ms on r1", killed.name(), tasksAtKill, checkpoint, other.name(), claimed, grows,
                apiGrows);
        assertTrue(claimed < 10_000, "continued within 10 s: " + claimed + " ms");
        assertEquals(checkpoint, resumedFrom(other, "default"), "resumed from the last checkpoint");
        assertEquals(before.kills() + 1, lab.row("default").kills(), "the lost worker is counted");
        killed.start(); // back for the next steps, as a service manager would restart it

        awaitFinished(webUrls().get(0), "default");
        awaitFinished(reference.url(), "default");
        byte[] uninterrupted = weights(reference.url(), "default");
        for (String replica : webUrls()) {
            assertArrayEquals(uninterrupted, weights(replica, "default"), "bit-identical to uninterrupted on " + replica);
        }
        int count = sameSnapshotsAsReference("default", "default");
        say("(a) final weights (%d bytes) and %d snapshots bit-identical to the embedded uninterrupted run",
                uninterrupted.length, count);
        killed.awaitUp();
    }

    /** (d) Both replicas serve the same bytes under the same ETag for a version, at most ~1 s behind the database. */
    @Test
    @Order(2)
    void followingARunOnEitherReplicaGivesTheSameBytesSoonAfterTheWorkerPublishes() throws Exception {
        LabHttp.Reply created = LabHttp.post(webUrls().get(0) + "api/runs", VISITOR_CONFIG,
                "X-Forwarded-For", "198.51.100.1");
        visitorRun = created(created);
        LabHttp.Reply elsewhere = LabHttp.get(webUrls().get(1) + "api/runs/" + visitorRun);
        assertEquals(200, elsewhere.status(), "r2 knows the run r1 just created: " + elsewhere.text());
        Await.until("the visitor run to train", LONG, () -> lab.row(visitorRun),
                r -> r.state().equals("running") && r.tasksDone() > 0);
        List<String> replicas = webUrls();
        ExecutorService crossing = Executors.newFixedThreadPool(2);
        Future<CrossReplicaReads.Result> oneWay = crossing.submit(() -> CrossReplicaReads.newestSnapshots(
                replicas.get(0), replicas.get(1), visitorRun, Duration.ofSeconds(4)));
        Future<CrossReplicaReads.Result> otherWay = crossing.submit(() -> CrossReplicaReads.newestSnapshots(
                replicas.get(1), replicas.get(0), visitorRun, Duration.ofSeconds(4)));
        WeightsFollower.Followed followed = WeightsFollower.follow(replicas, visitorRun, lab, Duration.ofSeconds(4));
        crossing.shutdown();
        for (Future<CrossReplicaReads.Result> reads : List.of(oneWay, otherWay)) {
            CrossReplicaReads.Result result = reads.get();
            say("(d) newest snapshot listed by one replica fetched from the other at once: %d of %d not 200",
                    result.failed().size(), result.fetched());
            assertTrue(result.failed().isEmpty(), "served by either replica: " + result.failed());
        }
        for (int i = 0; i < replicas.size(); i++) {
            List<Long> lags = WeightsFollower.lagsMillis(followed.database(), followed.replicas().get(i),
                    followed.endNanos(), 1_000);
            say("(d) %s shows each new version of the visitor run %s ms after the database has it (%d versions)",
                    lab.web().get(i).name(), summary(lags), lags.size());
            assertTrue(lags.size() >= 3, "several versions followed: " + lags);
            assertTrue(lags.stream().allMatch(lag -> lag < 1_000), "at most ~1 s behind: " + lags);
        }
        List<Long> between = WeightsFollower.lagsMillis(followed.replicas().get(0), followed.replicas().get(1),
                followed.endNanos(), 1_000);
        say("(d) r2 shows each version r1 showed %s ms later", summary(between));
        int compared = sameVersionsSameBytes(followed.replicas().get(0), followed.replicas().get(1));
        say("(d) %d versions served by both replicas: equal ETags and bytes", compared);
        assertTrue(compared >= 1, "some version seen on both");
        int before = snapshots.size();
        Timelines.checkSameEverywhere(replicas, visitorRun, snapshots);
        say("(d) %d timeline snapshots of the visitor run so far: identical on both replicas",
                snapshots.size() - before);
    }

    /**
     * (f) PostgreSQL stopped for longer than a worker's heartbeat timeout: 503s with Retry-After and a plain JSON
     * error, then recovery by themselves, and the run trains on.
     */
    @Test
    @Order(3)
    void aDatabaseOutageAnswers503ThenRecoversAndTheRunTrainsOn() throws Exception {
        Await.until("a checkpoint of the visitor run", LONG, () -> lab.checkpointTasks(visitorRun) > 0);
        long start = System.nanoTime();
        lab.postgres().stop();
        for (int i = 0; i < webUrls().size(); i++) {
            String replica = webUrls().get(i);
            long refused = millisSince(start, replica + " to answer 503",
                    () -> LabHttp.get(replica + "api/runs").status() == 503);
            for (String path : List.of("api/runs", "api/weights", "api/runs/" + visitorRun + "/weights")) {
                checkUnavailable(replica + path, LabHttp.get(replica + path));
            }
            checkUnavailable(replica + "api/runs (POST)", LabHttp.post(replica + "api/runs", "{}"));
            assertEquals(503, LabHttp.get(replica + "readyz").status(), "not ready without its database");
            say("(f) %s answers 503 with Retry-After and a JSON error %d ms after PostgreSQL stopped",
                    lab.web().get(i).name(), refused);
        }
        Thread.sleep(Math.max(0, OUTAGE_MILLIS - (System.nanoTime() - start) / 1_000_000));
        long restarted = System.nanoTime();
        lab.postgres().restart();
        say("(f) PostgreSQL down for %d ms", (restarted - start) / 1_000_000);
        long tasksAtRestart = lab.row(visitorRun).tasksDone();
        for (int i = 0; i < webUrls().size(); i++) {
            String replica = webUrls().get(i);
            long back = millisSince(restarted, replica + " to serve again", () -> LabHttp.get(replica + "api/runs")
                    .status() == 200 && LabHttp.get(replica + "readyz").status() == 200);
            say("(f) %s serves /api/runs and /readyz again %d ms after the restart", lab.web().get(i).name(), back);
            assertTrue(back < 10_000, "recovers by itself within a few seconds: " + back + " ms");
        }
        long trains = millisSince(restarted, "the visitor run to train on",
                () -> lab.row(visitorRun).tasksDone() > tasksAtRestart);
        ScaleOutLab.RunRow row = lab.row(visitorRun);
        say("(f) the visitor run trains on %d ms after the restart (on %s; workers lost so far: %d)", trains,
                row.worker(), row.kills());
    }

    /** (b) A worker sent SIGTERM checkpoints and hands its run back; the other continues it within seconds. */
    @Test
    @Order(4)
    void aWorkerSentSigtermHandsItsRunBackAndTheOtherContinuesAtOnce() throws Exception {
        ScaleOutLab.RunRow before = lab.row(visitorRun);
        assertEquals("running", before.state(), "stopped mid-run");
        assertEquals(1, lab.running(), "the other worker is idle");
        LabProcess stopped = lab.worker(before.worker());
        LabProcess other = lab.otherWorker(stopped);
        long start = System.nanoTime();
        stopped.terminate();
        long claimed = millisSince(start, "the other worker to claim the run",
                () -> other.name().equals(lab.row(visitorRun).worker()));
        assertEquals(0, stopped.awaitExit(), "a clean stop");
        long handedBackAt = handedBackAt(stopped, visitorRun);
        long grows = millisSince(start, "its progress to grow again",
                () -> lab.row(visitorRun).tasksDone() > handedBackAt);
        say("(b) SIGTERM of %s, which handed the run back at %d tasks: %s claimed it after %d ms, tasksDone grew"
                + " after %d ms", stopped.name(), handedBackAt, other.name(), claimed, grows);
        assertTrue(claimed < 4_000, "continued well before the heartbeat timeout: " + claimed + " ms");
        assertEquals(handedBackAt, resumedFrom(other, visitorRun), "resumed where it was handed back");
    }

    /**
     * (c) Admission across replicas: simultaneous starts from one client get exactly its quota, from many exactly the
     * queue's room. One worker is stopped and the other trains the visitor run, so no run leaves the queue meanwhile.
     */
    @Test
    @Order(5)
    void simultaneousStartsOverBothReplicasGetExactlyTheQuotaThenTheQueuesRoom() throws Exception {
        assertEquals(1, lab.workers().stream().filter(LabProcess::isAlive).count(), "one worker, busy");
        List<LabHttp.Reply> oneClient = simultaneousStarts(8, i -> "203.0.113.7");
        say("(c) 8 simultaneous starts from one client over both replicas: %s", statuses(oneClient));
        List<LabHttp.Reply> manyClients = simultaneousStarts(8, i -> "203.0.113." + (100 + i));
        say("(c) then 8 simultaneous starts from 8 clients: %s (queue limit %d)", statuses(manyClients), QUEUE_LIMIT);
        List<String> admitted = join(oneClient, manyClients).stream().filter(r -> r.status() == 202)
                .map(r -> r.json().path("id").asText()).toList();
        ScaleOutLab.RunRow training = lab.row(visitorRun);
        assertEquals("running", training.state(), "no worker was free to take a run off the queue");
        for (String id : admitted) {
            assertEquals("queued", lab.row(id).state(), "no worker took " + id + " off the queue");
        }
        assertEquals(RUNS_PER_HOUR, count(oneClient, 202), "exactly the quota");
        assertEquals(8 - RUNS_PER_HOUR, count(oneClient, 429), "the rest refused for the quota");
        assertEquals(QUEUE_LIMIT - RUNS_PER_HOUR, count(manyClients, 202), "exactly the queue's room");
        assertEquals(8 - QUEUE_LIMIT + RUNS_PER_HOUR, count(manyClients, 503), "the rest refused: queue full");
        assertTrue(manyClients.stream().filter(r -> r.status() == 503).allMatch(r -> r.text().contains("queue")),
                "refused for the queue");
        for (String id : admitted) { // nothing more to train: the lab is as it was for the next steps
            assertEquals(204, LabHttp.delete(webUrls().get(0) + "api/runs/" + id, "Authorization",
                    "Bearer " + ScaleOutLab.ADMIN_TOKEN).status());
        }
    }

    /** (b, f) The visitor run, through an outage and a hand-back, ends with the uninterrupted run's weights. */
    @Test
    @Order(6)
    void theVisitorRunEndsWithTheUninterruptedWeightsAfterTheOutageAndTheHandBack() throws Exception {
        awaitFinished(webUrls().get(0), visitorRun);
        awaitFinished(reference.url(), referenceVisitorRun);
        byte[] uninterrupted = weights(reference.url(), referenceVisitorRun);
        for (String replica : webUrls()) {
            assertArrayEquals(uninterrupted, weights(replica, visitorRun), "bit-identical to uninterrupted on "
                    + replica);
        }
        int count = sameSnapshotsAsReference(visitorRun, referenceVisitorRun);
        say("(b, f) the visitor run's final weights and %d snapshots are bit-identical to the uninterrupted run",
                count);
    }

    /** (e) Every process stopped and started again, PostgreSQL too: runs, timelines and reports as they were. */
    @Test
    @Order(7)
    void restartingEveryProcessChangesNoRunTimelineOrReport() throws Exception {
        for (String id : List.of("default", visitorRun)) {
            runDetails.put(id, detail(webUrls().get(0), id));
            assertArrayEquals(runDetails.get(id), detail(webUrls().get(1), id), "both replicas agree on " + id);
        }
        for (LabProcess process : processes()) {
            if (process.isAlive()) {
                process.terminate();
                assertEquals(0, process.awaitExit(), process + " stops cleanly");
            }
        }
        lab.postgres().stop();
        lab.postgres().restart();
        ScaleOutLab.startAll(processes());
        Thread.sleep(3_000); // a few rounds of each worker's announcer, which schedules any run missing its job
        checkUnchanged();
    }

    /**
     * The run's timeline on the replicas, index by index, against the reference's: the same bytes, and the same on
     * both replicas as ever; returns how many.
     */
    private int sameSnapshotsAsReference(String id, String referenceId) throws Exception {
        int count = Timelines.urls(webUrls().get(0), id).size();
        assertEquals(Timelines.urls(reference.url(), referenceId).size(), count, "as many snapshots as uninterrupted");
        for (int i = 0; i < count; i++) {
            assertArrayEquals(Timelines.bytes(reference.url(), referenceId, i), Timelines.bytes(webUrls().get(0), id, i),
                    "snapshot " + i + " as uninterrupted");
        }
        Timelines.checkSameEverywhere(webUrls(), id, snapshots); // and those served before unchanged
        return count;
    }

    private void checkUnchanged() throws Exception {
        for (String replica : webUrls()) {
            for (Map.Entry<String, byte[]> run : runDetails.entrySet()) {
                assertArrayEquals(run.getValue(), detail(replica, run.getKey()), run.getKey() + " on " + replica);
            }
            assertEquals(runDetails.size(), LabHttp.json(replica + "api/runs").path("runs").size(), "no other run");
        }
        int before = snapshots.size();
        Timelines.checkSameEverywhere(webUrls(), "default", snapshots);
        Timelines.checkSameEverywhere(webUrls(), visitorRun, snapshots);
        assertEquals(before, snapshots.size(), "no snapshot more or less");
        say("(e) after restarting PostgreSQL and all 4 processes: %d runs (state, curve, timeline, report) and %d"
                + " snapshot URLs byte-identical on both replicas", runDetails.size(), snapshots.size());
    }

    private List<LabHttp.Reply> simultaneousStarts(int n, java.util.function.IntFunction<String> client)
            throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<LabHttp.Reply>> replies = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String replica = webUrls().get(i % 2);
                String forwardedFor = client.apply(i);
                Callable<LabHttp.Reply> start = () -> {
                    go.await();
                    return LabHttp.post(replica + "api/runs", "{\"seed\": 41, \"tasks\": 2000}", "X-Forwarded-For",
                            forwardedFor);
                };
                replies.add(threads.submit(start));
            }
            go.countDown();
            List<LabHttp.Reply> done = new ArrayList<>();
            for (Future<LabHttp.Reply> reply : replies) {
                done.add(reply.get());
            }
            return done;
        } finally {
            threads.shutdownNow();
        }
    }

    private static void checkUnavailable(String what, LabHttp.Reply reply) {
        assertEquals(503, reply.status(), what + ": " + reply.text());
        assertNotNull(reply.retryAfter(), what + " says when to retry");
        assertTrue(reply.contentType().startsWith("application/json"), what + ": " + reply.contentType());
        assertTrue(reply.json().path("error").isTextual(), what + ": " + reply.text());
        assertFalse(reply.text().contains("Exception") || reply.text().contains("\tat "), "no stack trace: "
                + reply.text());
    }

    private int sameVersionsSameBytes(List<WeightsFollower.Seen> a, List<WeightsFollower.Seen> b) {
        int compared = 0;
        for (WeightsFollower.Seen x : a) {
            for (WeightsFollower.Seen y : b) {
                if (x.version() == y.version()) {
                    assertEquals(x.etag(), y.etag(), "one ETag for version " + x.version());
                    assertArrayEquals(x.body(), y.body(), "the same bytes for version " + x.version());
                    compared++;
                }
            }
        }
        return compared;
    }

    /** The task a worker's log says it last resumed run {@code id} from. */
    private static long resumedFrom(LabProcess worker, String id) {
        Matcher m = RESUMED.matcher(worker.logText());
        long from = -1;
        while (m.find()) {
            if (m.group(1).equals(id)) {
                from = Long.parseLong(m.group(2));
            }
        }
        return from;
    }

    private static long handedBackAt(LabProcess worker, String id) {
        Matcher m = Pattern.compile("run " + Pattern.quote(id) + ": handed back to the queue at (\\d+) tasks")
                .matcher(worker.logText());
        assertTrue(m.find(), worker + " logs the hand-back: " + worker.logText());
        return Long.parseLong(m.group(1));
    }

    private static void awaitFinished(String server, String id) throws Exception {
        Await.until("run " + id + " to finish on " + server, LONG, () -> LabHttp.json(server + "api/runs/" + id),
                r -> r.path("state").asText().equals("finished") && !r.path("report").isNull());
    }

    private static byte[] weights(String server, String id) throws Exception {
        LabHttp.Reply reply = LabHttp.get(server + "api/runs/" + id + "/weights");
        assertEquals(200, reply.status(), reply.text());
        return reply.body();
    }

    private static byte[] detail(String server, String id) throws Exception {
        LabHttp.Reply reply = LabHttp.get(server + "api/runs/" + id);
        assertEquals(200, reply.status(), reply.text());
        return reply.body();
    }

    private static String created(LabHttp.Reply reply) {
        assertEquals(202, reply.status(), reply.text());
        return reply.json().path("id").asText();
    }

    /** Waits for {@code condition} (polled every 10 ms) and returns the ms since {@code startNanos}. */
    private static long millisSince(long startNanos, String what, Await.Condition condition) throws Exception {
        Await.until(what, LONG, condition);
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private List<String> webUrls() {
        return lab.web().stream().map(LabProcess::url).toList();
    }

    private List<LabProcess> processes() {
        return join(lab.web(), lab.workers());
    }

    private static <T> List<T> join(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static long count(List<LabHttp.Reply> replies, int status) {
        return replies.stream().filter(r -> r.status() == status).count();
    }

    private static String statuses(List<LabHttp.Reply> replies) {
        return replies.stream().map(r -> Integer.toString(r.status())).toList().toString();
    }

    private static String summary(List<Long> millis) {
        List<Long> sorted = millis.stream().sorted().toList();
        return sorted.isEmpty() ? "(none)" : "median " + sorted.get(sorted.size() / 2) + ", max "
                + sorted.get(sorted.size() - 1);
    }

    private static void say(String format, Object... args) {
        System.out.println("[ScaleOutIT] " + String.format(format, args));
    }
}
