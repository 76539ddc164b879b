package lab.reptile.browser;

import java.util.HashMap;
import java.util.Map;

import lab.reptile.model.JsonTree;
import lab.reptile.model.TrainingStatus;
import lab.reptile.model.WeightsFile;
import lab.reptile.model.WeightsJson;

/**
 * The server endpoints the page reads; remembers each run's last meta-weights ETag so fetching them again is a
 * conditional request, and keeps every timeline snapshot it fetched (they never change; the pretrained net neither,
 * so it is fetched until it arrives and then kept).
 */
final class ServerApi implements Backend {
    /** Outcome of a weights fetch. */
    interface WeightsHandler {
        void fresh(WeightsFile file);

        /** 304: the server still has the snapshot we hold (only a conditional request gets this). */
        default void unchanged() {
        }

        /** @param status the HTTP status, 0 when no response came; 503 means "not ready yet, ask again" */
        void failed(int status, String message);
    }

    /** Outcome of a training-status poll. */
    interface StatusHandler {
        void status(TrainingProgress status, ProgressHistory history);

        /**
         * The same answer's "pretrained" word, told before {@link #status}: "training", "ready", "failed" or "none"
         * ("none" also when a server too old to say sent no such key).
         */
        void pretrained(String word);

        void failed(String message);
    }

    private static final String PRETRAINED = "api/weights?init=pretrained";
    /** Last accepted ETag of each run's latest weights, by URL. */
    private final Map<String, String> etags = new HashMap<>();
    /** Timeline snapshots already fetched, by URL. */
    private final Map<String, WeightsFile> snapshots = new HashMap<>();

    @Override
    public void fetchWeights(String run, WeightsHandler handler) {
        String url = RunsPanel.DEFAULT_RUN.equals(run) ? "api/weights" : "api/runs/" + run + "/weights";
        fetch(url, "the meta-weights", etags.get(url), handler, true);
    }

    @Override
    public void fetchPretrained(WeightsHandler handler) {
        fetch(PRETRAINED, "the pretrained net", null, handler, false);
    }

    @Override
    public void fetchSnapshot(String url, WeightsHandler handler) {
        WeightsFile kept = snapshots.get(url);
        if (kept != null) {
            handler.fresh(kept);
            return;
        }
        fetch(url.startsWith("/") ? url.substring(1) : url, "a timeline snapshot", null, new WeightsHandler() {
            @Override
            public void fresh(WeightsFile file) {
                snapshots.put(url, file);
                handler.fresh(file);
            }

            @Override
            public void failed(int status, String message) {
                handler.failed(status, message);
            }
        }, false);
    }

    @Override
    public void listRuns(RunsAnswer answer) {
        Http.get("api/runs", null, (status, body, tag) -> {
            try {
                answer.runs(RunsJson.list(ok(status, body, "the runs")));
            } catch (IllegalArgumentException e) {
                answer.failed(e.getMessage());
            }
        });
    }

    @Override
    public void fetchRun(String id, RunAnswer answer) {
        Http.get("api/runs/" + id, null, (status, body, tag) -> {
            try {
                answer.detail(RunsJson.detail(ok(status, body, "the run " + id)));
            } catch (IllegalArgumentException e) {
                answer.failed(e.getMessage());
            }
        });
    }

    @Override
    public void startRun(String json, StartAnswer answer) {
        Http.post("api/runs", json, (status, body, retryAfter) -> {
            if (status != 202) {
                JsonTree parsed = parseOrNull(body);
                JsonTree error = parsed == null ? null : parsed.get("error");
                answer.refused(error != null && error.kind() == JsonTree.Kind.STRING ? error.string()
                        : ServerError.message("a new run", status, parsed), RunRequest.retryAfterSeconds(retryAfter));
                return;
            }
            try {
                answer.accepted(RunsJson.summary(JsTree.parse(body)));
            } catch (IllegalArgumentException e) {
                answer.refused("Server sent an invalid run: " + e.getMessage() + ".", -1);
            }
        });
    }

    /** The parsed body of a 200; else an IllegalArgumentException with the page's words for the failure. */
    private static JsonTree ok(int status, String body, String what) {
        if (status != 200) {
            throw new IllegalArgumentException(ServerError.message(what, status, parseOrNull(body)));
        }
        try {
            return JsTree.parse(body);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Server sent invalid JSON for " + what + ": " + e.getMessage() + ".");
        }
    }

    /** @param conditional keep the ETag of accepted weights, to ask for them conditionally next time */
    private void fetch(String url, String what, String etag, WeightsHandler handler, boolean conditional) {
        Http.get(url, etag, (status, body, tag) -> {
            if (status == 304) {
                handler.unchanged();
                return;
            }
            if (status != 200) {
                handler.failed(status, ServerError.message(what, status, parseOrNull(body)));
                return;
            }
            WeightsFile file;
            try {
                file = WeightsJson.read(JsTree.parse(body));
            } catch (RuntimeException e) {
                handler.failed(status, "Server sent invalid weights for " + what + ": " + e.getMessage() + ".");
                return;
            }
            if (conditional) { // the tag is kept only once the weights it names are accepted
                etags.put(url, tag);
            }
            handler.fresh(file);
        });
    }

    @Override
    public void fetchStatus(StatusHandler handler) {
        Http.get("api/training", null, (status, body, tag) -> {
            if (status != 200) {
                handler.failed(ServerError.message("the training status", status, parseOrNull(body)));
                return;
            }
            TrainingProgress parsed;
            ProgressHistory history;
            String pretrained;
            try {
                JsonTree tree = JsTree.parse(body);
                TrainingStatus read = TrainingStatus.read(tree);
                parsed = TrainingProgress.of(read);
                history = ProgressHistory.of(read);
                JsonTree word = tree.get("pretrained");
                pretrained = word == null ? "none" : word.string();
            } catch (RuntimeException e) {
                handler.failed("Server sent an invalid training status: " + e.getMessage() + ".");
                return;
            }
            handler.pretrained(pretrained);
            handler.status(parsed, history);
        });
    }

    private static JsonTree parseOrNull(String body) {
        try {
            return JsTree.parse(body);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
