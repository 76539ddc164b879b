package lab.reptile.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;

/** Writes JSON bodies and {@code {"error": "..."}} responses. */
final class JsonResponses {
    private JsonResponses() {
    }

    static void send(Context ctx, ObjectMapper mapper, int status, JsonNode body) {
        ctx.status(status).contentType("application/json").result(bytes(mapper, body));
    }

    /** The UTF-8 bytes of {@code body}: the same tree always gives the same bytes. */
    static byte[] bytes(ObjectMapper mapper, JsonNode body) {
        try {
            return mapper.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a JSON tree", e);
        }
    }

    static void error(Context ctx, ObjectMapper mapper, int status, String message) {
        send(ctx, mapper, status, mapper.createObjectNode().put("error", message).put("status", status));
    }
}
