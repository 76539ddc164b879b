package lab.reptile.server.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs Debian's h2load (package nghttp2-client) over HTTP/1.1 keep-alive connections and reads its summary: request
 * rate, outcomes, and the mean and slowest request time; for a timed run also the 99th and 99.9th percentiles, from
 * its per-request log.
 */
final class H2load {
    static final Path BINARY = Path.of("/usr/bin/h2load");

    /** What one h2load run measured; times in milliseconds, the percentiles NaN where no log was kept. */
    record Result(double requestsPerSecond, long succeeded, long failed, long status2xx, long status3xx,
                  long status4xx, long status5xx, double meanMillis, double maxMillis, double p99Millis,
                  double p999Millis) {
        long errors() {
            return failed + status4xx + status5xx;
        }

        Result withPercentiles(double p99, double p999) {
            return new Result(requestsPerSecond, succeeded, failed, status2xx, status3xx, status4xx, status5xx,
                    meanMillis, maxMillis, p99, p999);
        }
    }

    private H2load() {
    }

    /** Says how to install h2load and exits if it is missing. */
    static void requireInstalled() {
        if (!Files.isExecutable(BINARY)) {
            System.err.println("error: " + BINARY + " is missing: apt-get install nghttp2-client");
            System.exit(2);
        }
    }

    /**
     * Loads {@code urls} (round robin) over {@code connections} for {@code seconds}; {@code rate} requests per
     * second in all (spread over the connections), or as fast as the server answers for 0.
     */
    static Result run(List<String> urls, int connections, int seconds, double rate, List<String> headers)
            throws IOException, InterruptedException {
        Path log = Files.createTempFile("h2load", ".tsv");
        try {
            List<String> command = new ArrayList<>(List.of(BINARY.toString(), "--h1", "-c",
                    Integer.toString(connections), "-t", "1", "-D", Integer.toString(seconds), "--warm-up-time=1",
                    "--log-file=" + log));
            if (rate > 0) {
                command.add("--rps=" + String.format(Locale.ROOT, "%.3f", rate / connections));
            }
            Result result = run(command, urls, headers);
            long[] micros = requestMicros(Files.readAllLines(log));
            return result.withPercentiles(percentileMillis(micros, 0.99), percentileMillis(micros, 0.999));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** Each request's time in microseconds, sorted, from h2load's log: start (us since epoch), status, time (us). */
    static long[] requestMicros(List<String> logLines) {
        return logLines.stream().filter(line -> !line.isBlank())
                .mapToLong(line -> Long.parseLong(line.split("\t")[2].trim())).sorted().toArray();
    }

    /** The nearest-rank {@code quantile} of sorted {@code micros}, in milliseconds; NaN for none. */
    static double percentileMillis(long[] micros, double quantile) {
        if (micros.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(quantile * micros.length);
        return micros[Math.max(rank, 1) - 1] / 1000.0;
    }

    /** Sends exactly {@code requests} to {@code urls} over {@code connections}, as fast as the server answers. */
    static Result count(List<String> urls, int connections, int requests, List<String> headers)
            throws IOException, InterruptedException {
        return run(new ArrayList<>(List.of(BINARY.toString(), "--h1", "-c", Integer.toString(connections), "-t", "1",
                "-n", Integer.toString(requests))), urls, headers);
    }

    private static Result run(List<String> command, List<String> urls, List<String> headers)
            throws IOException, InterruptedException {
        for (String header : headers) {
            command.add("-H");
            command.add(header);
        }
        command.addAll(urls);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException("h2load failed:\n" + output);
        }
        return parse(output);
    }

    static Result parse(String output) {
        Matcher rate = find(output, "finished in [0-9.]+m?s, ([0-9.]+) req/s");
        Matcher requests = find(output, "requests: \\d+ total, \\d+ started, \\d+ done, (\\d+) succeeded, (\\d+) failed");
        Matcher codes = find(output, "status codes: (\\d+) 2xx, (\\d+) 3xx, (\\d+) 4xx, (\\d+) 5xx");
        Matcher time = find(output, "time for request:\\s+(\\S+)\\s+(\\S+)\\s+(\\S+)");
        return new Result(Double.parseDouble(rate.group(1)), Long.parseLong(requests.group(1)),
                Long.parseLong(requests.group(2)), Long.parseLong(codes.group(1)), Long.parseLong(codes.group(2)),
                Long.parseLong(codes.group(3)), Long.parseLong(codes.group(4)), millis(time.group(3)),
                millis(time.group(2)), Double.NaN, Double.NaN);
    }

    private static Matcher find(String output, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(output);
        if (!matcher.find()) {
            throw new IllegalStateException("h2load printed no line like /" + regex + "/:\n" + output);
        }
        return matcher;
    }

    /** h2load prints times as 512us, 3.21ms or 1.02s. */
    static double millis(String text) {
        if (text.endsWith("us")) {
            return Double.parseDouble(text.substring(0, text.length() - 2)) / 1000;
        }
        if (text.endsWith("ms")) {
            return Double.parseDouble(text.substring(0, text.length() - 2));
        }
        if (text.endsWith("s")) {
            return Double.parseDouble(text.substring(0, text.length() - 1)) * 1000;
        }
        throw new IllegalArgumentException("not an h2load time: " + text);
    }
}
