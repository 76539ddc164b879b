package lab.reptile.server.abuse;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lab.reptile.server.http.RawHttp;

/**
 * What came back for one abusive request: the first response's status (0 if the server closed or reset the
 * connection without one), its header lines and body, how many responses arrived on the connection, and a note on
 * how the connection ended (a write that failed, a reset, a read timeout) or empty, and the status of every response.
 */
record Reply(int status, List<String> headers, String body, int responses, String note, long millis,
             List<Integer> statuses) {
    private static final Pattern STATUS_LINE = Pattern.compile("(?m)^HTTP/1\\.[01] (\\d{3})");

    String header(String name) {
        String prefix = name.toLowerCase(Locale.ROOT) + ":";
        for (String line : headers) {
            if (line.toLowerCase(Locale.ROOT).startsWith(prefix)) {
                return line.substring(prefix.length()).trim();
            }
        }
        return null;
    }

    /** "413", "closed (reset while writing)", for failure messages. */
    String describe() {
        String text = status == 0 ? "no answer" : Integer.toString(status);
        String shown = body.length() > 160 ? body.substring(0, 160) + "…" : body;
        return text + (note.isEmpty() ? "" : " (" + note + ")") + (shown.isBlank() ? "" : ": " + shown.strip());
    }

    /** Parses the raw bytes a socket received. */
    static Reply parse(byte[] raw, String note, long millis) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        Matcher lines = STATUS_LINE.matcher(text);
        List<Integer> statuses = new ArrayList<>();
        while (lines.find()) {
            statuses.add(Integer.parseInt(lines.group(1)));
        }
        int responses = statuses.size();
        int end = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/1.") || end < 0 || text.length() < 12) {
            return new Reply(0, List.of(), text, responses, note, millis, statuses);
        }
        String[] head = text.substring(0, end).split("\r\n");
        List<String> headers = new ArrayList<>(List.of(head).subList(1, head.length));
        String body = new String(raw, end + 4, raw.length - end - 4, StandardCharsets.UTF_8);
        Reply reply = new Reply(Integer.parseInt(head[0].substring(9, 12)), headers, body, responses, note, millis,
                statuses);
        String encoding = reply.header("Transfer-Encoding");
        if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
            return new Reply(reply.status, headers, RawHttp.dechunk(body), responses, note, millis, statuses);
        }
        String length = reply.header("Content-Length");
        if (length != null && length.matches("\\d{1,9}") && Integer.parseInt(length) < body.length()) {
            return new Reply(reply.status, headers, body.substring(0, Integer.parseInt(length)), responses, note,
                    millis, statuses); // a second response follows; its text stays out of this body
        }
        return reply;
    }

    static Reply of(HttpResponse<byte[]> response, long millis) {
        List<String> headers = new ArrayList<>();
        for (Map.Entry<String, List<String>> entry : response.headers().map().entrySet()) {
            for (String value : entry.getValue()) {
                headers.add(entry.getKey() + ": " + value);
            }
        }
        return new Reply(response.statusCode(), headers, new String(response.body(), StandardCharsets.UTF_8), 1, "",
                millis, List.of(response.statusCode()));
    }

    static Reply failed(Exception e, long millis) {
        return new Reply(0, List.of(), "", 0, e.getClass().getSimpleName() + ": " + e.getMessage(), millis,
                List.of());
    }
}
