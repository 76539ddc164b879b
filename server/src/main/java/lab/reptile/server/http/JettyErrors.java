package lab.reptile.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's answers to requests it refuses before Javalin sees them (broken request lines, bad headers): JSON
 * {@code {"error": ...}} like the app's own, naming the problem rather than just the status, and 400 instead of
 * Jetty's 505 for a request line whose version it cannot read, since that is a malformed request rather than a
 * server failure.
 */
final class JettyErrors extends ErrorHandler {
    private final ObjectMapper mapper = new ObjectMapper();

    JettyErrors() {
        setDefaultResponseMimeType("application/json");
        setShowStacks(false);
        setShowCauses(false);
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) throws IOException {
        int status = code == HttpStatus.HTTP_VERSION_NOT_SUPPORTED_505 ? HttpStatus.BAD_REQUEST_400 : code;
        response.setStatus(status);
        super.generateResponse(request, response, status, message, cause, callback);
    }

    @Override
    protected void writeErrorJson(Request request, PrintWriter writer, int code, String message, Throwable cause) {
        try {
            writer.write(mapper.writeValueAsString(mapper.createObjectNode()
                    .put("error", describe(code, message, cause)).put("status", code)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise an error", e);
        }
    }

    /**
     * Jetty's message; where that is only the status's reason phrase ("Bad Request" for a path above the root or
     * with a NUL), the parser's own reason, which Jetty keeps as the cause ("Bad URI", "Illegal character in path").
     */
    static String describe(int code, String message, Throwable cause) {
        String reason = HttpStatus.getMessage(code);
        if (message != null && !message.equals(reason)) {
            return message;
        }
        Throwable parserError = cause == null ? null : cause.getCause();
        return parserError != null && parserError.getMessage() != null ? parserError.getMessage() : reason;
    }
}
