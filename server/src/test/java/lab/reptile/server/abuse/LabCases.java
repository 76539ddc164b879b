package lab.reptile.server.abuse;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** The lab's abuse: quota races, forged X-Forwarded-For, admin auth, deleting the default run, huge configs. */
final class LabCases {
    /** A run that trains in well under a second: at least 100 meta-iterations of one task. */
    static final String TINY_RUN = "{\"tasks\": 200}";
    private static final String JSON_TYPE = "application/json";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The client that spends its quota in the race, whose address the forged-header case then reuses. */
    private static final String RACER = "198.51.100.7";
    private final Wire wire;
    private final Tally tally;
    private final int runsPerHour;
    /** Where the large run lives if the server admitted it, else null. */
    private String largeRun;

    LabCases(Wire wire, Tally tally, int runsPerHour) {
        this.wire = wire;
        this.tally = tally;
        this.runsPerHour = runsPerHour;
    }

    /** N parallel POSTs from one X-Forwarded-For client, released together: exactly the quota is granted. */
    void quotaRace() throws Exception {
        Tally.Case c = tally.begin("quota race");
        int racers = 16;
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Reply>> replies = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                replies.add(pool.submit(() -> {
                    go.await();
                    return wire.post("/api/runs", TINY_RUN, "Content-Type", JSON_TYPE, "X-Forwarded-For", RACER);
                }));
            }
            go.countDown();
            int granted = 0;
            for (Future<Reply> future : replies) {
                Reply reply = c.expect("POST /api/runs", future.get(60, TimeUnit.SECONDS),
                        "granted within the quota, 429 past it", 202, 429);
                if (reply.status() == 202) {
                    granted++;
                    c.check(String.valueOf(reply.header("Location")).startsWith("/api/runs/"),
                            "a 202 without Location: " + reply.headers());
                } else if (reply.status() == 429) {
                    c.check(reply.header("Retry-After") != null, "a 429 without Retry-After");
                }
            }
            c.check(granted == runsPerHour, racers + " parallel POSTs from one client got " + granted
                    + " runs, the quota is " + runsPerHour);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Issue 20 defect 7: behind --trust-proxy the quota key is the address the proxy appended (the last one, across
     * repeated header lines), with ports and leading zeros normalised. The racer's quota is spent: every spelling of
     * its address last must get 429; the same address first and a fresh one last is another client.
     */
    void repeatedForwardedFor() {
        Tally.Case c = tally.begin("repeated X-Forwarded-For lines");
        String post = "POST /api/runs HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
                + TINY_RUN.length() + "\r\nConnection: close\r\n";
        String why = "the proxy's address (last) has spent its quota";
        c.expect("X-Forwarded-For: " + RACER, wire.raw(post + "X-Forwarded-For: " + RACER + "\r\n\r\n" + TINY_RUN),
                why, 429);
        c.expect("X-Forwarded-For: forged, " + RACER, wire.raw(post + "X-Forwarded-For: 192.0.2.51, " + RACER
                + "\r\n\r\n" + TINY_RUN), why, 429);
        c.expect("two X-Forwarded-For lines, forged first", wire.raw(post + "X-Forwarded-For: 192.0.2.50\r\n"
                + "X-Forwarded-For: " + RACER + "\r\n\r\n" + TINY_RUN), why + ", across repeated lines", 429);
        c.expect("X-Forwarded-For: forged, then " + RACER + ":4711", wire.raw(post + "X-Forwarded-For: 192.0.2.53\r\n"
                + "X-Forwarded-For: " + RACER + ":4711\r\n\r\n" + TINY_RUN), why + "; a port is not another client",
                429);
        c.expect("X-Forwarded-For: 198.051.100.007", wire.raw(post + "X-Forwarded-For: 198.051.100.007\r\n\r\n"
                + TINY_RUN), why + "; leading zeros are not another client", 429);
        c.expect("X-Forwarded-For: " + RACER + ", fresh", wire.raw(post + "X-Forwarded-For: " + RACER
                + ", 192.0.2.52\r\n\r\n" + TINY_RUN), "the proxy's address is a fresh client", 202);
    }

