package lab.reptile.server.http;

import java.util.HashMap;
import java.util.Map;

/**
 * How many request bodies are being read at once, per client and in all. A body read holds a request thread until
 * the body has arrived, so without this a few hundred slow clients would hold every thread of the pool.
 */
final class BodyGate {
    /** Why a read may not start now. */
    enum Refusal {
        /** This client is reading its share of bodies already. */
        CLIENT_BUSY,
        /** The server is reading as many bodies as it reads at once. */
        SERVER_BUSY
    }

    private final int perClient;
    private final int total;
    // Guarded by this:
    private final Map<String, Integer> reading = new HashMap<>();
    private int readingTotal;

    BodyGate(int perClient, int total) {
        if (perClient < 1 || total < perClient) {
            throw new IllegalArgumentException("a body gate needs 1 <= perClient <= total, got perClient " + perClient
                    + " and total " + total);
        }
        this.perClient = perClient;
        this.total = total;
    }

    int perClient() {
        return perClient;
    }

    int total() {
        return total;
    }

    /** Counts a read by {@code client} and returns null, or returns why it may not start (counting nothing). */
    synchronized Refusal enter(String client) {
        int mine = reading.getOrDefault(client, 0);
        if (mine >= perClient) {
            return Refusal.CLIENT_BUSY;
        }
        if (readingTotal >= total) {
            return Refusal.SERVER_BUSY;
        }
        reading.put(client, mine + 1);
        readingTotal++;
        return null;
    }

    /** Ends a read that {@link #enter} let start; a client with none left is forgotten, so the map stays small. */
    synchronized void leave(String client) {
        int mine = reading.getOrDefault(client, 0);
        if (mine <= 0) {
            throw new IllegalStateException("client " + client + " is reading no body");
        }
        if (mine == 1) {
            reading.remove(client);
        } else {
            reading.put(client, mine - 1);
        }
        readingTotal--;
    }

    synchronized int reading() {
        return readingTotal;
    }
}
