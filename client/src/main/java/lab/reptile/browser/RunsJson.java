package lab.reptile.browser;

import java.util.ArrayList;
import java.util.List;

import lab.reptile.model.JsonTree;

/** Reads the lab's run list and run details (see the README's API); a missing or mistyped key names itself. */
public final class RunsJson {
    private RunsJson() {
    }

    /** The {@code runs} of {@code GET /api/runs}, the default run first, as the server lists them. */
    public static List<RunSummary> list(JsonTree root) {
        JsonTree runs = member(root, "runs", JsonTree.Kind.ARRAY);
        List<RunSummary> out = new ArrayList<>();
        for (int i = 0; i < runs.length(); i++) {
            out.add(summary(runs.at(i)));
        }
        return out;
    }

    /** A run summary: the body of {@code POST /api/runs} or one entry of the list. */
    public static RunSummary summary(JsonTree run) {
        JsonTree config = member(run, "config", JsonTree.Kind.OBJECT);
        JsonTree queue = run.get("queuePosition");
        JsonTree problem = run.get("problem");
        return new RunSummary(text(run, "id"), text(run, "state"), (long) number(config, "seed"),
                (long) number(run, "tasksDone"), (long) number(run, "tasksTotal"), number(run, "tasksPerSecond"),
                queue == null || queue.kind() != JsonTree.Kind.NUMBER ? 0 : (int) queue.number(),
                problem == null || problem.kind() != JsonTree.Kind.STRING ? null : problem.string());
    }

    /** The body of {@code GET /api/runs/{id}}. */
    public static RunDetail detail(JsonTree run) {
        JsonTree timeline = member(run, "timeline", JsonTree.Kind.ARRAY);
        long[] tasks = new long[timeline.length()];
        String[] urls = new String[tasks.length];
        for (int i = 0; i < tasks.length; i++) {
            tasks[i] = (long) number(timeline.at(i), "tasksDone");
            urls[i] = text(timeline.at(i), "url");
        }
        JsonTree history = member(run, "history", JsonTree.Kind.ARRAY);
        double[] done = new double[history.length()];
        double[] mse = new double[done.length];
        for (int i = 0; i < done.length; i++) {
            done[i] = number(history.at(i), "tasksDone");
            mse[i] = number(history.at(i), "mseAt8");
        }
        List<RunDetail.ReportRow> rows = new ArrayList<>();
        JsonTree report = run.get("report");
        if (report != null && report.kind() == JsonTree.Kind.OBJECT) {
            JsonTree table = member(report, "rows", JsonTree.Kind.ARRAY);
            for (int i = 0; i < table.length(); i++) {
                JsonTree row = table.at(i);
                rows.add(new RunDetail.ReportRow((int) number(row, "k"), number(row, "mean"), optional(row, "ci95"),
                        number(row, "randomMean"), optional(row, "randomCi95")));
            }
        }
        return new RunDetail(summary(run), tasks, urls, new ProgressHistory(done, mse), rows);
    }

    private static JsonTree member(JsonTree object, String key, JsonTree.Kind kind) {
        JsonTree value = object.kind() == JsonTree.Kind.OBJECT ? object.get(key) : null;
        if (value == null || value.kind() != kind) {
            throw new IllegalArgumentException("\"" + key + "\" must be " + word(kind)
                    + ", got " + (value == null ? "nothing" : word(value.kind())));
        }
        return value;
    }

    /** The kind in words (by hand: String.toLowerCase would bring Unicode case tables into the JS). */
    private static String word(JsonTree.Kind kind) {
        return switch (kind) {
            case OBJECT -> "object";
            case ARRAY -> "array";
            case STRING -> "string";
            case NUMBER -> "number";
            case TRUE -> "true";
            case FALSE -> "false";
            case NULL -> "null";
        };
    }

    private static double number(JsonTree object, String key) {
        return member(object, key, JsonTree.Kind.NUMBER).number();
    }

    /** A number that older reports lack: NaN when missing. */
    private static double optional(JsonTree object, String key) {
        JsonTree value = object.get(key);
        return value == null || value.kind() != JsonTree.Kind.NUMBER ? Double.NaN : value.number();
    }

    private static String text(JsonTree object, String key) {
        return member(object, key, JsonTree.Kind.STRING).string();
    }
}
