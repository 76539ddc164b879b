package lab.reptile.server.training;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Iterator;
import lab.reptile.model.ReptileConfig;

/**
 * Hyperparameters to and from JSON, field for field with {@link ReptileConfig}'s components. Reading rejects unknown
 * fields, wrong types and values the config's own checks refuse, with an IllegalArgumentException naming the field.
 */
public final class ConfigJson {
    private static final RecordComponent[] FIELDS = ReptileConfig.class.getRecordComponents();

    private ConfigJson() {
    }

    public static ObjectNode write(ObjectMapper mapper, ReptileConfig config) {
        ObjectNode node = mapper.createObjectNode();
        for (RecordComponent field : FIELDS) {
            Object value = get(field, config);
            if (value instanceof Long v) {
                node.put(field.getName(), v);
            } else if (value instanceof Integer v) {
                node.put(field.getName(), v);
            } else {
                node.put(field.getName(), (Double) value);
            }
        }
        return node;
    }

    /** The base config with the fields of {@code body} (a JSON object, or empty for none) in their place. */
    public static ReptileConfig merge(ObjectMapper mapper, ReptileConfig base, String body) {
        if (body == null || body.isBlank()) {
            return base;
        }
        JsonNode root;
        try {
            root = mapper.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("body is not valid JSON: " + e.getOriginalMessage());
        }
        return merge(base, root);
    }

    /** A complete config: every field must be present. */
    public static ReptileConfig read(JsonNode root) {
        for (RecordComponent field : FIELDS) {
            if (root == null || !root.has(field.getName())) {
                throw new IllegalArgumentException("config is missing field \"" + field.getName() + "\"");
            }
        }
        return merge(null, root);
    }

    private static ReptileConfig merge(ReptileConfig base, JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("hyperparameters must be a JSON object");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (component(name) == null) {
                throw new IllegalArgumentException("unknown field \"" + name + "\"; known fields: " + fieldNames());
            }
        }
        Object[] args = new Object[FIELDS.length];
        for (int i = 0; i < FIELDS.length; i++) {
            JsonNode value = root.get(FIELDS[i].getName());
            args[i] = value == null ? get(FIELDS[i], base) : convert(FIELDS[i], value);
        }
        try {
            return ReptileConfig.class.getDeclaredConstructor(types()).newInstance(args);
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException(e.getCause().getMessage(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object convert(RecordComponent field, JsonNode value) {
        String name = field.getName();
        if (!value.isNumber()) {
            throw new IllegalArgumentException(name + " must be a number, got " + value.getNodeType().name().toLowerCase());
        }
        if (field.getType() == double.class) {
            return value.doubleValue();
        }
        boolean whole = value.isIntegralNumber() || value.doubleValue() == Math.rint(value.doubleValue());
        if (!whole) {
            throw new IllegalArgumentException(name + " must be a whole number, got " + value);
        }
        if (field.getType() == int.class) {
            if (!(value.doubleValue() >= Integer.MIN_VALUE && value.doubleValue() <= Integer.MAX_VALUE)) {
                throw new IllegalArgumentException(name + " is out of range, got " + value);
            }
            return (int) value.doubleValue();
        }
        if (!value.canConvertToLong()) {
            throw new IllegalArgumentException(name + " is out of range, got " + value);
        }
        return value.longValue();
    }

    private static RecordComponent component(String name) {
        for (RecordComponent field : FIELDS) {
            if (field.getName().equals(name)) {
                return field;
            }
        }
        return null;
    }

    private static Object get(RecordComponent field, ReptileConfig config) {
        try {
            return field.getAccessor().invoke(config);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Class<?>[] types() {
        Class<?>[] types = new Class<?>[FIELDS.length];
        for (int i = 0; i < FIELDS.length; i++) {
            types[i] = FIELDS[i].getType();
        }
        return types;
    }

    private static String fieldNames() {
        StringBuilder names = new StringBuilder();
        for (RecordComponent field : FIELDS) {
            names.append(names.length() == 0 ? "" : ", ").append(field.getName());
        }
        return names.toString();
    }
}
