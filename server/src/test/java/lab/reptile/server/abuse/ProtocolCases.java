package lab.reptile.server.abuse;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

/** The HTTP layer's abuse: broken request lines and headers, huge headers, smuggling, path tricks, odd methods. */
final class ProtocolCases {
    private static final String END = "Connection: close\r\n\r\n";
    private final Wire wire;
    private final Tally tally;

    ProtocolCases(Wire wire, Tally tally) {
        this.wire = wire;
        this.tally = tally;
    }

    void malformedRequestLinesAndHeaders() {
        Tally.Case c = tally.begin("malformed request lines and headers");
        String why = "a malformed request is the client's fault";
        for (String request : new String[] {"GARBAGE\r\n\r\n", "GET /api/weights HTTP/9.9\r\nHost: x\r\n\r\n",
                "GET /api/weights HTTP/1.x\r\nHost: x\r\n\r\n", "GET /api/weights\r\n\r\n",
                "GET /api/weights HTTP/1.1 trailing\r\nHost: x\r\n" + END, "GET /api/weights HTTP/1.1\r\n" + END,
                "GET /api/weights HTTP/1.1\r\nHost: x\r\nHost: y\r\n" + END,
                "GET /api/weights HTTP/1.1\r\nHost: x\r\nNoColonHere\r\n" + END,
                "GET /api/weights HTTP/1.1\r\nHost: x\r\nX-Space : 1\r\n" + END,
                "GET /api/weights HTTP/1.1\r\nHost: x\r\n: empty-name\r\n" + END,
                "GET /api/weights HTTP/1.1\rHost: x\r\r",
                "GET /api/weights HTTP/1.1\r\nHost: x\r\nX-Nul: a\0b\r\n" + END,
                "GET /api/weights HTTP/1.1\r\nHost: x\r\nX-\u00dc: 1\r\n" + END,
                "GET /api/weights HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n" + END,
                "GET /api/weights HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999\r\n" + END,
                "GET /api/weights HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n" + END,
                "GET /api/weights HTTP/1.1\r\nHost: [::1\r\n" + END,
                "GET http://evil/api/weights HTTP/1.1\r\nHost: x\r\n"
                        + "Content-Length: 0\r\nContent-Length: 0\r\nX: \u0001\r\n" + END,
                "\u0000\u0001\u0002\u0003\r\n\r\n",
                "GET /api/weights HTTP/1.1\r\nHost: x\r\n\u0007bell: 1\r\n" + END}) {
            c.expect(request, wire.raw(request), why, 400);
        }
        c.expect("LF-only line ends", wire.raw("GET /api/weights HTTP/1.1\nHost: x\nConnection: close\n\n"),
                "bare LF is tolerated or refused", 200, 400);
        c.expect("only CRLFs", wire.raw("\r\n\r\n\r\n"), "nothing to answer", 0, 400);
        byte[] random = new byte[4096];
        new Random(20).nextBytes(random);
        c.expect("4 KB of random bytes", wire.raw(random, new byte[0]), why, 0, 400);
        byte[] tlsHello = {0x16, 0x03, 0x01, 0x00, (byte) 0xa5, 0x01, 0x00, 0x00, (byte) 0xa1, 0x03, 0x03};
        c.expect("a TLS ClientHello", wire.raw(tlsHello, new byte[0]), "not HTTP", 0, 400);
    }

