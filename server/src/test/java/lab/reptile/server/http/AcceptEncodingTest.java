package lab.reptile.server.http;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which Accept-Encoding headers get the gzipped bytes: gzip or * with a quality above 0, gzip's own entry first. */
class AcceptEncodingTest {
    @Test
    void gzipOrAStarAboveQualityZeroTakesGzip() {
        for (String header : new String[] {"gzip", "GZIP", "x-gzip", "br, gzip", "gzip;q=1", "gzip; q=0.001",
                "gzip;q=1.000", "*", "*;q=0.5", "br;q=1, *;q=0.1", "identity;q=0, gzip", "gzip;level=1;q=0.5"}) {
            assertTrue(AcceptEncoding.acceptsGzip(header), header);
        }
    }

    @Test
    void noHeaderQualityZeroOrAnUnreadableQualityGetsPlainBytes() {
        for (String header : new String[] {null, "", "identity", "br, deflate", "gzip;q=0", "gzip;q=0.000",
                "GZIP; Q=0", "gzip;q=0, *", "*, gzip;q=0", "*;q=0", "gzip;q=2", "gzip;q=-1", "gzip;q=abc",
                "gzip;q=0.0001", "gzipx", "gzip2", ";;;", ";", ",,", ";q=1", ", ;"}) {
            assertFalse(AcceptEncoding.acceptsGzip(header), String.valueOf(header));
        }
    }
}
