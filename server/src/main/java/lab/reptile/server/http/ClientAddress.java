package lab.reptile.server.http;

import io.javalin.http.Context;

/**
 * Who a request comes from, for quotas: the connection's remote address, or, behind a trusted reverse proxy
 * ({@code --trust-proxy}), the last address in {@code X-Forwarded-For}, which that proxy appended.
 */
record ClientAddress(boolean trustProxy) {
    String of(Context ctx) {
        String forwarded = trustProxy ? ctx.header("X-Forwarded-For") : null;
        if (forwarded != null) {
            String[] hops = forwarded.split(",");
            String last = hops[hops.length - 1].trim();
            if (!last.isEmpty()) {
                return last;
            }
        }
        return ctx.req().getRemoteAddr();
    }
}