    void hugeHeaders() {
        Tally.Case c = tally.begin("huge headers");
        String get = "GET /api/weights HTTP/1.1\r\nHost: x\r\n";
        c.expect("one 20 KB header", wire.raw(get + "X-Big: " + "b".repeat(20_000) + "\r\n" + END),
                "over Jetty's 8 KB header buffer", 431);
        c.expect("600 headers of 30 bytes", wire.raw(get + "X-H: aaaaaaaaaaaaaaaaaaaaaaaaa\r\n".repeat(600) + END),
                "over the header buffer", 431, 400);
        c.expect("10,000 tiny headers", wire.raw(get + "A: b\r\n".repeat(10_000) + END), "over the header buffer",
                431, 400);
        c.expect("a 20 KB URI", wire.raw("GET /" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: x\r\n" + END),
                "URI too long", 414, 431);
        c.expect("a 7 KB cookie", wire.raw(get + "Cookie: c=" + "x".repeat(7_000) + "\r\n" + END),
                "within the limit: served", 200);
        c.expect("100 headers of 50 bytes", wire.raw(get + ("X-Hundred: " + "v".repeat(37) + "\r\n").repeat(100) + END),
                "within the limit: served", 200);
        // A megabyte of header: the server must refuse it; once it stops reading, the reset may beat its 431.
        byte[] head = (get + "X-Mega: ").getBytes(StandardCharsets.US_ASCII);
        byte[] rest = ("m".repeat(1 << 20) + "\r\n" + END).getBytes(StandardCharsets.US_ASCII);
        c.expect("a 1 MB header", wire.raw(head, rest), "refused, or the connection closed", 431, 400, 0);
    }

    void headerSmuggling() {
        Tally.Case c = tally.begin("header smuggling");
        String pause = "POST /api/training/pause HTTP/1.1\r\nHost: x\r\n";
        String smuggled = "GET /api/runs/smuggled HTTP/1.1\r\nHost: x\r\n\r\n";
        String[] requests = {
            pause + "Content-Length: 6\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nG" + smuggled,
            pause + "Transfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n8\r\nSMUGGLED\r\n0\r\n\r\n" + smuggled,
            pause + "Content-Length: 0\r\nContent-Length: " + smuggled.length() + "\r\n\r\n" + smuggled,
            pause + "Content-Length: " + smuggled.length() + "\r\nContent-Length: 0\r\n\r\n" + smuggled,
            pause + "Transfer-Encoding: chunked\r\nTransfer-Encoding: identity\r\n\r\n0\r\n\r\n" + smuggled,
            pause + "Transfer-Encoding: xchunked\r\n\r\n0\r\n\r\n" + smuggled,
            pause + "Transfer-Encoding: chunked, identity\r\n\r\n0\r\n\r\n" + smuggled,
            pause + "Transfer-Encoding : chunked\r\n\r\n0\r\n\r\n" + smuggled,
            pause + "Transfer-Encoding:\r\n chunked\r\n\r\n0\r\n\r\n" + smuggled,
            pause + "Content-Length:\r\n 0\r\n\r\n" + smuggled,
            pause + "X-Fold: a\r\n b\r\nContent-Length: 0\r\n\r\n" + smuggled,
            pause + "X-Fold: a\r\n\tContent-Length: 0\r\n\r\n" + smuggled,
            pause + "Content-Length: +0\r\n\r\n" + smuggled,
            pause + "Content-Length: 0x0\r\n\r\n" + smuggled,
            pause + "Content-Length: 0 5\r\n\r\n" + smuggled,
            pause + "X-Inject: a\rContent-Length: 0\r\n\r\n" + smuggled,
            "POST /api/training/pause HTTP/1.0\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 4\r\n\r\n"
                    + "0\r\n\r\n" + smuggled,
        };
        for (String request : requests) {
            Reply reply = c.expect(request, wire.raw(request), "an ambiguous or malformed framing is refused", 400,
                    413, 431);
            c.check(reply.responses() <= 1, Tally.shorten(request) + " → " + reply.responses()
                    + " responses: the smuggled request was answered");
        }
        // Framing headers that are valid, a body that is not: the server may answer from the headers (401) without
        // reading it, but then it must not read the rest of the connection as a new request.
        for (String request : new String[] {
            pause + "Transfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFFFFFFF\r\nx\r\n0\r\n\r\n" + smuggled,
            pause + "Transfer-Encoding: chunked\r\n\r\n0;" + "e".repeat(20_000) + "\r\n\r\n" + smuggled}) {
            Reply reply = c.expect(request, wire.raw(request), "refused, or answered from the headers", 400, 401, 413);
            c.check(reply.responses() <= 1, Tally.shorten(request) + " → " + reply.responses()
                    + " responses: the smuggled request was answered");
        }
        String same = pause + "Content-Length: 5\r\nContent-Length: 5\r\n\r\n0\r\n\r\n";
        Reply reply = c.expect(same, wire.raw(same), "identical lengths may be merged or refused", 400, 401);
        c.check(reply.responses() <= 1, "identical Content-Lengths → " + reply.responses() + " responses");
    }

    void pathTricks() {
        Tally.Case c = tally.begin("path tricks");
        for (String path : new String[] {"/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd",
                "/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
                "/js/..%2f..%2fpom.xml", "/webjars/../../../etc/passwd", "/api/weights%00", "/api/weights\0",
                "/api//weights", "//api/weights", "///etc/passwd", "/%ff", "/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd",
                "/js/%c0%af%c0%af/pom.xml", "/%e0%80%ae%e0%80%ae/etc/passwd", "/js/%2e%2e/%2e%2e/pom.xml",
                "/js/reptile.js/..;/..;/pom.xml", "/.;/etc/passwd", "/%u002e%u002e/etc/passwd",
                "/\\..\\..\\etc\\passwd", "/WEB-INF/web.xml", "/META-INF/MANIFEST.MF", "/web/static/index.html",
                "/lab/reptile/server/cli/Main.class", "/js/../lab/reptile/server/cli/Main.class",
                "/webjars/chart.js/4.5.1/../../../../lab/reptile/server/cli/Main.class", "/simplelogger.properties",
                "/" + "%2e%2e/".repeat(50) + "etc/passwd", "/api/runs/default/snapshots/..%2f..%2f..%2fetc%2fpasswd",
                "/js/reptile.js%2500", "/index.html%20"}) {
            Reply reply = c.expect("GET " + path, wire.raw("GET " + path + " HTTP/1.1\r\nHost: x\r\n" + END),
                    "outside what is served: refused or not found", 400, 404);
            c.check(!reply.body().contains("root:") && !reply.body().contains("<project")
                    && !reply.body().startsWith("\u00ca\u00fe"), "GET " + path + " leaked a file: " + reply.describe());
        }
        for (String path : new String[] {"/./././api/weights", "/api/runs/default/../default", "/js/./reptile.js",
                "/api/weights;jsessionid=1", "/api/weights#frag"}) {
            c.expect("GET " + path, wire.raw("GET " + path + " HTTP/1.1\r\nHost: x\r\n" + END),
                    "resolves inside the root", 200, 400, 404);
        }
    }

    /** A few hundred distinct method names through java.net.http, then odd ones as raw bytes. */
    void unknownMethods() {
        Tally.Case c = tally.begin("unknown and random methods");
        Random random = new Random(7);
        String[] paths = {"/api/weights", "/api/runs", "/api/runs/default", "/", "/healthz", "/metrics"};
        Set<String> methods = new HashSet<>();
        while (methods.size() < 300) {
            StringBuilder name = new StringBuilder("X");
            for (int i = 0; i < 7; i++) {
                name.append((char) ('A' + random.nextInt(26)));
            }
            methods.add(name.toString());
        }
        int i = 0;
        for (String method : methods) {
            String path = paths[i++ % paths.length];
            c.expect(method + " " + path, wire.send(HttpRequest.newBuilder(wire.uri(path))
                    .method(method, HttpRequest.BodyPublishers.noBody())), "no route takes it", 405, 400);
        }
        for (String method : new String[] {"PROPFIND", "MKCOL", "LOCK", "SEARCH", "QUERY", "BREW", "PURGE", "PATCH",
                "PUT", "TRACE", "M".repeat(300)}) {
            c.expect(method + " /api/runs", wire.raw(method + " /api/runs HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n"
                    + END), "no route takes it", 405, 400);
        }
        for (String line : new String[] {"GeT /api/weights HTTP/1.1", "G\u00c9T /api/weights HTTP/1.1",
                "G(T /api/weights HTTP/1.1", "GET\t/api/weights HTTP/1.1", "CONNECT 127.0.0.1:22 HTTP/1.1",
                "CONNECT /api/weights HTTP/1.1"}) {
            c.expect(line, wire.raw(line + "\r\nHost: x\r\n" + END), "not a method any route takes", 400, 405);
        }
        c.expect("get /api/weights", wire.raw("get /api/weights HTTP/1.1\r\nHost: x\r\n" + END),
                "methods are case-sensitive; Jetty may still map it", 200, 400, 405);
        c.expect("OPTIONS *", wire.raw("OPTIONS * HTTP/1.1\r\nHost: x\r\n" + END), "no CORS, nothing to offer",
                200, 204, 400, 404, 405);
        c.expect("PRI * HTTP/2.0", wire.raw("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"), "no HTTP/2 on this connector",
                0, 400, 426);
    }
}