    /** Admin endpoints: without a token or with a wrong one 401; the scheme's case does not matter. */
    void adminTokens() {
        Tally.Case c = tally.begin("admin tokens");
        String unknown = "/api/runs/AAAAAAAAAAAAAAAA";
        for (String[] auth : new String[][] {{}, {"Authorization", "Bearer wrong"}, {"Authorization", "Bearer TT"},
                {"Authorization", "Basic VDpU"}, {"Authorization", "Bearer " + "t".repeat(6_000)},
                {"Authorization", "T"}, {"Authorization", "Bearer"}}) {
            String what = auth.length == 0 ? "no token" : auth[1].substring(0, Math.min(auth[1].length(), 20));
            for (String path : new String[] {"/api/training/pause", "/api/training/resume", "/api/training/reset"}) {
                Reply reply = c.expect("POST " + path + " (" + what + ")", wire.post(path, "", auth),
                        "missing or wrong token", 401);
                c.check(reply.status() != 401 || reply.header("WWW-Authenticate") != null,
                        "POST " + path + " (" + what + "): 401 without WWW-Authenticate");
            }
            c.expect("DELETE " + unknown + " (" + what + ")", wire.send(java.net.http.HttpRequest.newBuilder(
                    wire.uri(unknown)).DELETE(), auth), "missing or wrong token", 401);
        }
        // Each on a fresh connection: Jetty's per-connection header cache would otherwise replay an earlier value.
        for (String scheme : new String[] {"Bearer", "bearer", "BEARER", "bEaReR"}) {
            c.expect("DELETE " + unknown + " (" + scheme + " T)", wire.raw(delete(unknown, scheme + " T")
                    + "Connection: close\r\n\r\n"), "authorised (schemes are case-insensitive), then no such run", 404);
        }
        sameConnection(c, unknown);
    }

    /**
     * The right token, then wrong ones differing only in case, on one kept-alive connection (as nginx's upstream
     * keepalive carries many visitors' requests): each wrong one must be 401. Jetty caches header fields per
     * connection and, unless told to be case-sensitive, matches a new line to a cached one ignoring case.
     */
    private void sameConnection(Tally.Case c, String unknown) {
        List<String> auths = List.of("Bearer T", "Bearer t", "bearer t", "Bearer T");
        List<Integer> statuses = wire.conversation(auths.stream().map(auth -> delete(unknown, auth) + "\r\n").toList());
        for (int i = 0; i < statuses.size(); i++) {
            c.saw("DELETE " + unknown + " (" + auths.get(i) + ", kept-alive)", new Reply(statuses.get(i), List.of(), "",
                    1, "", 0, List.of(statuses.get(i))));
        }
        List<Integer> expected = List.of(404, 401, 401, 404);
        c.check(statuses.equals(expected), "on one connection, Authorization " + String.join(", ", auths) + " → "
                + statuses + ", expected " + expected + (statuses.get(1) == 404 ? ": a wrong token (differing only in"
                + " case) was accepted after the right one" : ""));
    }

    private static String delete(String path, String authorization) {
        return "DELETE " + path + " HTTP/1.1\r\nHost: x\r\nAuthorization: " + authorization
                + "\r\nContent-Length: 0\r\n";
    }

