package io.preset.teams.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A JSON object request body, read strictly: invalid UTF-8, lone surrogate escapes, U+0000, unknown fields
 * and wrong types are the caller's error (400), never replaced or stored altered. Bodies arrive as bytes:
 * JAX-RS would decode a {@code String} leniently, turning invalid UTF-8 into U+FFFD.
 */
public final class JsonBody {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final ObjectNode node;

    private JsonBody(ObjectNode node) {
        this.node = node;
    }

    public static JsonBody parse(byte[] body, Set<String> allowedFields) {
        return parse(text(body), allowedFields);
    }

    /** The body as UTF-8 text (RFC 8259 section 8.1), null when empty; malformed bytes are a 400. */
    public static String text(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            return StrictText.decode(body, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw DomainException.invalid("The body is not valid UTF-8");
        }
    }

    public static JsonBody parse(String body, Set<String> allowedFields) {
        if (body == null || body.isBlank()) {
            throw DomainException.invalid("A JSON object body is required");
        }
        JsonNode parsed;
        try {
            parsed = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw DomainException.invalid("Malformed JSON: " + e.getOriginalMessage());
        }
        if (parsed == null || !parsed.isObject()) {
            throw DomainException.invalid("A JSON object body is required");
        }
        String problem = StrictText.problem(parsed);
        if (problem != null) {
            throw DomainException.invalid("Invalid string: " + problem);
        }
        for (Iterator<String> names = parsed.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowedFields.contains(name)) {
                throw DomainException.invalid("Unknown field '" + name + "'; allowed: " + String.join(", ", allowedFields));
            }
        }
        return new JsonBody((ObjectNode) parsed);
    }

    public boolean has(String field) {
        JsonNode value = node.get(field);
        return value != null && !value.isNull();
    }

    public String string(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw DomainException.invalid("Field '" + field + "' must be a string");
        }
        return value.textValue();
    }

    /** A boolean field; {@code fallback} when absent or null. */
    public boolean bool(String field, boolean fallback) {
        JsonNode value = value(field);
        if (value == null) {
            return fallback;
        }
        if (!value.isBoolean()) {
            throw DomainException.invalid("Field '" + field + "' must be a boolean");
        }
        return value.booleanValue();
    }

    /** An array of strings; empty when absent or null. */
    public List<String> strings(String field) {
        JsonNode value = value(field);
        List<String> out = new ArrayList<>();
        if (value == null) {
            return out;
        }
        if (!value.isArray()) {
            throw DomainException.invalid("Field '" + field + "' must be an array of strings");
        }
        for (JsonNode element : value) {
            if (!element.isTextual()) {
                throw DomainException.invalid("Field '" + field + "' must be an array of strings");
            }
            out.add(element.textValue());
        }
        return out;
    }

    /** The field's JSON value as sent, or null when absent or null. */
    public JsonNode value(String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value;
    }

    /** A JSON object of string values, in document order. */
    public Map<String, String> stringMap(String field) {
        JsonNode value = node.get(field);
        Map<String, String> map = new LinkedHashMap<>();
        if (value == null || value.isNull()) {
            return map;
        }
        if (!value.isObject()) {
            throw DomainException.invalid("Field '" + field + "' must be an object");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (!entry.getValue().isTextual()) {
                throw DomainException.invalid("Field '" + field + "." + entry.getKey() + "' must be a string");
            }
            map.put(entry.getKey(), entry.getValue().textValue());
        }
        return map;
    }
}
