package lab.reptile.server.lab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import lab.reptile.model.Evaluation;
import lab.reptile.server.training.ConfigJson;
import lab.reptile.model.ValidationPoint;

/**
 * The JSON of a run's parts, one shape for its files and for the API: the run file ({@code reptile-run-v1}: spec,
 * state, problem), the learning curve and the report. Reading checks what it needs, with messages naming the key.
 */
public final class RunJson {
    static final String FORMAT = "reptile-run-v1";

    private RunJson() {
    }

    /** The run file: {"format", "id", "generation", "origin", "createdAt", "state", "problem", "config"}. */
    static ObjectNode runFile(ObjectMapper mapper, RunSpec spec, RunState state, String problem) {
        ObjectNode node = mapper.createObjectNode().put("format", FORMAT).put("id", spec.id().value())
                .put("generation", spec.generation()).put("origin", spec.origin().apiName())
                .put("createdAt", spec.createdAt().toString())
                .put("state", state.apiName()).put("problem", problem);
        node.set("config", ConfigJson.write(mapper, spec.config()));
        return node;
    }

    /** A run file read back: its spec, the state it was saved in and its problem (or null). */
    record StoredState(RunSpec spec, RunState state, String problem) {
    }

    static StoredState readRunFile(JsonNode node) {
        if (!FORMAT.equals(node.path("format").asText())) {
            throw new IllegalArgumentException("format must be " + FORMAT + ", got " + node.path("format"));
        }
        RunId id = RunId.parse(text(node, "id"));
        Instant createdAt = Instant.parse(text(node, "createdAt"));
        String generation = node.has("generation") ? text(node, "generation")
                : RunSpec.legacyGeneration(id, createdAt); // a run file of a release before generations
        RunSpec spec = new RunSpec(id, ConfigJson.read(node.get("config")),
                RunSpec.Origin.fromApiName(text(node, "origin")), createdAt, generation);
        JsonNode problem = node.get("problem");
        return new StoredState(spec, RunState.fromApiName(text(node, "state")),
                problem == null || problem.isNull() ? null : problem.asText());
    }

    /** The learning curve: [{"tasksDone", "mseAt8"}, ...]. */
    public static ArrayNode curve(ObjectMapper mapper, List<ValidationPoint> points) {
        ArrayNode array = mapper.createArrayNode();
        for (ValidationPoint point : points) {
            array.addObject().put("tasksDone", point.tasksDone()).put("mseAt8", point.mseAt8());
        }
        return array;
    }

    static List<ValidationPoint> readCurve(JsonNode array) {
        if (!array.isArray()) {
            throw new IllegalArgumentException("the learning curve must be an array");
        }
        List<ValidationPoint> points = new ArrayList<>();
        for (JsonNode point : array) {
            points.add(new ValidationPoint(point.path("tasksDone").asLong(), point.path("mseAt8").asDouble()));
        }
        return points;
    }

    /**
     * The report: {"tasks", "seed", "lr", "rows": [{"k", "mean", "ci95", "randomMean", "randomCi95"}, ...]}, one row
     * per k of the protocol.
     */
    public static ObjectNode report(ObjectMapper mapper, RunReport report) {
        ObjectNode node = mapper.createObjectNode().put("tasks", report.meta().tasks())
                .put("seed", Evaluation.DEFAULT_SEED).put("lr", Evaluation.DEFAULT_LR);
        ArrayNode rows = node.putArray("rows");
        for (int r = 0; r < report.meta().rows().size(); r++) {
            Evaluation.Row meta = report.meta().rows().get(r);
            Evaluation.Row random = report.randomInit().rows().get(r);
            rows.addObject().put("k", meta.steps()).put("mean", meta.mean()).put("ci95", meta.ci95())
                    .put("randomMean", random.mean()).put("randomCi95", random.ci95());
        }
        return node;
    }

    static RunReport readReport(JsonNode node) {
        int tasks = node.path("tasks").asInt();
        List<Evaluation.Row> meta = new ArrayList<>();
        List<Evaluation.Row> random = new ArrayList<>();
        for (JsonNode row : node.path("rows")) {
            int k = row.path("k").asInt();
            meta.add(new Evaluation.Row(k, row.path("mean").asDouble(), row.path("ci95").asDouble()));
            random.add(new Evaluation.Row(k, row.path("randomMean").asDouble(), row.path("randomCi95").asDouble()));
        }
        if (meta.size() != Evaluation.STEPS.length) {
            throw new IllegalArgumentException("a report needs " + Evaluation.STEPS.length + " rows, got "
                    + meta.size());
        }
        return new RunReport(new Evaluation.Table(tasks, meta), new Evaluation.Table(tasks, random));
    }

    private static String text(JsonNode node, String key) {
        JsonNode value = node.get(key);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("missing text \"" + key + "\" in the run file");
        }
        return value.asText();
    }
}
