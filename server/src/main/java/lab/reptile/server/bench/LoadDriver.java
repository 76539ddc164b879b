package lab.reptile.server.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A closed-loop HTTP/1.1 load generator: a fixed number of keep-alive connections to a loopback port, each sending
 * its next GET as soon as the last answer is complete, for a fixed time. One thread drives them all through a
 * selector, so the generator takes little CPU from the server it measures. Conditional mode sends the last ETag
 * the connection saw in If-None-Match, as the page does, so most answers are 304s.
 */
final class LoadDriver {
    /** Outcome of one run: answers by kind, failures, latency from send to the end of the body, own CPU time. */
    record Result(long ok, long notModified, long errors, double seconds, Latencies latencies, double cpuSeconds) {
        double requestsPerSecond() {
            return (ok + notModified) / seconds;
        }
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final long DRAIN_NANOS = 10_000_000_000L;
    private final InetSocketAddress address;
    private final String path;
    private final int connections;

    LoadDriver(InetSocketAddress address, String path, int connections) {
        if (!address.getAddress().isLoopbackAddress()) {
            throw new IllegalArgumentException("load goes to loopback only, not " + address);
        }
        if (connections < 1 || connections > 1024) {
            throw new IllegalArgumentException("connections must be in 1..1024, got " + connections);
        }
        this.address = address;
        this.path = path;
        this.connections = connections;
    }

    Result run(Duration duration, boolean conditional) throws IOException {
        long ok = 0;
        long notModified = 0;
        long errors = 0;
        Latencies latencies = new Latencies();
        ByteBuffer buffer = ByteBuffer.allocateDirect(256 * 1024);
        long cpuStart = THREADS.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        try (Selector selector = Selector.open()) {
            for (int c = 0; c < connections; c++) {
                send(open(selector), null, conditional);
            }
            while (!selector.keys().isEmpty() && System.nanoTime() < end + DRAIN_NANOS) {
                selector.select(100);
                for (SelectionKey key : selector.selectedKeys()) {
                    HttpReply reply = (HttpReply) key.attachment();
                    SocketChannel channel = (SocketChannel) key.channel();
                    buffer.clear();
                    int read;
                    try {
                        read = channel.read(buffer);
                    } catch (IOException e) {
                        read = -1;
                    }
                    buffer.flip();
                    boolean fine = read >= 0 && reply.consume(buffer);
                    boolean complete = fine && reply.complete();
                    if (!fine || complete && !reply.valid()) {
                        errors++;
                        latencies.add(System.nanoTime() - reply.sentAt());
                        key.cancel();
                        channel.close();
                        if (System.nanoTime() < end) {
                            send(open(selector), null, conditional);
                        }
                        continue;
                    }
                    if (complete) {
                        latencies.add(System.nanoTime() - reply.sentAt());
                        if (reply.status() == 304) {
                            notModified++;
                        } else {
                            ok++;
                        }
                        if (System.nanoTime() < end) {
                            send(key, reply.etag(), conditional);
                        } else {
                            key.cancel();
                            channel.close();
                        }
                    }
                }
                selector.selectedKeys().clear();
            }
            for (SelectionKey key : selector.keys()) {
                errors++; // still waiting for an answer after the drain time
                key.channel().close();
            }
        }
        return new Result(ok, notModified, errors, (System.nanoTime() - start) / 1e9, latencies,
                (THREADS.getCurrentThreadCpuTime() - cpuStart) / 1e9);
    }

    private SelectionKey open(Selector selector) throws IOException {
        SocketChannel channel = SocketChannel.open(address);
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        channel.configureBlocking(false);
        return channel.register(selector, SelectionKey.OP_READ);
    }

    /** Writes the next request; it is small enough that an idle connection's send buffer takes it at once. */
    private void send(SelectionKey key, String etag, boolean conditional) throws IOException {
        String request = "GET " + path + " HTTP/1.1\r\nHost: " + address.getHostString() + ":" + address.getPort()
                + (conditional && etag != null ? "\r\nIf-None-Match: " + etag : "") + "\r\n\r\n";
        ByteBuffer bytes = ByteBuffer.wrap(request.getBytes(StandardCharsets.ISO_8859_1));
        SocketChannel channel = (SocketChannel) key.channel();
        for (int spins = 0; bytes.hasRemaining() && spins < 1000; spins++) {
            channel.write(bytes);
        }
        if (bytes.hasRemaining()) {
            throw new IOException("could not send a request of " + bytes.capacity() + " bytes");
        }
        key.attach(new HttpReply(System.nanoTime(), etag));
    }
}
