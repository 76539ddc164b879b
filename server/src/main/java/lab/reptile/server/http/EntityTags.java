package lab.reptile.server.http;

/** Parses {@code If-None-Match} headers (RFC 9110) and matches them against a response's entity tag. */
final class EntityTags {
    private EntityTags() {
    }

    /**
     * RFC 9110 weak comparison of {@code etag} against If-None-Match: "*" or a comma-separated list of entity tags
     * (empty elements allowed). Anything else is a 400 that quotes the header.
     */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        String value = ifNoneMatch.trim();
        if (value.equals("*")) {
            return true;
        }
        boolean match = false;
        int i = skipSeparators(value, 0);
        while (i < value.length()) {
            int open = value.startsWith("W/", i) ? i + 2 : i;
            int close = open < value.length() && value.charAt(open) == '"' ? value.indexOf('"', open + 1) : -1;
            if (close < 0 || !isOpaqueTag(value, open + 1, close)) {
                throw malformed(ifNoneMatch);
            }
            match |= value.regionMatches(open, etag, 0, etag.length()) && close + 1 - open == etag.length();
            int next = skipSpaces(value, close + 1);
            if (next < value.length() && value.charAt(next) != ',') {
                throw malformed(ifNoneMatch);
            }
            i = skipSeparators(value, next);
        }
        return match;
    }

    /** etagc = %x21 / %x23-7E / obs-text: visible characters other than the double quote. */
    private static boolean isOpaqueTag(String value, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = value.charAt(i);
            if (c < 0x21 || c == 0x7f || c > 0xff) {
                return false;
            }
        }
        return true;
    }

    private static int skipSpaces(String value, int i) {
        while (i < value.length() && (value.charAt(i) == ' ' || value.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    private static int skipSeparators(String value, int i) {
        while (i < value.length() && (value.charAt(i) == ',' || value.charAt(i) == ' ' || value.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    private static ApiException malformed(String header) {
        return new ApiException(400, "If-None-Match must be * or a list of quoted entity tags like \"42\", got "
                + RequestBodies.shorten(header));
    }
}
