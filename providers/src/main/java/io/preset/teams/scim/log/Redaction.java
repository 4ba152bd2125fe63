package io.preset.teams.scim.log;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What of a request the provisioning log may keep. Attribute names are kept; values are shortened, and replaced by
 * {@value #REDACTED} when the attribute is a secret (a password, token, secret or credential, at any depth) or the
 * value looks like a credential (a SCIM token {@code pst_...}, a JWT, {@code Bearer ...}). Free text (paths, filters,
 * details, user agents) goes through {@link #text} as well: credential-like words are redacted, control characters
 * replaced, the length bounded, so that no stored text can hold a credential or break an insert.
 */
public final class Redaction {

    public static final String REDACTED = "[redacted]";
    static final int MAX_VALUE = 100;
    static final int MAX_ITEMS = 10;

    private static final Pattern CREDENTIAL = Pattern.compile(
            "(?i)pst_[A-Za-z0-9_\\-]{6,}|eyJ[A-Za-z0-9_\\-]+\\.[A-Za-z0-9_\\-]+(\\.[A-Za-z0-9_\\-]*)?|bearer\\s+\\S+");
    private static final Set<String> IGNORED = Set.of("schemas", "meta");

    private Redaction() {
    }

    /** Whether the attribute's value is never kept. */
    static boolean isSecret(String attribute) {
        String name = attribute.toLowerCase(Locale.ROOT);
        return name.contains("password") || name.contains("secret") || name.contains("token") || name.contains("credential");
    }

    /** {@code value} with credential-like words redacted, control characters and lone surrogates as '?', at most {@code max} chars. */
    public static String text(String value, int max) {
        if (value == null) {
            return null;
        }
        String redacted = CREDENTIAL.matcher(value).replaceAll(REDACTED);
        StringBuilder out = new StringBuilder(Math.min(redacted.length(), max));
        for (int i = 0; i < redacted.length() && out.length() < max; i++) {
            char c = redacted.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < redacted.length() && Character.isLowSurrogate(redacted.charAt(i + 1))) {
                if (out.length() + 2 > max) {
                    break;
                }
                out.append(c).append(redacted.charAt(++i));
            } else if (c < 0x20 || c == 0x7f || Character.isSurrogate(c)) {
                out.append('?');
            } else {
                out.append(c);
            }
        }
        if (out.length() < redacted.length() && out.length() == max && max > 1) {
            out.setCharAt(max - 1, '\u2026');
        }
        return out.toString();
    }

    /** What a POST or PUT sent: each attribute with its redacted value. */
    static ObjectNode sent(ObjectNode body) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        if (body == null) {
            return out;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!IGNORED.contains(field.getKey())) {
                out.set(text(field.getKey(), MAX_VALUE), value(field.getKey(), field.getValue()));
            }
        }
        return out;
    }

    /** What a PATCH sent: its operations, each with its path and redacted value. */
    static ArrayNode operations(ObjectNode body) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        JsonNode ops = body == null ? null : body.get("Operations");
        if (ops == null || !ops.isArray()) {
            return out;
        }
        for (JsonNode op : ops) {
            if (out.size() == MAX_ITEMS * 2) {
                out.add("... " + (ops.size() - out.size()) + " more");
                break;
            }
            ObjectNode item = out.addObject();
            String path = op.path("path").isTextual() ? op.path("path").textValue() : null;
            item.put("op", text(op.path("op").asText(""), 16));
            if (path != null) {
                item.put("path", text(path, MAX_VALUE));
            }
            if (op.has("value")) {
                item.set("value", value(path == null ? "" : path, op.get("value")));
            }
        }
        return out;
    }

    /** The attributes that differ between two representations of a resource, each {@code {from, to}}. */
    static ObjectNode diff(ObjectNode before, ObjectNode after) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        Set<String> names = new LinkedHashSet<>();
        before.fieldNames().forEachRemaining(names::add);
        after.fieldNames().forEachRemaining(names::add);
        for (String name : names) {
            JsonNode from = before.get(name);
            JsonNode to = after.get(name);
            if (IGNORED.contains(name) || (from == null ? to == null : from.equals(to))) {
                continue;
            }
            ObjectNode change = out.putObject(text(name, MAX_VALUE));
            change.set("from", from == null ? JsonNodeFactory.instance.nullNode() : value(name, from));
            change.set("to", to == null ? JsonNodeFactory.instance.nullNode() : value(name, to));
        }
        return out;
    }

    /** A value as the log keeps it: shortened, nested values too, secrets replaced. */
    static JsonNode value(String attribute, JsonNode value) {
        if (isSecret(attribute)) {
            return JsonNodeFactory.instance.textNode(REDACTED);
        }
        if (value.isTextual()) {
            return JsonNodeFactory.instance.textNode(text(value.textValue(), MAX_VALUE));
        }
        if (value.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            int n = 0;
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext() && n++ < MAX_ITEMS * 2; ) {
                Map.Entry<String, JsonNode> field = it.next();
                out.set(text(field.getKey(), MAX_VALUE), value(field.getKey(), field.getValue()));
            }
            return out;
        }
        if (value.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            for (JsonNode item : value) {
                if (out.size() == MAX_ITEMS) {
                    out.add("... " + (value.size() - MAX_ITEMS) + " more");
                    break;
                }
                out.add(value(attribute, item));
            }
            return out;
        }
        return value;
    }
}
