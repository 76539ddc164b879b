package lab.reptile.server.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The server's CPU time per {@code GET /api/weights} of a finished run, gzip against plain, measured side by side:
 * rounds of a fixed number of h2load requests alternate between the two, and each round's process CPU time (from
 * /proc) is divided by its requests.
 */
final class CpuPerRequest {
    /** Median CPU microseconds per request, gzip and plain, and the medians' ratio. */
    record Result(double gzipMicros, double plainMicros) {
        double ratio() {
            return gzipMicros / plainMicros;
        }
    }

    private CpuPerRequest() {
    }

    /** A warm-up round of each first (the JIT compiles the request path), then {@code rounds} measured pairs. */
    static Result measure(ServerProcess server, int requests, int connections, int rounds) throws Exception {
        List<String> url = List.of(server.url("/api/weights"));
        round(server, url, requests, connections, true);
        round(server, url, requests, connections, false);
        List<Double> gzip = new ArrayList<>();
        List<Double> plain = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            gzip.add(round(server, url, requests, connections, true));
            plain.add(round(server, url, requests, connections, false));
        }
        return new Result(median(gzip), median(plain));
    }

    private static double round(ServerProcess server, List<String> url, int requests, int connections, boolean gzip)
            throws Exception {
        double before = server.cpuSeconds();
        H2load.Result result = H2load.count(url, connections, requests,
                List.of("Accept-Encoding: " + (gzip ? "gzip" : "identity")));
        if (result.status2xx() != requests) {
            throw new IllegalStateException(requests + " requests but " + result.status2xx() + " answered 2xx");
        }
        return (server.cpuSeconds() - before) * 1e6 / requests;
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
