package lab.reptile.server.http;

import io.javalin.http.Context;
import io.javalin.http.staticfiles.ResourceHandler;
import io.javalin.http.staticfiles.StaticFileConfig;
import io.javalin.security.RouteRole;
import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import lab.reptile.server.snapshot.ContentEtag;

/**
 * The page, the compiled client and the WebJars, from the classpath, each file sent as a {@link CachedBody}: a strong
 * ETag from its bytes, gzip prepared once, {@code Vary: Accept-Encoding}, a tag of its own for the gzipped bytes.
 * Javalin's own static files sent gzip with the plain answer's weak tag and no Vary (issue 20, defect 4). Served
 * files are kept in memory once asked for: the classpath's files under these roots bound that (the WebJars hold
 * 6.2 MB, source maps included, so at most about 8 MB with their gzip); misses are not kept.
 */
final class StaticFiles implements ResourceHandler {
    /** Where a URL prefix is served from, with which Cache-Control. */
    record Root(String hostedPath, String directory, String cacheControl) {
    }

    /** Javalin's choices, kept: the page revalidates every time, a WebJar's path names its version. */
    static final List<Root> ROOTS = List.of(
            new Root("/js/", "web/js/", "max-age=0"),
            new Root("/webjars/", "META-INF/resources/webjars/", "max-age=31622400"),
            new Root("/", "web/static/", "max-age=0"));
    /**
     * Segments of letters, digits, '.', '_' and '-', none starting with '.': no "..", no hidden file, no empty
     * segment, nothing percent-encoded. A path outside this is not a file here (404), whatever it decodes to.
     */
    private static final Pattern SAFE_PATH = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*(/[A-Za-z0-9_-][A-Za-z0-9._-]*)*");
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"), Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"), Map.entry("mjs", "text/javascript; charset=utf-8"),
            Map.entry("cjs", "text/javascript; charset=utf-8"), Map.entry("map", "application/json"),
            Map.entry("json", "application/json"), Map.entry("ts", "text/plain; charset=utf-8"),
            Map.entry("md", "text/plain; charset=utf-8"), Map.entry("txt", "text/plain; charset=utf-8"),
            Map.entry("svg", "image/svg+xml"), Map.entry("png", "image/png"), Map.entry("ico", "image/x-icon"),
            Map.entry("woff2", "font/woff2"));
    /** Types that are compressed already: gzip would not make them smaller. */
    private static final Set<String> COMPRESSED = Set.of("image/png", "image/x-icon", "font/woff2");

    private record Found(Root root, CachedBody body) {
    }

    private final ClassLoader loader = StaticFiles.class.getClassLoader();
    private final Map<String, CachedBody> bodies = new ConcurrentHashMap<>();

    @Override
    public boolean canHandle(Context ctx) {
        return find(ctx) != null;
    }

    @Override
    public boolean handle(Context ctx) {
        Found found = find(ctx);
        if (found == null) {
            return false;
        }
        try {
            found.body().send(ctx, found.root().cacheControl());
        } catch (IOException e) {
            // Writing failed: the client went away mid-download. There is no one to answer, and wrapped this would
            // reach the app's error handler as an unexpected error with a stack trace.
            return true;
        }
        return true;
    }

    /** The roots are fixed in {@link #ROOTS}; Javalin's static-file configs do not apply here. */
    @Override
    public boolean addStaticFileConfig(StaticFileConfig config) {
        throw new UnsupportedOperationException("StaticFiles serves its fixed roots only, not " + config);
    }

    @Override
    public Set<RouteRole> resourceRouteRoles(Context ctx) {
        return Set.of();
    }

    private Found find(Context ctx) {
        String path = ctx.req().getRequestURI(); // raw: a percent-encoded path never matches SAFE_PATH
        for (Root root : ROOTS) {
            if (path.startsWith(root.hostedPath())) {
                String rest = path.substring(root.hostedPath().length());
                if (root.hostedPath().equals("/") && rest.isEmpty()) {
                    rest = "index.html";
                }
                CachedBody body = SAFE_PATH.matcher(rest).matches() ? body(root.directory() + rest) : null;
                return body == null ? null : new Found(root, body);
            }
        }
        return null;
    }

    /** The prepared body of classpath resource {@code name}, or null if there is no such file of a known type. */
    private CachedBody body(String name) {
        CachedBody kept = bodies.get(name);
        if (kept != null) {
            return kept;
        }
        String type = TYPES.get(name.substring(name.lastIndexOf('.') + 1));
        byte[] bytes = type == null ? null : read(name);
        if (bytes == null) {
            return null; // a miss is not kept: its name came from the request
        }
        return bodies.computeIfAbsent(name,
                n -> CachedBody.of(bytes, ContentEtag.of(bytes), type, !COMPRESSED.contains(type)));
    }

    /** The bytes of a classpath file, or null if there is none or it is a directory. */
    private byte[] read(String name) {
        URL url = loader.getResource(name);
        if (url == null) {
            return null;
        }
        try {
            URLConnection connection = url.openConnection();
            if (connection instanceof JarURLConnection jar) {
                if (jar.getJarEntry().isDirectory()) {
                    return null;
                }
            } else if (!url.getProtocol().equals("file") || Files.isDirectory(Path.of(url.toURI()))) {
                return null;
            }
            try (InputStream in = connection.getInputStream()) {
                return in.readAllBytes();
            }
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("cannot read " + name + " from the classpath (" + url + ")", e);
        }
    }
}
