package lab.reptile.server.http;

/**
 * Where the web app listens and who may control training.
 *
 * @param host       interface to bind, 127.0.0.1 by default
 * @param port       TCP port; 0 picks a free one
 * @param adminToken bearer token for the control endpoints, or null to disable them
 */
public record ServerOptions(String host, int port, String adminToken) {
    public ServerOptions {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must not be empty");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be in 0..65535, got " + port);
        }
    }
}
