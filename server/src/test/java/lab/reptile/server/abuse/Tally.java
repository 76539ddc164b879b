package lab.reptile.server.abuse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Everything the abuse suite saw, by named case: each answer's status, the case's broken expectations, and the
 * answers that break a rule for every response (a 5xx other than a documented 503 with Retry-After, an error that is
 * not JSON, a stack trace in a body). Thread-safe: parallel cases report into it.
 */
final class Tally {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<String, Case> cases = new LinkedHashMap<>();
    private final List<String> serverErrors = new ArrayList<>();
    private final List<String> badErrorBodies = new ArrayList<>();

    /** One named case of the abuse list. */
    final class Case {
        final String name;
        private int requests;
        private final TreeMap<Integer, Integer> statuses = new TreeMap<>();
        private final List<String> failures = new ArrayList<>();

        private Case(String name) {
            this.name = name;
        }

        /** Records {@code reply} to {@code target} ("POST /api/runs", or a raw request line) under this case. */
        Reply saw(String target, Reply reply) {
            synchronized (Tally.this) {
                requests++;
                statuses.merge(reply.status(), 1, Integer::sum);
                int status = reply.status();
                if (status >= 500 && !(status == 503 && reply.header("Retry-After") != null && mayBeBusy(target))) {
                    serverErrors.add(name + ": " + shorten(target) + " → " + reply.describe());
                }
                if (reply.body().contains("\tat ") || reply.body().contains("Exception in thread")) {
                    badErrorBodies.add(name + ": " + shorten(target) + " → a stack trace in the body");
                } else if (status >= 400 && !reply.body().isBlank() && !isJsonError(reply)) {
                    badErrorBodies.add(name + ": " + shorten(target) + " → " + status + " is not a JSON error: "
                            + reply.header("Content-Type") + " " + shorten(reply.body()));
                }
            }
            return reply;
        }

        /** Records the reply and requires its status to be one of {@code allowed}; {@code why} says what is right. */
        Reply expect(String target, Reply reply, String why, int... allowed) {
            saw(target, reply);
            if (Arrays.stream(allowed).noneMatch(s -> s == reply.status())) {
                fail(shorten(target) + " → " + reply.describe() + "; expected "
                        + Arrays.stream(allowed).mapToObj(Integer::toString).collect(Collectors.joining(" or "))
                        + (why.isEmpty() ? "" : " (" + why + ")"));
            }
            return reply;
        }

        void check(boolean holds, String failure) {
            if (!holds) {
                fail(failure);
            }
        }

        void fail(String failure) {
            synchronized (Tally.this) {
                failures.add(failure);
            }
        }
    }

    synchronized Case begin(String name) {
        return cases.computeIfAbsent(name, Case::new);
    }

    synchronized List<String> serverErrors() {
        return List.copyOf(serverErrors);
    }

    synchronized List<String> badErrorBodies() {
        return List.copyOf(badErrorBodies);
    }

    /** "case: failure" for every broken expectation, in the order the cases ran. */
    synchronized List<String> caseFailures() {
        List<String> all = new ArrayList<>();
        for (Case c : cases.values()) {
            for (String failure : c.failures) {
                all.add(c.name + ": " + failure);
            }
        }
        return all;
    }

    /** The table a reader sees: each case, its requests, the statuses it got (0 = no answer) and its failures. */
    synchronized String table() {
        int width = cases.keySet().stream().mapToInt(String::length).max().orElse(4);
        StringBuilder out = new StringBuilder(String.format("%-" + width + "s %8s  %-8s %s%n", "case", "requests",
                "failures", "statuses seen (status×count, 0 = no answer)"));
        for (Case c : cases.values()) {
            String seen = c.statuses.entrySet().stream().map(e -> e.getKey() + "×" + e.getValue())
                    .collect(Collectors.joining(" "));
            out.append(String.format("%-" + width + "s %8d  %-8s %s%n", c.name, c.requests,
                    c.failures.isEmpty() ? "ok" : Integer.toString(c.failures.size()), seen));
        }
        return out.toString();
    }

    /**
     * Where the README documents a 503 with Retry-After: a visitor run refused for a full queue or disk, readiness
     * during start-up, and the pretrained baseline until it is trained.
     */
    static boolean mayBeBusy(String target) {
        String[] parts = target.split(" ");
        if (parts.length < 2) {
            return false;
        }
        String method = parts[0];
        String path = parts[1];
        boolean read = method.equals("GET") || method.equals("HEAD");
        return method.equals("POST") && path.equals("/api/runs") || read && path.equals("/readyz")
                || read && path.equals("/api/weights?init=pretrained");
    }

    private static boolean isJsonError(Reply reply) {
        String type = reply.header("Content-Type");
        if (type == null || !type.startsWith("application/json")) {
            return false;
        }
        try {
            JsonNode node = JSON.readTree(reply.body());
            return node.path("error").isTextual() && node.path("status").asInt() == reply.status();
        } catch (Exception e) {
            return false;
        }
    }

    static String shorten(String text) {
        String line = text.replace("\r", "\\r").replace("\n", "\\n").replace("\0", "\\0");
        return line.length() <= 110 ? line : line.substring(0, 110) + "…";
    }
}
