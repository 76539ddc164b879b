package lab.reptile.server.snapshot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import lab.reptile.model.NetShape;
import lab.reptile.model.Params;
import lab.reptile.model.WeightsFile;
import lab.reptile.model.WeightsJson;
import org.junit.jupiter.api.Test;

/** A snapshot's JSON is served as it was made: readers get a read-only view, and equal snapshots are equal. */
class SnapshotTest {
    private static final Params WEIGHTS = Params.initial(new NetShape(1, 4, 1), new Random(1));

    @Test
    void theJsonIsTheCanonicalFileAndCannotBeChangedThroughTheView() throws Exception {
        Snapshot snapshot = Snapshot.of(5, 40, 40, WEIGHTS);
        String expected = WeightsJson.write(WeightsFile.of(WEIGHTS, 5, 40));
        ByteBuffer view = snapshot.json();
        assertTrue(view.isReadOnly());
        assertThrows(ReadOnlyBufferException.class, () -> view.put(0, (byte) '['));
        assertThrows(ReadOnlyBufferException.class, view::array);
        view.position(view.limit()); // reading one view to its end leaves the next one whole
        assertEquals(expected, StandardCharsets.UTF_8.decode(snapshot.json()).toString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        snapshot.writeJsonTo(out);
        assertArrayEquals(expected.getBytes(StandardCharsets.UTF_8), out.toByteArray());
    }

    @Test
    void snapshotsOfTheSameStateAreEqual() {
        Snapshot a = Snapshot.of(5, 40, 40, WEIGHTS);
        Snapshot b = Snapshot.of(5, 40, 40, Params.of(WEIGHTS.shape(), WEIGHTS.toArray()));
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, Snapshot.of(6, 40, 40, WEIGHTS));
        assertNotEquals(a, Snapshot.of(5, 40, 40, WEIGHTS.times(2)));
    }

    @Test
    void theEtagComesFromTheBytes() {
        Snapshot a = Snapshot.of(5, 40, 40, WEIGHTS);
        assertEquals(ContentEtag.of(a.jsonCopy()), a.etag());
        assertEquals(a.etag(), Snapshot.of(5, 40, 40, Params.of(WEIGHTS.shape(), WEIGHTS.toArray())).etag(),
                "the same weights give the same tag in any process");
        assertNotEquals(a.etag(), Snapshot.of(5, 40, 40, WEIGHTS.times(2)).etag());
        assertNotEquals(a.etag(), Snapshot.of(6, 40, 40, WEIGHTS).etag(), "the version is part of the bytes");
        assertTrue(a.etag().matches("\"[A-Za-z0-9_-]{22}\""), a.etag());
    }
}
