package lab.reptile.server.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The load benchmarks read h2load's summary and per-request log; these are the formats of Debian's h2load 1.52. */
class H2loadTest {
    private static final String SUMMARY = """
            finished in 20.00s, 5001.60 req/s, 203.62MB/s
            requests: 100032 total, 100032 started, 100032 done, 100030 succeeded, 2 failed, 2 errored, 0 timeout
            status codes: 100020 2xx, 3 3xx, 5 4xx, 2 5xx
            traffic: 3.98GB (4272397184) total, 29.22MB (30634328) headers (space savings 0.00%), 3.95GB data
                                 min         max         mean         sd        +/- sd
            time for request:       31us     26.09ms      3.13ms      2.08ms    87.58%
            time for connect:      103us      1.46ms       851us       387us    57.81%
            """;

    @Test
    void theSummaryGivesRateOutcomesAndTimesInMilliseconds() {
        H2load.Result result = H2load.parse(SUMMARY);
        assertEquals(5001.60, result.requestsPerSecond());
        assertEquals(100030, result.succeeded());
        assertEquals(2, result.failed());
        assertEquals(100020, result.status2xx());
        assertEquals(3, result.status3xx());
        assertEquals(2 + 5 + 2, result.errors());
        assertEquals(3.13, result.meanMillis());
        assertEquals(26.09, result.maxMillis());
        assertTrue(Double.isNaN(result.p99Millis()));
    }

    @Test
    void timesInEachUnitConvert() {
        assertEquals(0.512, H2load.millis("512us"));
        assertEquals(3.21, H2load.millis("3.21ms"));
        assertEquals(1020, H2load.millis("1.02s"));
        assertThrows(IllegalArgumentException.class, () -> H2load.millis("3min"));
    }

    @Test
    void percentilesAreNearestRankOverTheLogsRequestTimes() {
        List<String> log = new ArrayList<>();
        for (int i = 1000; i >= 1; i--) { // times 1..1000 ms, logged out of order
            log.add("1764640000" + i + "\t200\t" + i * 1000);
        }
        log.add("");
        long[] micros = H2load.requestMicros(log);
        assertEquals(1000, micros.length);
        assertArrayEquals(new long[] {1000, 2000, 3000}, java.util.Arrays.copyOf(micros, 3));
        assertEquals(990, H2load.percentileMillis(micros, 0.99));
        assertEquals(999, H2load.percentileMillis(micros, 0.999));
        assertEquals(1000, H2load.percentileMillis(micros, 1));
        assertEquals(7.5, H2load.percentileMillis(new long[] {7500}, 0.99));
        assertTrue(Double.isNaN(H2load.percentileMillis(new long[0], 0.99)));
    }

    @Test
    void aSummaryWithoutTheRequestLineIsAnErrorThatShowsTheOutput() {
        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> H2load.parse("connect failed\n"));
        assertTrue(error.getMessage().contains("connect failed"), error.getMessage());
    }
}
