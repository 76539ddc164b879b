package lab.reptile.server.http;

import java.util.Locale;

/** Reads an {@code Accept-Encoding} header (RFC 9110 §12.5.3) for the one coding this server sends: gzip. */
final class AcceptEncoding {
    private AcceptEncoding() {
    }

    /**
     * True if the client takes gzip: {@code gzip} (or its alias {@code x-gzip}) listed with a quality above 0, or,
     * when it is not listed, {@code *} with a quality above 0. A gzip entry wins over {@code *}, so
     * {@code gzip;q=0, *} refuses gzip. A quality that does not parse counts as 0: when in doubt, send plain bytes,
     * which every client reads. No header, or an empty one, means no coding is wanted.
     */
    static boolean acceptsGzip(String header) {
        if (header == null) {
            return false;
        }
        double gzip = -1;
        double any = -1;
        for (String element : header.toLowerCase(Locale.ROOT).split(",")) {
            String[] parts = element.split(";", -1); // -1: ";;;" gives empty parts, never an empty array
            String coding = parts[0].trim();
            if (coding.equals("gzip") || coding.equals("x-gzip")) {
                gzip = Math.max(gzip, quality(parts));
            } else if (coding.equals("*")) {
                any = Math.max(any, quality(parts));
            }
        }
        return gzip >= 0 ? gzip > 0 : any > 0;
    }

    /** The q parameter of an element (1 without one); 0 for one outside RFC 9110's {@code qvalue} syntax. */
    private static double quality(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].trim();
            if (parameter.startsWith("q=")) {
                String value = parameter.substring(2).trim();
                return value.matches("0(\\.[0-9]{0,3})?|1(\\.0{0,3})?") ? Double.parseDouble(value) : 0;
            }
        }
        return 1;
    }
}
