package io.preset.teams.scim.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** SCIM attribute names in JSON: they match case-insensitively (RFC 7643 section 2.1) and are written canonically. */
public final class ScimFields {

    private ScimFields() {
    }

    /** The field named {@code name}, in any letter case (an exact match first). */
    public static JsonNode field(ObjectNode object, String name) {
        JsonNode exact = object.get(name);
        if (exact != null) {
            return exact;
        }
        for (Map.Entry<String, JsonNode> entry : object.properties()) {
            if (entry.getKey().equalsIgnoreCase(name)) {
                return entry.getValue();
            }
        }
        return null;
    }

    public static ObjectNode objectField(ObjectNode object, String name) {
        JsonNode value = field(object, name);
        return value != null && value.isObject() ? (ObjectNode) value : null;
    }

    /** The values of a multi-valued attribute; a lone object is read as one value. */
    public static ArrayNode arrayField(ObjectNode object, String name) {
        JsonNode value = field(object, name);
        if (value == null) {
            return null;
        }
        if (value.isArray()) {
            return (ArrayNode) value;
        }
        if (value.isObject()) {
            return ScimJson.MAPPER.createArrayNode().add(value);
        }
        return null;
    }

    /** Sets {@code name}, replacing any differently-cased spelling of it. */
    public static void putField(ObjectNode object, String name, JsonNode value) {
        List<String> variants = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : object.properties()) {
            if (!entry.getKey().equals(name) && entry.getKey().equalsIgnoreCase(name)) {
                variants.add(entry.getKey());
            }
        }
        object.remove(variants);
        object.set(name, value);
    }

    public static void removeField(ObjectNode object, String name) {
        List<String> keys = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : object.properties()) {
            if (entry.getKey().equalsIgnoreCase(name)) {
                keys.add(entry.getKey());
            }
        }
        object.remove(keys);
    }

    public static boolean containsIgnoreCase(JsonNode array, String text) {
        for (JsonNode element : array) {
            if (element.isTextual() && element.textValue().trim().equalsIgnoreCase(text)) {
                return true;
            }
        }
        return false;
    }
}
