package lab.reptile.server.training;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Locale;
import java.util.stream.Collectors;
import lab.reptile.model.ConfigField;
import lab.reptile.model.ReptileConfig;

/**
 * Hyperparameters to and from JSON, one key per {@link ReptileConfig#FIELDS} entry, under the field's name. Reading
 * rejects unknown fields, wrong types, non-whole numbers for whole fields and values the config's own checks refuse,
 * with an IllegalArgumentException naming the field.
 */
public final class ConfigJson {
    /** The key of a body that names a preset. */
    public static final String PRESET = "preset";

    private ConfigJson() {
    }

    public static ObjectNode write(ObjectMapper mapper, ReptileConfig config) {
        ObjectNode node = mapper.createObjectNode();
        for (ConfigField field : ReptileConfig.FIELDS) {
            Number value = field.get(config);
            switch (field.kind()) {
                case LONG -> node.put(field.name(), value.longValue());
                case INT -> node.put(field.name(), value.intValue());
                case DOUBLE -> node.put(field.name(), value.doubleValue());
            }
        }
        return node;
    }

    /**
     * The base config with the fields of {@code body} (a JSON object, or empty for none) in their place; a
     * {@code "preset": "NAME"} in the body replaces the base by that {@link Presets preset} first.
     */
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
        if (root != null && root.isObject() && root.has(PRESET)) {
            JsonNode preset = root.get(PRESET);
            if (!preset.isTextual()) {
                throw new IllegalArgumentException(PRESET + " must be a string, got "
                        + preset.getNodeType().name().toLowerCase(Locale.ROOT));
            }
            ObjectNode fields = ((ObjectNode) root).deepCopy();
            fields.remove(PRESET);
            return merge(Presets.named(preset.textValue()).toBuilder(), fields);
        }
        return merge(base.toBuilder(), root);
    }

    /** A complete config: every field must be present. */
    public static ReptileConfig read(JsonNode root) {
        for (ConfigField field : ReptileConfig.FIELDS) {
            if (!field.isOptional() && (root == null || !root.has(field.name()))) {
                throw new IllegalArgumentException("config is missing field \"" + field.name() + "\"");
            }
        }
        return merge(ReptileConfig.builder(), root);
    }

    private static ReptileConfig merge(ReptileConfig.Builder builder, JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("hyperparameters must be a JSON object");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (ReptileConfig.FIELDS.stream().noneMatch(field -> field.name().equals(name))) {
                throw new IllegalArgumentException("unknown field \"" + name + "\"; known fields: "
                        + ReptileConfig.FIELDS.stream().map(ConfigField::name).collect(Collectors.joining(", "))
                        + " (and " + PRESET + ")");
            }
        }
        for (ConfigField field : ReptileConfig.FIELDS) {
            JsonNode value = root.get(field.name());
            if (value != null) {
                field.set(builder, number(field, value));
            }
        }
        return builder.build();
    }

    /** The JSON value as the field's kind of number; a whole field takes 3.0 but not 2.5. */
    private static Number number(ConfigField field, JsonNode value) {
        String name = field.name();
        if (!value.isNumber()) {
            throw new IllegalArgumentException(name + " must be a number, got " + value.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        if (field.kind() == ConfigField.Kind.DOUBLE) {
            return value.doubleValue();
        }
        boolean whole = value.isIntegralNumber() || value.doubleValue() == Math.rint(value.doubleValue());
        if (!whole) {
            throw new IllegalArgumentException(name + " must be a whole number, got " + value);
        }
        boolean fits = field.kind() == ConfigField.Kind.INT
                ? value.doubleValue() >= Integer.MIN_VALUE && value.doubleValue() <= Integer.MAX_VALUE
                : value.canConvertToLong();
        if (!fits) {
            throw new IllegalArgumentException(name + " is out of range, got " + value);
        }
        return value.longValue();
    }
}
