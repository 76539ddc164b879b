package lab.reptile.server.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a run's followers cost its training, on the real jar in a child process behind Debian's real nginx running
 * deploy/nginx.conf: the default run's training rate with no followers, with h2load sending the page's follow poll
 * ({@code GET /api/runs/default}, gzip, keep-alive) at a fixed rate through nginx's cache, and the same straight to
 * the server (no cache). Conditions alternate round by round once start-up's pretrained baseline is done; each round
 * prints its figures (training rate, the server's CPU, what reached the server, h2load's rate and times), then the
 * medians side by side.
 *
 * <p>Usage, after {@code mvn -q -B package -DskipTests}, from the repository's root: {@code java -cp
 * "server/target/reptile-server.jar:server/target/lib/*" lab.reptile.server.bench.FollowBenchmark [seconds=15]
 * [connections=64] [rate=5000] [rounds=3] [jar=server/target/reptile-server.jar] [recipe=deploy/nginx.conf]}; the
 * last two measure another release's server and recipe (one built from an older commit) with this command. Needs
 * Debian's h2load and nginx ({@code apt-get install nghttp2-client nginx}).
 */
public final class FollowBenchmark {
    private static final String FOLLOWED = "/api/runs/default";
    private static final int WARM_UP_SECONDS = 5;

    /** Where the followers' polls go. */
    private enum Followers {
        NONE("no followers"), CACHED("through nginx"), DIRECT("no cache");

        final String label;

        Followers(String label) {
            this.label = label;
        }
    }

    /** One round of one condition: tasks/s, server CPU in cores, origin requests/s, and h2load's figures. */
    private record Round(double tasksPerSecond, double serverCores, double originPerSecond, double requestsPerSecond,
                         double meanMillis, double maxMillis, double errors) {
    }

    private FollowBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        int connections = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        double rate = args.length > 2 ? Double.parseDouble(args[2]) : 5_000;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        Path jar = Path.of(args.length > 4 ? args[4] : "server/target/reptile-server.jar");
        Path recipe = Path.of(args.length > 5 ? args[5] : "deploy/nginx.conf");
        H2load.requireInstalled();
        if (!Files.isExecutable(NginxProcess.BINARY)) {
            System.err.println("error: " + NginxProcess.BINARY + " is missing: apt-get install nginx");
            System.exit(2);
        }
        Path dir = Files.createTempDirectory("follow-bench");
        Files.createDirectories(dir.resolve("nginx"));
        System.out.printf(Locale.ROOT, "%d cores, load average %s; %s behind %s; logs in %s%n",
                Runtime.getRuntime().availableProcessors(), ServerProcess.loadAverage(), jar, recipe, dir);
        // Enough tasks that the default run trains throughout.
        List<String> flags = List.of("--data-dir", dir.resolve("data").toString(), "--fresh", "--tasks", "100000000");
        try (ServerProcess server = ServerProcess.start(jar, dir.resolve("server.log"), flags);
             NginxProcess nginx = NginxProcess.start(recipe, dir.resolve("nginx"), List.of(server.port))) {
            server.awaitOk("/api/weights?init=pretrained"); // start-up's other work: the pretrained baseline
            System.out.printf(Locale.ROOT, "GET %s at %.0f/s over %d connections, %d s a round, %d rounds; "
                    + "warm-up (the JIT compiles the request path)%n", FOLLOWED, rate, connections, seconds, rounds);
            for (Followers warmUp : List.of(Followers.DIRECT, Followers.CACHED)) {
                round(server, nginx, warmUp, WARM_UP_SECONDS, connections, rate);
            }
            Map<Followers, List<Round>> results = new EnumMap<>(Followers.class);
            for (int r = 0; r < rounds; r++) {
                for (Followers followers : Followers.values()) {
                    Round round = round(server, nginx, followers, seconds, connections, rate);
                    results.computeIfAbsent(followers, f -> new ArrayList<>()).add(round);
                    System.out.printf(Locale.ROOT, "round %d %-14s %s%n", r + 1, followers.label, format(round));
                }
            }
            double none = median(results.get(Followers.NONE), Round::tasksPerSecond);
            System.out.println("medians:");
            for (Followers followers : Followers.values()) {
                List<Round> list = results.get(followers);
                Round median = new Round(median(list, Round::tasksPerSecond), median(list, Round::serverCores),
                        median(list, Round::originPerSecond), median(list, Round::requestsPerSecond),
                        median(list, Round::meanMillis), median(list, Round::maxMillis), median(list, Round::errors));
                System.out.printf(Locale.ROOT, "  %-14s %s  training %.2f of no followers'%n", followers.label,
                        format(median), median.tasksPerSecond() / none);
            }
        }
        System.out.printf(Locale.ROOT, "load average at the end %s%n", ServerProcess.loadAverage());
    }

    /** One round: {@code seconds} of the followers' polls (or of none), with the server's figures meanwhile. */
    private static Round round(ServerProcess server, NginxProcess nginx, Followers followers, int seconds,
                               int connections, double rate) throws Exception {
        double originBefore = originRequests(server);
        double cpuBefore = server.cpuSeconds();
        long tasksBefore = server.tasksDone("default");
        long start = System.nanoTime();
        H2load.Result load = null;
        if (followers == Followers.NONE) {
            Thread.sleep(seconds * 1000L);
        } else {
            String url = followers == Followers.CACHED ? nginx.url(FOLLOWED) : server.url(FOLLOWED);
            load = H2load.run(List.of(url), connections, seconds, rate, List.of("Accept-Encoding: gzip"));
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        long tasks = server.tasksDone("default") - tasksBefore;
        double origin = originRequests(server) - originBefore - 2; // less this round's own two tasksDone requests
        return new Round(tasks / elapsed, (server.cpuSeconds() - cpuBefore) / elapsed, origin / elapsed,
                load == null ? 0 : load.requestsPerSecond(), load == null ? 0 : load.meanMillis(),
                load == null ? 0 : load.maxMillis(), load == null ? 0 : load.errors());
    }

    private static String format(Round round) {
        return String.format(Locale.ROOT, "training %5.0f tasks/s  server CPU %.2f cores  at the server %6.1f req/s"
                        + "  followers %6.0f req/s  mean %6.2f ms  slowest %7.2f ms  errors %.0f",
                round.tasksPerSecond(), round.serverCores(), round.originPerSecond(), round.requestsPerSecond(),
                round.meanMillis(), round.maxMillis(), round.errors());
    }

    /** GET /api/runs/{id} answers the server has counted so far, any status, from its own /metrics. */
    private static double originRequests(ServerProcess server) throws Exception {
        Matcher m = Pattern.compile("(?m)^http_server_requests_seconds_count\\{method=\"GET\",route=\"/api/runs/"
                + "\\{id}\",status=\"\\d+\"} (\\S+)$").matcher(server.text("/metrics"));
        double sum = 0;
        while (m.find()) {
            sum += Double.parseDouble(m.group(1));
        }
        return sum;
    }

    private static double median(List<Round> rounds, ToDoubleFunction<Round> figure) {
        List<Double> values = new ArrayList<>();
        rounds.forEach(round -> values.add(figure.applyAsDouble(round)));
        return CpuPerRequest.median(values);
    }
}
