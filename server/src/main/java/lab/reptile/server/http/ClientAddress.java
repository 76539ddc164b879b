package lab.reptile.server.http;

import io.javalin.http.Context;
import java.util.Collections;
import java.util.List;

/**
 * Who a request comes from, for quotas: the connection's remote address, or, behind a trusted reverse proxy
 * ({@code --trust-proxy}), the address that proxy appended to {@code X-Forwarded-For}: the last element across all
 * the header's lines, since everything before it came from the client. Addresses are normalised
 * ({@link IpLiteral}), so {@code 1.2.3.4}, {@code 001.002.003.004:80} and {@code ::ffff:1.2.3.4} share one quota;
 * an IPv6 client counts as its /64.
 */
record ClientAddress(boolean trustProxy) {
    String of(Context ctx) {
        List<String> lines = trustProxy ? Collections.list(ctx.req().getHeaders("X-Forwarded-For")) : List.of();
        return choose(lines, ctx.req().getRemoteAddr());
    }

    /**
     * The normalised last element of {@code forwardedLines} (in the order they came), or, when there are none or
     * that element is not an address (empty, {@code unknown}, garbage), the connection's {@code remoteAddress}: the
     * quota key must never be text the client chose.
     */
    static String choose(List<String> forwardedLines, String remoteAddress) {
        if (!forwardedLines.isEmpty()) {
            String line = forwardedLines.get(forwardedLines.size() - 1);
            String last = line.substring(line.lastIndexOf(',') + 1);
            String address = IpLiteral.normalise(last);
            if (address != null) {
                return IpLiteral.quotaKey(address);
            }
        }
        String remote = IpLiteral.normalise(remoteAddress);
        return remote != null ? IpLiteral.quotaKey(remote) : remoteAddress;
    }
}
