package lab.reptile.server.http;

import java.util.Arrays;

import java.util.Locale;

/**
 * Parses an IP address literal as a proxy writes it into X-Forwarded-For, and gives its one canonical spelling:
 * IPv4 in plain decimal, IPv6 in RFC 5952's compressed lower case, an IPv4-mapped IPv6 address as its IPv4 one, and
 * any port dropped. Literal parsing only: {@code InetAddress.getByName} would look a host name up in DNS.
 */
final class IpLiteral {
    private IpLiteral() {
    }

    /**
     * The canonical form of {@code text} (trimmed), which may be {@code 1.2.3.4}, {@code 1.2.3.4:5678},
     * {@code 2001:db8::1} or {@code [2001:db8::1]:443}; null if it is not an address literal.
     */
    static String normalise(String text) {
        if (text == null) {
            return null;
        }
        String s = text.trim();
        if (s.length() > 64) {
            return null; // longer than any address with a port: not worth parsing
        }
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0 || !(close == s.length() - 1 || isPort(s, close + 1))) {
                return null;
            }
            int[] groups = ipv6(s.substring(1, close));
            return groups == null ? null : format(groups);
        }
        int colon = s.indexOf(':');
        if (colon >= 0 && s.indexOf(':', colon + 1) < 0) {
            return isPort(s, colon) ? ipv4String(s.substring(0, colon)) : null; // IPv4 with a port
        }
        if (colon >= 0) {
            int[] groups = ipv6(s);
            return groups == null ? null : format(groups);
        }
        return ipv4String(s);
    }

    /** True if {@code s} from {@code at} is ":" and a port, 0 to 65535. */
    private static boolean isPort(String s, int at) {
        String port = s.substring(at);
        return port.matches(":[0-9]{1,5}") && Integer.parseInt(port.substring(1)) <= 65535;
    }

    private static String ipv4String(String s) {
        int[] bytes = ipv4(s);
        return bytes == null ? null : bytes[0] + "." + bytes[1] + "." + bytes[2] + "." + bytes[3];
    }

    /** Four decimal parts of 1 to 3 digits, each at most 255; leading zeros are decimal ({@code 010} is 10). */
    private static int[] ipv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        int[] bytes = new int[4];
        for (int i = 0; i < 4; i++) {
            if (!parts[i].matches("[0-9]{1,3}")) {
                return null;
            }
            bytes[i] = Integer.parseInt(parts[i]);
            if (bytes[i] > 255) {
                return null;
            }
        }
        return bytes;
    }

    /** The eight 16-bit groups of an IPv6 literal (at most one "::", an IPv4 tail allowed), or null. */
    private static int[] ipv6(String s) {
        int gap = s.indexOf("::");
        if (gap >= 0 && s.indexOf("::", gap + 1) >= 0) {
            return null;
        }
        int[] head = gap < 0 ? groups(s) : groups(s.substring(0, gap));
        int[] tail = gap < 0 ? new int[0] : groups(s.substring(gap + 2));
        if (head == null || tail == null) {
            return null;
        }
        int given = head.length + tail.length;
        if (gap < 0 ? given != 8 : given > 7) {
            return null;
        }
        int[] all = new int[8];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(tail, 0, all, 8 - tail.length, tail.length);
        return all;
    }

    /** Colon-separated groups of 1 to 4 hex digits, the last of which may be an IPv4 address (two groups). */
    private static int[] groups(String s) {
        if (s.isEmpty()) {
            return new int[0];
        }
        String[] parts = s.split(":", -1);
        String lastPart = parts[parts.length - 1];
        int[] v4 = lastPart.contains(".") ? ipv4(lastPart) : null;
        if (lastPart.contains(".") && v4 == null) {
            return null;
        }
        int hexParts = v4 == null ? parts.length : parts.length - 1;
        int[] groups = new int[v4 == null ? hexParts : hexParts + 2];
        for (int i = 0; i < hexParts; i++) {
            if (!parts[i].matches("[0-9A-Fa-f]{1,4}")) {
                return null;
            }
            groups[i] = Integer.parseInt(parts[i], 16);
        }
        if (v4 != null) {
            groups[hexParts] = v4[0] << 8 | v4[1];
            groups[hexParts + 1] = v4[2] << 8 | v4[3];
        }
        return groups;
    }

    /**
     * The quota key of a normalised address: IPv4 as it is, IPv6 as its /64 ({@code 2001:db8:1:2::/64}). One
     * subscriber is usually given a whole /64, so counting each of its 2^64 addresses apart would let one client
     * take a fresh quota, and a fresh share of the body reads, per address.
     */
    static String quotaKey(String normalised) {
        int[] g = normalised.indexOf(':') < 0 ? null : ipv6(normalised);
        if (g == null) {
            return normalised;
        }
        Arrays.fill(g, 4, 8, 0);
        return format(g) + "/64";
    }

    /** RFC 5952: an IPv4-mapped address as IPv4; else lower-case hex, the longest run of two or more zeros as "::". */
    private static String format(int[] g) {
        if (g[0] == 0 && g[1] == 0 && g[2] == 0 && g[3] == 0 && g[4] == 0 && g[5] == 0xffff) {
            return (g[6] >> 8) + "." + (g[6] & 0xff) + "." + (g[7] >> 8) + "." + (g[7] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1; // a single zero group is not compressed
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(g[i]));
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }
}
