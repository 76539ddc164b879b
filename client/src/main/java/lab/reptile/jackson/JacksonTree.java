package lab.reptile.jackson;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import lab.reptile.model.JsonTree;

/**
 * The JVM's {@link JsonTree}, over a Jackson tree, for the server, the command line and JVM tests (the page has its
 * own over {@code JSON.parse}). {@link #parse} is strict: a repeated key, a NaN or Infinity token or text after the
 * value is refused, with a message that says where the text broke.
 */
public final class JacksonTree implements JsonTree {
    /** Jackson refuses NaN and Infinity tokens by default; repeated keys only with this feature. */
    private static final ObjectMapper STRICT = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    /** How Jackson 2.x starts those two messages; JacksonTreeTest pins both. */
    private static final String DUPLICATE = "Duplicate field '";
    private static final String NON_NUMERIC = "Non-standard token '";

    private final JsonNode node;

    /** A view of a tree that some mapper already read; {@link #parse} is the strict way to get one from text. */
    public JacksonTree(JsonNode node) {
        this.node = node;
    }

    /** Parses one JSON value that must fill the whole text; every problem is an IllegalArgumentException. */
    public static JacksonTree parse(String text) {
        try (JsonParser parser = STRICT.createParser(text)) {
            JsonNode root;
            try {
                root = STRICT.readTree(parser);
            } catch (JsonProcessingException e) {
                throw problem(e, parser, text);
            }
            if (root == null) {
                throw truncated(text, "");
            }
            int end = (int) parser.currentLocation().getCharOffset();
            try {
                if (parser.nextToken() != null) {
                    throw trailing(end);
                }
            } catch (StreamReadException e) {
                throw trailing(end);
            }
            return new JacksonTree(root);
        } catch (IOException e) { // a String source has no I/O: only a parse error could get here
            throw new IllegalArgumentException("invalid JSON: " + e.getMessage(), e);
        }
    }

    /** The Jackson tree itself, for code that reads the rest of a document with Jackson. */
    public JsonNode node() {
        return node;
    }

    @Override
    public Kind kind() {
        return switch (node.getNodeType()) {
            case OBJECT -> Kind.OBJECT;
            case ARRAY -> Kind.ARRAY;
            case STRING -> Kind.STRING;
            case NUMBER -> Kind.NUMBER;
            case BOOLEAN -> node.booleanValue() ? Kind.TRUE : Kind.FALSE;
            case NULL -> Kind.NULL;
            default -> throw new IllegalStateException("not a parsed JSON value: " + node.getNodeType());
        };
    }

    @Override
    public JsonTree get(String key) {
        JsonNode member = node.isObject() ? node.get(key) : null;
        return member == null ? null : new JacksonTree(member);
    }

    @Override
    public int length() {
        return node.size();
    }

    @Override
    public JsonTree at(int index) {
        return new JacksonTree(node.get(index));
    }

    @Override
    public double number() {
        return node.doubleValue();
    }

    @Override
    public String string() {
        return node.textValue();
    }

    /** Jackson's parse error in the model's words where the model has words for it (the prefixes are Jackson's). */
    private static IllegalArgumentException problem(JsonProcessingException e, JsonParser parser, String text) {
        String message = e.getOriginalMessage();
        String where = where(parser.getParsingContext());
        if (message.startsWith(DUPLICATE)) {
            return JsonTree.duplicateKey(parser.getParsingContext().getCurrentName());
        }
        if (message.startsWith(NON_NUMERIC)) {
            String token = message.substring(NON_NUMERIC.length(), message.indexOf('\'', NON_NUMERIC.length()));
            return new IllegalArgumentException("invalid JSON: " + (where.isEmpty() ? "the value" : where) + " is "
                    + token + "; every number must be finite (JSON has no NaN or Infinity)");
        }
        if (e instanceof JsonEOFException || parser.currentLocation().getCharOffset() >= text.length()) {
            return truncated(text, where);
        }
        return new IllegalArgumentException("invalid JSON at offset " + e.getLocation().getCharOffset()
                + (where.isEmpty() ? "" : " (" + where + ")") + ": " + message, e);
    }

    private static IllegalArgumentException truncated(String text, String where) {
        return new IllegalArgumentException("truncated JSON: the text ends at offset " + text.length()
                + (where.isEmpty() ? "" : " inside " + where));
    }

    private static IllegalArgumentException trailing(int end) {
        return new IllegalArgumentException("invalid JSON: unexpected text after the JSON value, at offset " + end);
    }

    /** The path of the value being read, in the readers' notation: {@code layers[1].weights[0][2]}. */
    private static String where(JsonStreamContext context) {
        StringBuilder path = new StringBuilder();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                path.insert(0, "[" + Math.max(c.getCurrentIndex(), 0) + "]");
            } else if (c.hasCurrentName()) {
                path.insert(0, "." + c.getCurrentName());
            }
        }
        return path.length() > 0 && path.charAt(0) == '.' ? path.substring(1) : path.toString();
    }
}
