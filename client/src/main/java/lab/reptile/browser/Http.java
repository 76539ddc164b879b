package lab.reptile.browser;

import org.teavm.jso.JSBody;
import org.teavm.jso.ajax.XMLHttpRequest;

/** GET and POST requests with an optional ETag for a conditional request; a network failure or timeout is status 0. */
final class Http {
    /** Requests that take longer count as failed, so a hung server shows the banner instead of nothing. */
    private static final int TIMEOUT_MILLIS = 8000;

    /** Receives the outcome of a request. */
    interface Response {
        /** @param etag the response's ETag header, or null */
        void handle(int status, String body, String etag);
    }

    private Http() {
    }

    /** Sends GET {@code url}; with a non-null {@code ifNoneMatch} the server may answer 304. */
    static void get(String url, String ifNoneMatch, Response response) {
        XMLHttpRequest xhr = new XMLHttpRequest();
        xhr.open("GET", url);
        setTimeout(xhr, TIMEOUT_MILLIS);
        if (ifNoneMatch != null) {
            xhr.setRequestHeader("If-None-Match", ifNoneMatch);
        }
        xhr.onComplete(() -> response.handle(xhr.getStatus(), xhr.getResponseText(), xhr.getResponseHeader("ETag")));
        xhr.send();
    }

    /** Sends POST {@code url} with a JSON body; the response's third argument is its Retry-After header, or null. */
    static void post(String url, String json, Response response) {
        XMLHttpRequest xhr = new XMLHttpRequest();
        xhr.open("POST", url);
        setTimeout(xhr, TIMEOUT_MILLIS);
        xhr.setRequestHeader("Content-Type", "application/json");
        xhr.onComplete(() -> response.handle(xhr.getStatus(), xhr.getResponseText(),
                xhr.getResponseHeader("Retry-After")));
        xhr.send(json);
    }

    @JSBody(params = {"xhr", "millis"}, script = "xhr.timeout = millis;")
    private static native void setTimeout(XMLHttpRequest xhr, int millis);
}
