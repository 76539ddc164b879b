package lab.reptile.server.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import lab.reptile.model.NetShape;
import lab.reptile.model.Params;
import lab.reptile.model.ValidationPoint;
import lab.reptile.server.lab.Run;
import lab.reptile.server.lab.RunId;
import lab.reptile.server.lab.RunSpec;
import lab.reptile.server.lab.RunState;
import lab.reptile.server.lab.RunView;
import lab.reptile.server.lab.TestRuns;
import lab.reptile.server.snapshot.ContentEtag;
import lab.reptile.server.snapshot.Snapshot;
import lab.reptile.server.training.TrainingDefaults;
import org.junit.jupiter.api.Test;

/**
 * A run's JSON is prepared once per state of what it shows, queue position included, and tagged from its bytes: the
 * same for every client and every replica, remade when anything in it changes.
 */
class RunBodiesTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final RunSpec SPEC = new RunSpec(RunId.DEFAULT, TrainingDefaults.config(), RunSpec.Origin.SERVER,
            Instant.EPOCH);
    private static final Snapshot LATEST = Snapshot.of(3, 600, 600, Params.initial(NetShape.STANDARD, new Random(1)));

    private static Run run(RunState state, long tasksDone) {
        return TestRuns.run(SPEC, new RunView(state, tasksDone, tasksDone, 1850.0, LATEST,
                List.of(new ValidationPoint(0, 4.25)), List.of(), null, null, null));
    }

    private static String text(CachedBody body) {
        return new String(body.plain(), StandardCharsets.UTF_8);
    }

    @Test
    void anUnchangedRunGetsTheBodyPreparedBeforeTaggedFromItsBytes() {
        RunBodies bodies = new RunBodies(MAPPER);
        CachedBody first = bodies.detail(run(RunState.RUNNING, 600), 0);
        assertSame(first, bodies.detail(run(RunState.RUNNING, 600), 0), "an equal view is not serialised again");
        assertEquals(ContentEtag.of(first.plain()), first.etag());
        assertTrue(text(first).contains("\"tasksDone\":600"), text(first));
        CachedBody replica = new RunBodies(MAPPER).detail(run(RunState.RUNNING, 600), 0);
        assertArrayEquals(first.plain(), replica.plain());
        assertEquals(first.etag(), replica.etag(), "another replica tags the same bytes alike");
    }

    @Test
    void aNewViewOrQueuePositionMakesANewBody() {
        RunBodies bodies = new RunBodies(MAPPER);
        CachedBody training = bodies.detail(run(RunState.RUNNING, 600), 0);
        CachedBody later = bodies.detail(run(RunState.RUNNING, 800), 0);
        assertNotEquals(training.etag(), later.etag());
        assertTrue(text(later).contains("\"tasksDone\":800"), text(later));
        CachedBody second = bodies.detail(run(RunState.QUEUED, 0), 2);
        CachedBody first = bodies.detail(run(RunState.QUEUED, 0), 1);
        assertTrue(text(second).contains("\"queuePosition\":2"), text(second));
        assertTrue(text(first).contains("\"queuePosition\":1"), text(first));
        assertNotEquals(second.etag(), first.etag());
    }
}
