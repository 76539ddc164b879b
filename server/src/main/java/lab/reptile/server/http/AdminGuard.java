package lab.reptile.server.http;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Lets only the operator change training: control endpoints need {@code Authorization: Bearer <token>}. Without a
 * configured token they are disabled (403); a missing or wrong token gets 401. The scheme may be in any case; the
 * token is compared in constant time.
 */
final class AdminGuard {
    private final byte[] token;

    AdminGuard(String token) {
        this.token = token == null || token.isEmpty() ? null : token.getBytes(StandardCharsets.UTF_8);
    }

    void check(Context ctx) {
        if (token == null) {
            throw new ApiException(403, "control endpoints are disabled: start the server with --admin-token "
                    + "or REPTILE_ADMIN_TOKEN to enable them");
        }
        String header = ctx.header("Authorization");
        int space = header == null ? -1 : header.indexOf(' ');
        if (space < 0 || !header.substring(0, space).equalsIgnoreCase("Bearer")) { // schemes ignore case (RFC 9110)
            ctx.header("WWW-Authenticate", "Bearer");
            throw new ApiException(401, "missing admin token: send Authorization: Bearer <token>");
        }
        byte[] given = header.substring(space + 1).trim().getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(given, token)) {
            ctx.header("WWW-Authenticate", "Bearer");
            throw new ApiException(401, "wrong admin token");
        }
    }
}
