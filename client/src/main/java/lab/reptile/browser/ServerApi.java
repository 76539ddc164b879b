package lab.reptile.browser;

import lab.reptile.model.JsonTree;
import lab.reptile.model.TrainingStatus;
import lab.reptile.model.WeightsFile;
import lab.reptile.model.WeightsJson;

/**
 * The server endpoints the page reads; remembers the meta-weights' last ETag so fetching them again is a conditional
 * request (the pretrained net never changes, so it is fetched until it arrives and then kept).
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

        void failed(String message);
    }

    private static final String META = "api/weights";
    private static final String PRETRAINED = "api/weights?init=pretrained";
    private String metaEtag;

    @Override
    public void fetchWeights(WeightsHandler handler) {
        fetch(META, "the meta-weights", metaEtag, handler);
    }

    @Override
    public void fetchPretrained(WeightsHandler handler) {
        fetch(PRETRAINED, "the pretrained net", null, handler);
    }

    private void fetch(String url, String what, String etag, WeightsHandler handler) {
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
            if (url.equals(META)) { // the tag is kept only once the weights it names are accepted
                metaEtag = tag;
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
            try {
                TrainingStatus read = TrainingStatus.read(JsTree.parse(body));
                parsed = TrainingProgress.of(read);
                history = ProgressHistory.of(read);
            } catch (RuntimeException e) {
                handler.failed("Server sent an invalid training status: " + e.getMessage() + ".");
                return;
            }
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
