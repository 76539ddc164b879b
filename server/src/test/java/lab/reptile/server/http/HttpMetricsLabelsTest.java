package lab.reptile.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Request metrics' labels come from closed sets, whatever a request says. */
class HttpMetricsLabelsTest {
    @Test
    void knownMethodsAreTheirOwnLabelAndAnyOtherIsOther() {
        for (String method : HttpMetrics.KNOWN_METHODS) {
            assertEquals(method, HttpMetrics.method(method));
        }
        for (String method : new String[] {"get", "Get", "M00000", "QUERY", "PROPFIND", "", "GET "}) {
            assertEquals("other", HttpMetrics.method(method), "\"" + method + "\"");
        }
    }

    @Test
    void statusesOutsideHttpsRangeAreOther() {
        assertEquals("200", HttpMetrics.status(200));
        assertEquals("599", HttpMetrics.status(599));
        assertEquals("other", HttpMetrics.status(99));
        assertEquals("other", HttpMetrics.status(600));
        assertEquals("other", HttpMetrics.status(-1));
    }
}
