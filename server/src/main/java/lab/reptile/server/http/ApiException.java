package lab.reptile.server.http;

/** A request problem that becomes a JSON error response with the given HTTP status. */
public final class ApiException extends RuntimeException {
    private final int status;

    public ApiException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
