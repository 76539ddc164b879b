package lab.reptile.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What a page behind a load balancer does: reads a run's detail from one replica, then fetches the newest snapshot
 * it lists from another at once. Refreshes of the two replicas' catalogues are not in step.
 */
final class CrossReplicaReads {
    private CrossReplicaReads() {
    }

    /**
     * For {@code window}, repeatedly lists run {@code id}'s timeline on {@code lister} and fetches its newest entry
     * from {@code reader}; returns each fetch that was not a 200, as {@code "<status> <url>"}, and how many were made.
     */
    static Result newestSnapshots(String lister, String reader, String id, Duration window) throws Exception {
        long end = System.nanoTime() + window.toNanos();
        List<String> failed = new ArrayList<>();
        int fetched = 0;
        while (System.nanoTime() < end) {
            JsonNode timeline = LabHttp.json(lister + "api/runs/" + id).path("timeline");
            if (!timeline.isEmpty()) {
                String url = timeline.get(timeline.size() - 1).path("url").asText();
                LabHttp.Reply reply = LabHttp.get(reader + url.substring(1));
                fetched++;
                if (reply.status() != 200) {
                    failed.add(reply.status() + " " + url);
                }
            }
            Thread.sleep(20);
        }
        return new Result(fetched, failed);
    }

    /** The fetches made and those that failed. */
    record Result(int fetched, List<String> failed) {
    }
}
