package lab.reptile.server.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;
import lab.reptile.model.NetShape;
import lab.reptile.model.Params;
import lab.reptile.server.snapshot.ContentEtag;
import lab.reptile.server.snapshot.Snapshot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A burst of requests for a body not yet prepared prepares it once: {@link BodyCache} for runs' weights and
 * snapshots, {@link LatestBody} for the default run's latest and for the JSON that followers of a run poll.
 * Gzipping each copy per request starved training.
 */
class PreparedBodiesTest {
    private static final int BURST = 32;
    private final ExecutorService pool = Executors.newFixedThreadPool(BURST);

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    @Test
    void aBurstForOneBodyReadsItsSourceOnceAndAllGetThatBody() throws Exception {
        BodyCache cache = new BodyCache();
        AtomicInteger reads = new AtomicInteger();
        byte[] json = "{\"weights\": [1, 2, 3]}".getBytes(StandardCharsets.UTF_8);
        List<CachedBody> bodies = burst(() -> cache.of("\"a\"", () -> {
            reads.incrementAndGet();
            pause(50); // a file read and a gzip: long enough for the whole burst to arrive meanwhile
            return json;
        }));
        assertEquals(1, reads.get());
        for (CachedBody body : bodies) {
            assertSame(bodies.get(0), body);
        }
        assertArrayEquals(json, bodies.get(0).plain());
        assertArrayEquals(json, new GZIPInputStream(new ByteArrayInputStream(bodies.get(0).gzip())).readAllBytes());
        assertSame(bodies.get(0), cache.of("\"a\"", () -> {
            throw new AssertionError("a kept body is not read again");
        }));
    }

    @Test
    void aFailedReadFailsEveryWaiterAndIsNotKept() throws Exception {
        BodyCache cache = new BodyCache();
        CountDownLatch reading = new CountDownLatch(1);
        Future<CachedBody> first = pool.submit(() -> cache.of("\"b\"", () -> {
            reading.countDown();
            pause(100);
            throw new IOException("snapshot file missing");
        }));
        reading.await();
        Future<CachedBody> waiter = pool.submit(() -> cache.of("\"b\"", () -> {
            throw new AssertionError("the waiter must wait for the read in flight");
        }));
        for (Future<CachedBody> request : List.of(first, waiter)) {
            Exception failure = assertThrows(Exception.class, request::get);
            assertEquals("snapshot file missing", failure.getCause().getMessage());
        }
        byte[] json = "{}".getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(json, cache.of("\"b\"", () -> json).plain());
    }

    @Test
    void aBurstForANewSnapshotGetsOneBodyOfThatSnapshot() throws Exception {
        LatestBody latest = new LatestBody();
        NetShape shape = NetShape.STANDARD; // 90 KB of JSON: its gzip takes milliseconds, so the burst overlaps it
        Snapshot older = Snapshot.of(1, 10, 10, Params.initial(shape, new Random(1)));
        Snapshot newer = Snapshot.of(2, 20, 20, Params.initial(shape, new Random(2)));
        CachedBody olderBody = latest.of(older);
        List<CachedBody> bodies = burst(() -> latest.of(newer));
        for (CachedBody body : bodies) {
            assertSame(bodies.get(0), body);
        }
        assertEquals(newer.etag(), bodies.get(0).etag());
        assertArrayEquals(newer.jsonCopy(), bodies.get(0).plain());
        assertEquals(older.etag(), olderBody.etag());
        assertSame(olderBody, latest.of(older), "a request that read the snapshot before the publish still hits");
        assertSame(bodies.get(0), latest.of(newer), "and does not push the newer one out");
    }

    /** A stand-in for what a run's JSON is made of: compared by value, as the endpoints' records are. */
    private record State(String run, long tasksDone) {
    }

    @Test
    void aBurstForOneStateMakesItsJsonOnceTaggedFromItsBytes() throws Exception {
        LatestBody latest = new LatestBody();
        AtomicInteger made = new AtomicInteger();
        byte[] json = "{\"id\":\"default\",\"tasksDone\":1200}".getBytes(StandardCharsets.UTF_8);
        List<CachedBody> bodies = burst(() -> latest.ofJson(new State("default", 1200), () -> {
            made.incrementAndGet();
            pause(50); // serialising and gzipping: long enough for the whole burst to arrive meanwhile
            return json;
        }));
        assertEquals(1, made.get());
        for (CachedBody body : bodies) {
            assertSame(bodies.get(0), body);
        }
        assertEquals(ContentEtag.of(json), bodies.get(0).etag());
        assertArrayEquals(json, new GZIPInputStream(new ByteArrayInputStream(bodies.get(0).gzip())).readAllBytes());
        assertSame(bodies.get(0), latest.ofJson(new State("default", 1200), () -> {
            throw new AssertionError("an equal state is not made again");
        }));
        assertEquals(ContentEtag.of(json), new LatestBody().ofJson(new State("default", 1200), () -> json).etag(),
                "another server (a replica) tags the same bytes alike");
    }

    @Test
    void aNewStateIsMadeAgainAndTheOneBeforeItStillHits() {
        LatestBody latest = new LatestBody();
        byte[] older = "{\"tasksDone\":1200}".getBytes(StandardCharsets.UTF_8);
        byte[] newer = "{\"tasksDone\":1400}".getBytes(StandardCharsets.UTF_8);
        CachedBody olderBody = latest.ofJson(new State("default", 1200), () -> older);
        CachedBody newerBody = latest.ofJson(new State("default", 1400), () -> newer);
        assertArrayEquals(newer, newerBody.plain());
        assertNotEquals(olderBody.etag(), newerBody.etag());
        assertSame(olderBody, latest.ofJson(new State("default", 1200), () -> {
            throw new AssertionError("a request that read the state just before a publish still hits");
        }));
        assertSame(newerBody, latest.ofJson(new State("default", 1400), () -> {
            throw new AssertionError("and does not push the newer one out");
        }));
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs {@code request} on {@link #BURST} threads released at once; their answers. */
    private List<CachedBody> burst(Callable<CachedBody> request) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<CachedBody>> futures = new ArrayList<>();
        for (int i = 0; i < BURST; i++) {
            futures.add(pool.submit(() -> {
                start.await();
                return request.call();
            }));
        }
        start.countDown();
        List<CachedBody> bodies = new ArrayList<>();
        for (Future<CachedBody> future : futures) {
            bodies.add(future.get());
        }
        return bodies;
    }
}
