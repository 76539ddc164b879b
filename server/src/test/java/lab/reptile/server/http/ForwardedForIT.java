package lab.reptile.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import lab.reptile.model.ReptileConfig;
import lab.reptile.model.ReptileTrainer;
import lab.reptile.server.TestLab;
import lab.reptile.server.lab.LabLimits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Behind a trusted proxy the quota key is the address the proxy appended, the last X-Forwarded-For element across
 * all the header's lines: lines a client sends before the proxy's do not give it a fresh quota (issue 20, defect 7).
 */
class ForwardedForIT {
    private static final String BODY = "{\"tasks\": 1000}";
    private TestLab lab;
    private ReptileServer server;

    @BeforeEach
    void start() {
        lab = TestLab.open(ReptileConfig.builder().seed(1).tasks(200).build(), ReptileTrainer::new,
                LabLimits.DEFAULTS);
        server = new ReptileServer(new ServerOptions("127.0.0.1", 0, "token", true), lab.lab()).start();
    }

    @AfterEach
    void stop() {
        server.close();
        lab.close();
    }

    @Test
    void clientLinesBeforeTheProxysLineShareTheProxysAddressQuota() throws Exception {
        // The same client behind the proxy (203.0.113.7), each time with other lines of its own in front, and the
        // proxy's address spelt with a port, leading zeros or as IPv4-mapped IPv6: one quota of 3 runs an hour.
        List<List<String>> requests = List.of(
                List.of("198.51.100.1", "203.0.113.7"),
                List.of("198.51.100.2, 198.51.100.3", "203.0.113.7:40123"),
                List.of("unknown", "10.0.0.1, 203.000.113.007"),
                List.of("198.51.100.4", "[::ffff:203.0.113.7]:443"));
        List<Integer> statuses = new ArrayList<>();
        for (List<String> lines : requests) {
            statuses.add(post(lines).status());
        }
        assertEquals(List.of(202, 202, 202, 429), statuses);
        assertEquals(202, post(List.of("203.0.113.7", "203.0.113.8")).status(), "another address, its own quota");
    }

    @Test
    void aLastElementThatIsNoAddressCountsAsTheConnectionsAddress() throws Exception {
        List<Integer> statuses = new ArrayList<>();
        for (String last : new String[] {"unknown", "", "evil.example", "1.2.3.4.5"}) {
            statuses.add(post(List.of("198.51.100." + statuses.size(), last)).status());
        }
        assertEquals(List.of(202, 202, 202, 429), statuses, "all four are 127.0.0.1's");
    }

    /** POST /api/runs with one X-Forwarded-For header line per element of {@code forwarded}, in order. */
    private RawHttp.Reply post(List<String> forwarded) throws Exception {
        StringBuilder request = new StringBuilder("POST /api/runs HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + BODY.length() + "\r\n");
        for (String line : forwarded) {
            request.append("X-Forwarded-For: ").append(line).append("\r\n");
        }
        RawHttp.Reply reply = RawHttp.send(server.port(), request.append("Connection: close\r\n\r\n").append(BODY)
                .toString());
        if (reply.status() != 202 && reply.status() != 429) {
            throw new AssertionError(reply.status() + " " + reply.body());
        }
        return reply;
    }
}
