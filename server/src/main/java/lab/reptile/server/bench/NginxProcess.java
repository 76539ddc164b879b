package lab.reptile.server.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Debian's nginx running the recipe deploy/nginx.conf as a child process: one process (no daemon, no master) on a
 * free loopback port, its cache, temp files and logs in a directory of its own, the recipe's upstream pointed at the
 * given origins, client connections kept alive without a request limit. Used by the benchmarks and by NginxCacheIT.
 */
public final class NginxProcess implements AutoCloseable {
    public static final Path BINARY = Path.of("/usr/sbin/nginx");
    /** The recipe's upstream servers (two web replicas), all replaced by the origins' addresses. */
    static final String UPSTREAM_LINES = "    server 127.0.0.1:8080;\n    server 127.0.0.1:8081;\n";
    private static final long START_TIMEOUT_NANOS = 20_000_000_000L;

    private final Process process;
    private final Path dir;
    private final int port;

    private NginxProcess(Process process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
    }

    /**
     * Starts nginx with {@code recipe} in front of the servers on {@code originPorts} (one line each in the upstream,
     * as the recipe says to list replicas), working in {@code dir}; returns once it accepts connections.
     */
    public static NginxProcess start(Path recipe, Path dir, List<Integer> originPorts)
            throws IOException, InterruptedException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path conf = dir.resolve("nginx.conf");
        Files.writeString(conf, mainConfig(Files.readString(recipe), dir, port, originPorts));
        Process process = new ProcessBuilder(BINARY.toString(), "-p", dir.toString(), "-c", conf.toString(), "-e",
                dir.resolve("error.log").toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("nginx.out").toFile()).start();
        NginxProcess nginx = new NginxProcess(process, dir, port);
        long deadline = System.nanoTime() + START_TIMEOUT_NANOS;
        while (true) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return nginx;
            } catch (IOException e) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    nginx.close();
                    throw new IOException("nginx did not start: " + nginx.logs(), e);
                }
                Thread.sleep(50);
            }
        }
    }

    /** The recipe as a whole nginx.conf: the site inside an http block, every path under {@code dir}. */
    static String mainConfig(String recipe, Path dir, int port, List<Integer> originPorts) {
        if (!recipe.contains(UPSTREAM_LINES) || !recipe.contains("listen 80;")) {
            throw new IllegalArgumentException("the recipe has no lines \"" + UPSTREAM_LINES.strip()
                    + "\" or \"listen 80;\" to point at the test's servers");
        }
        String servers = originPorts.stream().map(p -> "    server 127.0.0.1:" + p + ";\n")
                .collect(Collectors.joining());
        String site = recipe.replace(UPSTREAM_LINES, servers).replace("listen 80;", "listen 127.0.0.1:" + port + ";")
                .replace("/var/cache/nginx/reptile", dir.resolve("cache").toString());
        String temp = dir.toString();
        return "daemon off;\nmaster_process off;\npid " + temp + "/nginx.pid;\nerror_log " + temp + "/error.log;\n"
                + "events { worker_connections 1024; }\nhttp {\naccess_log off;\n"
                // h2load does not reopen a connection that nginx closes after its default 1,000 requests, so a
                // fixed-rate run would lose its connections one by one: here a connection lasts the whole run.
                + "keepalive_requests 10000000;\n"
                + "client_body_temp_path " + temp + "/client_temp;\nproxy_temp_path " + temp + "/proxy_temp;\n"
                + "fastcgi_temp_path " + temp + "/fastcgi_temp;\nuwsgi_temp_path " + temp + "/uwsgi_temp;\n"
                + "scgi_temp_path " + temp + "/scgi_temp;\n" + site + "\n}\n";
    }

    public int port() {
        return port;
    }

    /** The URL of {@code path} through nginx. */
    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }


    /** What nginx printed and logged, for a failure message. */
    public String logs() {
        return read("nginx.out") + read("error.log");
    }

    private String read(String name) {
        try {
            return Files.readString(dir.resolve(name));
        } catch (IOException e) {
            return "(no " + name + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
