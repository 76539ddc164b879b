package lab.reptile.server.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A run's timeline snapshots as replicas serve them: fetched by URL, compared byte for byte. */
final class Timelines {
    private Timelines() {
    }

    /** The snapshot URLs (paths from {@code /}) that {@code server} lists for run {@code id} now, by index. */
    static List<String> urls(String server, String id) throws Exception {
        List<String> urls = new ArrayList<>();
        for (JsonNode entry : LabHttp.json(server + "api/runs/" + id).path("timeline")) {
            urls.add(entry.path("url").asText());
        }
        return urls;
    }

    /**
     * Fetches every URL listed by every one of {@code servers} from each of them: the same bytes and ETag everywhere,
     * and the bytes already in {@code seen} for a URL fetched before (a snapshot URL never changes); adds the new.
     */
    static void checkSameEverywhere(List<String> servers, String id, Map<String, byte[]> seen) throws Exception {
        List<String> common = urls(servers.get(0), id);
        for (String server : servers) {
            common.retainAll(urls(server, id)); // a replica may list the newest entry a refresh later
        }
        for (String url : common) {
            LabHttp.Reply first = null;
            for (String server : servers) {
                LabHttp.Reply reply = LabHttp.get(server + url.substring(1));
                assertEquals(200, reply.status(), server + url + ": " + reply.text());
                if (first != null) {
                    assertArrayEquals(first.body(), reply.body(), "the same bytes of " + url + " on " + server);
                    assertEquals(first.etag(), reply.etag(), "the same ETag of " + url + " on " + server);
                }
                first = reply;
            }
            byte[] before = seen.putIfAbsent(url, first.body());
            if (before != null) {
                assertArrayEquals(before, first.body(), url + " never changes its bytes");
            }
        }
    }

    /** Snapshot {@code index} of run {@code id} on {@code server}, by its listed URL. */
    static byte[] bytes(String server, String id, int index) throws Exception {
        String url = urls(server, id).get(index);
        LabHttp.Reply reply = LabHttp.get(server + url.substring(1));
        assertEquals(200, reply.status(), url + ": " + reply.text());
        return reply.body();
    }
}
