package lab.reptile.server.http;

/**
 * Where the web app listens, who may control training, and whom to believe about a client's address.
 *
 * @param host       interface to bind, 127.0.0.1 by default
 * @param port       TCP port; 0 picks a free one
 * @param adminToken bearer token for the control endpoints, or null to disable them
 * @param trustProxy take a client's address from X-Forwarded-For (only behind a reverse proxy that sets it)
 */
public record ServerOptions(String host, int port, String adminToken, boolean trustProxy) {
    public ServerOptions {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must not be empty");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be in 0..65535, got " + port);
        }
    }

    /** Not behind a proxy: clients are the connections' remote addresses. */
    public ServerOptions(String host, int port, String adminToken) {
        this(host, port, adminToken, false);
    }
}
