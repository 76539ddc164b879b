package lab.reptile.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The quota key behind a trusted proxy: the last X-Forwarded-For element, normalised, or the connection's address. */
class ClientAddressTest {
    private static final String REMOTE = "127.0.0.1";

    @Test
    void theLastElementOfTheLastLineIsTheOneTheProxyAppended() {
        assertEquals("203.0.113.7", ClientAddress.choose(List.of("198.51.100.1", "203.0.113.7"), REMOTE));
        assertEquals("203.0.113.7", ClientAddress.choose(List.of("6.6.6.6, 7.7.7.7", "10.0.0.1, 203.0.113.7"),
                REMOTE));
        assertEquals("203.0.113.7", ClientAddress.choose(List.of("6.6.6.6,203.0.113.7"), REMOTE));
    }

    @Test
    void withoutTheHeaderTheConnectionsAddressIsTheKey() {
        assertEquals(REMOTE, ClientAddress.choose(List.of(), REMOTE));
        assertEquals("::/64", ClientAddress.choose(List.of(), "[0:0:0:0:0:0:0:1]"), "normalised too, as its /64");
    }

    @Test
    void aLastElementThatIsNoAddressFallsBackToTheConnectionNotToAnEarlierElement() {
        for (String line : new String[] {"", " ", "1.2.3.4,", "1.2.3.4, unknown", "1.2.3.4, evil.example",
                "1.2.3.4, _hidden", "1.2.3.4, 1.2.3.4.5", "1.2.3.4, 256.1.1.1", "1.2.3.4, 1.2.3.4:99999",
                "1.2.3.4, ::1::2", "1.2.3.4, fe80::1%eth0", "1.2.3.4, [::1", "1.2.3.4, [::1]x",
                "1.2.3.4, " + "1".repeat(10_000)}) {
            assertEquals(REMOTE, ClientAddress.choose(List.of(line), REMOTE), "\"" + line + "\"");
        }
    }

    @Test
    void portsLeadingZerosAndIpv6SpellingsNormaliseToOneAddress() {
        assertEquals("1.2.3.4", IpLiteral.normalise("1.2.3.4"));
        assertEquals("1.2.3.4", IpLiteral.normalise(" 1.2.3.4:5678 "));
        assertEquals("1.2.3.4", IpLiteral.normalise("001.002.003.004"));
        assertEquals("10.0.0.8", IpLiteral.normalise("010.000.000.008"), "leading zeros are decimal, not octal");
        assertEquals("2001:db8::1", IpLiteral.normalise("[2001:db8::1]:443"));
        assertEquals("2001:db8::1", IpLiteral.normalise("2001:0DB8:0000:0000:0000:0000:0000:0001"));
        assertEquals("2001:db8::1", IpLiteral.normalise("[2001:db8:0:0::1]"));
        assertEquals("2001:db8:0:1:1:1:1:1", IpLiteral.normalise("2001:db8::1:1:1:1:1"), "one zero group stays");
        assertEquals("2001:0:0:1::1", IpLiteral.normalise("2001:0:0:1:0:0:0:1"), "the longest run is compressed");
        assertEquals("2001:db8::1:0:0:1", IpLiteral.normalise("2001:db8:0:0:1:0:0:1"), "the first of equal runs");
        assertEquals("::", IpLiteral.normalise("0:0:0:0:0:0:0:0"));
        assertEquals("::1", IpLiteral.normalise("::1"));
        assertEquals("1::", IpLiteral.normalise("1::"));
        assertEquals("1.2.3.4", IpLiteral.normalise("::ffff:1.2.3.4"));
        assertEquals("1.2.3.4", IpLiteral.normalise("[::FFFF:0102:0304]:80"));
        assertEquals("64:ff9b::102:304", IpLiteral.normalise("64:ff9b::1.2.3.4"), "only the mapped prefix is IPv4");
    }

    @Test
    void textThatIsNotALiteralIsNoAddress() {
        for (String text : new String[] {null, "", "unknown", "localhost", "1.2.3", "1.2.3.4.", "1.2.3.-4",
                "1.2.3.0x4", "1234.1.1.1", "1.2.3.4:", "1.2.3.4:a", "1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8:9",
                "1::2::3", "12345::1", "::g", "[1.2.3.4]", "[::1]:", "::ffff:1.2.3", "1:2:3:4:5:6:7::8:9"}) {
            assertNull(IpLiteral.normalise(text), "\"" + text + "\"");
        }
    }

    @Test
    void anIpv6ClientCountsAsItsSlash64() {
        assertEquals("2001:db8:1:2::/64", ClientAddress.choose(List.of("2001:db8:1:2:aaaa:bbbb:cccc:dddd"), "1.1.1.1"));
        assertEquals("2001:db8:1:2::/64", ClientAddress.choose(List.of("[2001:db8:1:2::7]:443"), "1.1.1.1"));
        assertEquals("2001:db8::/64", ClientAddress.choose(List.of(), "[2001:db8:0:0:0:0:0:1]"));
        assertEquals("203.0.113.7", ClientAddress.choose(List.of("::ffff:203.0.113.7"), "1.1.1.1"), "IPv4 as it is");
    }
}
