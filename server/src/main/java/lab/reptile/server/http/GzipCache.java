package lab.reptile.server.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.GZIPOutputStream;
import lab.reptile.server.snapshot.Snapshot;

/** The latest snapshot's JSON gzipped once, so clients that accept gzip cost no compression per request. */
final class GzipCache {
    private record Entry(long version, byte[] gzip) {
    }

    private final AtomicReference<Entry> latest = new AtomicReference<>(new Entry(-1, null));

    /** The gzipped JSON of {@code snapshot}; two threads may both compress a new version, which is harmless. */
    byte[] of(Snapshot snapshot) {
        Entry entry = latest.get();
        if (entry.version() != snapshot.version()) {
            entry = new Entry(snapshot.version(), gzip(snapshot));
            latest.set(entry);
        }
        return entry.gzip();
    }

    /** True if an Accept-Encoding header lists gzip (or *) without q=0. */
    static boolean accepted(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String element : acceptEncoding.toLowerCase(Locale.ROOT).split(",")) {
            String[] parts = element.split(";");
            String coding = parts[0].trim();
            boolean refused = parts.length > 1 && parts[1].replace(" ", "").matches("q=0(\\.0*)?");
            if ((coding.equals("gzip") || coding.equals("*")) && !refused) {
                return true;
            }
        }
        return false;
    }

    private static byte[] gzip(Snapshot snapshot) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(snapshot.json().remaining() / 2);
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            snapshot.writeJsonTo(zip);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
