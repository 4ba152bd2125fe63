package io.preset.teams.scim.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.preset.teams.scim.protocol.ScimException;
import io.preset.teams.scim.protocol.ScimJson;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one reading of a client's value for an attribute, for POST/PUT and PATCH alike, so that both accept and
 * normalise a value the same way: booleans sent as strings by Entra ({@code "False"}) become JSON booleans,
 * numbers for string attributes (Entra's employeeNumber) become strings, except for the server-unique names
 * (userName, a group's displayName), sub-attribute names take their
 * canonical spelling, a single object stands for a one-value array, and Entra's plain-string manager is
 * {@code {"value": ..}}. Unknown and readOnly sub-attributes are ignored (Okta sends whole objects on PUT, with
 * sub-attributes of its own), null values carry nothing. Every value that does not fit is a {@link ScimException}
 * with scimType {@code invalidValue}. Returned nodes never share structure with the input.
 */
public final class AttributeValues {

    private AttributeValues() {
    }

    /**
     * The value of a whole attribute as POST/PUT assign it, or null when it carries nothing (null, {@code []},
     * an object of nulls).
     */
    public static JsonNode whole(ScimAttribute def, JsonNode value, String where) {
        if (def.multiValued()) {
            List<ObjectNode> values = multiValued(def, value, where);
            if (values.isEmpty()) {
                return null;
            }
            ArrayNode out = ScimJson.MAPPER.createArrayNode();
            values.forEach(out::add);
            return out;
        }
        if (!def.isComplex()) {
            return simple(def, value, where);
        }
        ObjectNode out = singularComplex(def, value, where);
        if (out == null) {
            return null;
        }
        out.properties().removeIf(field -> field.getValue().isNull());
        return out.isEmpty() ? null : out;
    }

    /**
     * A value for a simple (non-complex) attribute or sub-attribute. {@code null} and JSON null
     * come back as {@code null}: the attribute is to be unassigned.
     */
    public static JsonNode simple(ScimAttribute def, JsonNode value, String where) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        switch (def.type()) {
            case BOOLEAN -> {
                if (value.isBoolean()) {
                    return value;
                }
                if (value.isTextual()) {
                    String text = value.textValue().strip().toLowerCase(Locale.ROOT);
                    if (text.equals("true")) {
                        return BooleanNode.TRUE;
                    }
                    if (text.equals("false")) {
                        return BooleanNode.FALSE;
                    }
                }
                throw ScimException.invalidValue("'" + where + "' must be a boolean");
            }
            case STRING -> {
                if (value.isTextual()) {
                    return value;
                }
                if (value.isNumber() && !"server".equals(def.uniqueness())) {
                    // Entra sends e.g. employeeNumber as a JSON number; a name that identifies the resource
                    // (userName, a group's displayName) is taken only as the client's own string
                    return TextNode.valueOf(value.isBigDecimal() ? value.decimalValue().toPlainString() : value.asText());
                }
                throw ScimException.invalidValue("'" + where + "' must be a string");
            }
            case REFERENCE, DATE_TIME, BINARY -> {
                if (value.isTextual()) {
                    return value;
                }
                throw ScimException.invalidValue("'" + where + "' must be a string");
            }
            case INTEGER -> {
                if (value.isIntegralNumber()) {
                    return value;
                }
                if (value.isTextual()) {
                    try {
                        return LongNode.valueOf(Long.parseLong(value.textValue().strip()));
                    } catch (NumberFormatException e) {
                        // fall through
                    }
                }
                throw ScimException.invalidValue("'" + where + "' must be an integer");
            }
            case DECIMAL -> {
                if (value.isNumber()) {
                    return value;
                }
                if (value.isTextual()) {
                    try {
                        return DecimalNode.valueOf(new BigDecimal(value.textValue().strip()));
                    } catch (NumberFormatException e) {
                        // fall through
                    }
                }
                throw ScimException.invalidValue("'" + where + "' must be a number");
            }
            default -> throw ScimException.invalidValue("'" + where + "' must be an object");
        }
    }

    /**
     * A value for a singular complex attribute: an object whose keys are sub-attributes. Keys with
     * a null value are kept as JSON null (meaning "unassign this sub-attribute" when merged).
     * Entra sends the enterprise {@code manager} as a plain string: a string for a complex
     * attribute that has a {@code value} sub-attribute is read as {@code {"value": string}}, and an
     * empty string as "no value" (null is returned).
     */
    public static ObjectNode singularComplex(ScimAttribute def, JsonNode value, String where) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        if (value.isTextual() && def.sub("value").isPresent()) {
            if (value.textValue().isEmpty()) {
                return null;
            }
            ObjectNode out = ScimJson.object();
            out.set(def.sub("value").get().name(), value);
            return out;
        }
        return complexObject(def, value, where, true);
    }

    /**
     * The values for a multi-valued complex attribute: an array of objects, or a single object.
     * Null values and null sub-attributes are dropped, and values left empty are skipped.
     */
    public static List<ObjectNode> multiValued(ScimAttribute def, JsonNode value, String where) {
        List<ObjectNode> out = new ArrayList<>();
        if (value == null || value.isNull() || value.isMissingNode()) {
            return out;
        }
        for (JsonNode element : value.isArray() ? value : List.of(value)) {
            ObjectNode one = element(def, element, where);
            if (one != null) {
                out.add(one);
            }
        }
        return out;
    }

    /** One value of a multi-valued complex attribute, or null when it carries nothing. */
    public static ObjectNode element(ScimAttribute def, JsonNode value, String where) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            throw ScimException.invalidValue("Each value of '" + where + "' must be an object");
        }
        ObjectNode out = complexObject(def, value, where, false);
        return out.isEmpty() ? null : out;
    }

    private static ObjectNode complexObject(ScimAttribute def, JsonNode value, String where, boolean keepNulls) {
        if (!value.isObject()) {
            throw ScimException.invalidValue("'" + where + "' must be an object");
        }
        ObjectNode out = ScimJson.object();
        for (Map.Entry<String, JsonNode> field : value.properties()) {
            ScimAttribute sub = def.sub(field.getKey()).orElse(null);
            if (sub == null && field.getKey().equalsIgnoreCase("operation")) {
                // SCIM 1.1's {"operation":"delete"}: refused, as ignoring it would turn a removal into an addition
                throw ScimException.invalidValue("'" + where + "': 'operation' is not SCIM 2.0, use a remove operation");
            }
            if (sub == null || sub.isReadOnly()) {
                // unknown (RFC 7644 3.3: may be ignored), or server-computed (manager.displayName)
                continue;
            }
            JsonNode converted = simple(sub, field.getValue(), where + "." + sub.name());
            if (converted != null) {
                out.set(sub.name(), converted);
            } else if (keepNulls) {
                out.set(sub.name(), NullNode.getInstance());
            }
        }
        return out;
    }

    /** An immutable {@code value} sub-attribute (a group member's user id) identifies a value. */
    public static boolean valueIsIdentity(ScimAttribute def) {
        return def.sub("value").map(s -> "immutable".equals(s.mutability())).orElse(false);
    }

    /** A value of an attribute identified by its {@code value} (members) must carry one. */
    public static void checkElement(ScimAttribute def, ObjectNode element) {
        if (valueIsIdentity(def)) {
            JsonNode value = element.get("value");
            if (value == null || !value.isTextual() || value.textValue().isBlank()) {
                throw ScimException.invalidValue("Each value of '" + def.name() + "' needs a 'value'");
            }
        }
    }

    public static boolean isTrue(JsonNode node) {
        return node != null && node.isBoolean() && node.booleanValue();
    }
}
