package lab.reptile.browser;

import lab.reptile.model.WeightsFile;

/** The two server endpoints the page reads; remembers the last ETag so fetching weights is a conditional request. */
final class ServerApi {
    /** Outcome of a weights fetch. */
    interface WeightsHandler {
        void fresh(WeightsFile file);

        /** 304: the server still has the snapshot we hold. */
        void unchanged();

        void failed(String message);
    }

    /** Outcome of a training-status poll. */
    interface StatusHandler {
        void status(TrainingStatus status);

        void failed(String message);
    }

    private String etag;

    void fetchWeights(WeightsHandler handler) {
        Http.get("api/weights", etag, (status, body, tag) -> {
            if (status == 304) {
                handler.unchanged();
                return;
            }
            if (status != 200) {
                handler.failed(ServerError.message("the meta-weights", status, parseOrNull(body)));
                return;
            }
            WeightsFile file;
            try {
                file = WeightsReader.read(JsTree.parse(body));
            } catch (RuntimeException e) {
                handler.failed("Server sent invalid meta-weights: " + e.getMessage() + ".");
                return;
            }
            etag = tag; // kept only once the weights it names are accepted
            handler.fresh(file);
        });
    }

    void fetchStatus(StatusHandler handler) {
        Http.get("api/training", null, (status, body, tag) -> {
            if (status != 200) {
                handler.failed(ServerError.message("the training status", status, parseOrNull(body)));
                return;
            }
            TrainingStatus parsed;
            try {
                parsed = TrainingStatus.read(JsTree.parse(body));
            } catch (RuntimeException e) {
                handler.failed("Server sent an invalid training status: " + e.getMessage() + ".");
                return;
            }
            handler.status(parsed);
        });
    }

    private static Tree parseOrNull(String body) {
        try {
            return JsTree.parse(body);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
