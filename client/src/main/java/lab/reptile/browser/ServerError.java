package lab.reptile.browser;

import lab.reptile.model.JsonTree;

/** Words for a failed request, for the error banner: unreachable, or the server's status and its JSON message. */
public final class ServerError {
    private ServerError() {
    }

    /**
     * @param what   what was requested, e.g. "the meta-weights"
     * @param status the HTTP status, 0 when no response came (network error, timeout)
     * @param body   the parsed response body, or null if it was not JSON
     */
    public static String message(String what, int status, JsonTree body) {
        if (status == 0) {
            return "Server unreachable: could not load " + what + ".";
        }
        String detail = "";
        JsonTree error = body == null ? null : body.get("error");
        if (error != null && error.kind() == JsonTree.Kind.STRING) {
            detail = ": " + error.string();
        }
        return "Server answered " + status + " for " + what + detail + ".";
    }
}
