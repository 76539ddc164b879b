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
import java.util.Comparator;
import java.util.PriorityQueue;

/**
 * An HTTP/1.1 load generator: a fixed number of keep-alive connections to a loopback port for a fixed time, driven
 * by one thread through a selector so it takes little CPU from the server it measures. Closed loop (rate 0): each
 * connection sends its next GET as soon as the last answer is complete. Fixed rate: the requests are spread evenly
 * over the connections at that many per second, and latency counts from when a request was due, not when it could
 * be sent (no coordinated omission, as in wrk2). Conditional mode sends the last ETag the connection saw in
 * If-None-Match, as the page does, so most answers are 304s.
 */
final class LoadDriver {
    /** Outcome of one run: answers by kind, failures, latency, and the generator's own CPU time. */
    record Result(long ok, long notModified, long errors, double seconds, Latencies latencies, double cpuSeconds) {
        double requestsPerSecond() {
            return (ok + notModified) / seconds;
        }
    }

    /** A connection waiting until its next request is due. */
    private record Due(long at, SelectionKey key, String etag) {
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

    /** Runs for {@code duration}; {@code rate} requests per second in all, or 0 for as fast as answers come. */
    Result run(Duration duration, boolean conditional, double rate) throws IOException {
        long ok = 0;
        long notModified = 0;
        long errors = 0;
        Latencies latencies = new Latencies();
        ByteBuffer buffer = ByteBuffer.allocateDirect(256 * 1024);
        long interval = rate > 0 ? (long) (connections * 1e9 / rate) : 0; // per connection
        PriorityQueue<Due> waiting = new PriorityQueue<>(Comparator.comparingLong(Due::at));
        try (Selector selector = Selector.open()) {
            SelectionKey[] keys = new SelectionKey[connections];
            for (int c = 0; c < connections; c++) {
                keys[c] = open(selector);
            }
            // The clock starts once every connection is open: this measures requests, not connection set-up.
            long cpuStart = THREADS.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            long end = start + duration.toNanos();
            for (int c = 0; c < connections; c++) {
                waiting.add(new Due(start + interval * c / connections, keys[c], null));
            }
            while (!selector.keys().isEmpty() && System.nanoTime() < end + DRAIN_NANOS) {
                long now = System.nanoTime();
                // Requests due within the selector's 1 ms resolution go now rather than spinning until they are due.
                while (!waiting.isEmpty() && waiting.peek().at() <= now + 1_000_000) {
                    Due due = waiting.poll();
                    send(due.key(), due.etag(), conditional, due.at());
                }
                selector.select(waiting.isEmpty() ? 100 : Math.max(1, (waiting.peek().at() - now) / 1_000_000));
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
                    boolean fine = reply != null && read >= 0 && reply.consume(buffer);
                    boolean complete = fine && reply.complete();
                    if (!fine || complete && !reply.valid()) {
                        errors++;
                        key.cancel();
                        channel.close();
                        if (System.nanoTime() < end) {
                            waiting.add(new Due(System.nanoTime(), open(selector), null));
                        }
                    } else if (complete) {
                        long done = System.nanoTime();
                        latencies.add(done - reply.sentAt());
                        if (reply.status() == 304) {
                            notModified++;
                        } else {
                            ok++;
                        }
                        long next = interval > 0 ? reply.dueAt() + interval : done;
                        if (next < end) {
                            waiting.add(new Due(next, key, reply.etag()));
                        } else {
                            key.cancel();
                            channel.close();
                        }
                    }
                }
                selector.selectedKeys().clear();
            }
            for (SelectionKey key : selector.keys()) {
                errors += key.isValid() && key.attachment() != null ? 1 : 0; // no answer within the drain time
                key.channel().close();
            }
            return new Result(ok, notModified, errors, (System.nanoTime() - start) / 1e9, latencies,
                    (THREADS.getCurrentThreadCpuTime() - cpuStart) / 1e9);
        }
    }

    private SelectionKey open(Selector selector) throws IOException {
        SocketChannel channel = SocketChannel.open(address);
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        channel.configureBlocking(false);
        return channel.register(selector, SelectionKey.OP_READ);
    }

    /** Writes the next request; it is small enough that an idle connection's send buffer takes it at once. */
    private void send(SelectionKey key, String etag, boolean conditional, long dueAt) throws IOException {
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
        key.attach(new HttpReply(Math.min(dueAt, System.nanoTime()), dueAt, etag));
    }
}