    void deleteDefaultRun() {
        Tally.Case c = tally.begin("DELETE of the default run");
        c.expect("DELETE /api/runs/default (no token)", wire.send(java.net.http.HttpRequest.newBuilder(
                wire.uri("/api/runs/default")).DELETE()), "admin only", 401);
        c.expect("DELETE /api/runs/default", wire.send(java.net.http.HttpRequest.newBuilder(
                wire.uri("/api/runs/default")).DELETE(), "Authorization", "Bearer T"), "the default run stays", 409);
        c.expect("DELETE /api/runs/default with a body", wire.send(java.net.http.HttpRequest.newBuilder(
                wire.uri("/api/runs/default"))
                .method("DELETE", java.net.http.HttpRequest.BodyPublishers.ofString("{}")),
                "Authorization", "Bearer T"), "takes no body, and the default run stays", 400, 409);
        c.expect("GET /api/runs/default", wire.get("/api/runs/default"), "still there", 200);
        c.expect("GET /api/weights", wire.get("/api/weights"), "still served", 200);
    }

    /**
     * Issue 20 defect 6: a config whose working memory is beyond the bound is refused at admission, naming it. Run
     * first, so that a server that admits it trains it while the rest of the list runs (the suite's memory bound then
     * sees what it costs); {@link #followLargeRun} waits for it to train a while, then deletes it.
     */
    void veryLargeConfigs() {
        Tally.Case c = tally.begin("very large config values");
        Reply large = c.expect("POST /api/runs metaBatchSize 200, pointsPerTask 1000, innerBatchSize 1000",
                wire.post("/api/runs", "{\"tasks\":20000,\"metaBatchSize\":200,\"pointsPerTask\":1000,"
                        + "\"innerBatchSize\":1000}", "Content-Type", JSON_TYPE, "X-Forwarded-For",
                        ApiCases.freshClient()),
                "issue 20: its working memory (~1.5 GB) is beyond the process's bound: 400 naming the limit", 400);
        largeRun = large.status() == 202 ? large.header("Location") : null;
        for (String body : new String[] {"{\"tasks\": 100000000}", "{\"tasks\": 100001}",
                "{\"tasks\": 100000, \"innerEpochs\": 100}", "{\"tasks\": 100000, \"supportPoints\": 1000, "
                        + "\"supportSteps\": 100}", "{\"tasks\": 102400, \"metaBatchSize\": 1024}",
                "{\"tasks\": 100000, \"metaBatchSize\": 1024, \"pointsPerTask\": 1000, \"innerBatchSize\": 1}"}) {
            c.expect("POST /api/runs " + body, wire.post("/api/runs", body, "Content-Type", JSON_TYPE,
                    "X-Forwarded-For", ApiCases.freshClient()), "beyond a visitor run's limits", 400);
        }
    }

    /**
     * If the large run was admitted: waits (at most {@code maxSeconds}) until it has trained {@code trainSeconds} or
     * ended, so its memory shows in the peak, then deletes it. Does nothing on a server that refused it.
     */
    void followLargeRun(int trainSeconds, int maxSeconds) throws Exception {
        if (largeRun == null) {
            return;
        }
        Tally.Case c = tally.begin("very large config values");
        long deadline = System.nanoTime() + maxSeconds * 1_000_000_000L;
        long runningSince = 0;
        String state = "";
        while (System.nanoTime() < deadline) {
            Reply run = c.expect("GET " + largeRun, wire.get(largeRun), "the admitted large run", 200);
            state = run.status() == 200 ? JSON.readTree(run.body()).path("state").asText() : "?";
            if (state.equals("running") && runningSince == 0) {
                runningSince = System.nanoTime();
            }
            boolean ended = !state.equals("queued") && !state.equals("running") && !state.equals("paused");
            if (ended || runningSince != 0 && System.nanoTime() - runningSince > trainSeconds * 1_000_000_000L) {
                break;
            }
            Thread.sleep(1_000);
        }
        System.out.printf("the admitted large run %s: %s after following it%s%n", largeRun, state,
                runningSince == 0 ? "" : String.format(" (trained %.0f s in view)",
                        (System.nanoTime() - runningSince) / 1e9));
        c.expect("DELETE " + largeRun, wire.send(java.net.http.HttpRequest.newBuilder(wire.uri(largeRun)).DELETE(),
                "Authorization", "Bearer T"), "an operator deletes a visitor run", 204);
    }
}
