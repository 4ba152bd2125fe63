package io.preset.teams.scim.user;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.preset.teams.scim.protocol.ScimException;
import io.preset.teams.scim.protocol.ScimJson;
import io.preset.teams.scim.schema.AttributeType;
import io.preset.teams.scim.schema.ResourceSchema;
import io.preset.teams.scim.schema.ScimAttribute;
import io.preset.teams.scim.schema.UserSchemas;

import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A User resource as a client wrote it (POST, PUT, or the result of a PATCH), validated against the
 * schema and split into what belongs to the team (userName, active, externalId) and the profile
 * (every other writable attribute, canonical names, Entra's string booleans made booleans).
 * Read-only attributes are ignored (RFC 7644 section 3.5.1); {@code password} is dropped unread.
 */
public final class UserDocument {

    public static final int MAX_STRING = 2048;
    public static final int MAX_USERNAME = 255;
    public static final int MAX_VALUES = 100;
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");

    private final String userName;
    private final Boolean active;
    private final String externalId;
    private final ObjectNode profile;

    private UserDocument(String userName, Boolean active, String externalId, ObjectNode profile) {
        this.userName = userName;
        this.active = active;
        this.externalId = externalId;
        this.profile = profile;
    }

    public static UserDocument parse(ObjectNode body) {
        requireUserSchema(body.get("schemas"));
        String userName = null;
        Boolean active = null;
        String externalId = null;
        ObjectNode profile = ScimJson.object();
        ObjectNode enterprise = ScimJson.object();
        for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String key = field.getKey();
            JsonNode value = field.getValue();
            String lower = key.toLowerCase(Locale.ROOT);
            String enterpriseUrn = ScimJson.ENTERPRISE_USER.toLowerCase(Locale.ROOT);
            String coreUrn = ScimJson.CORE_USER.toLowerCase(Locale.ROOT);
            if (lower.equals(enterpriseUrn)) {
                if (value.isNull()) {
                    continue;
                }
                if (!value.isObject()) {
                    throw ScimException.invalidValue("'" + ScimJson.ENTERPRISE_USER + "' must be an object");
                }
                value.fields().forEachRemaining(e -> putAttribute(enterprise, UserSchemas.ENTERPRISE, e.getKey(), e.getValue()));
                continue;
            }
            if (lower.startsWith(enterpriseUrn + ":")) {
                putAttribute(enterprise, UserSchemas.ENTERPRISE, key.substring(enterpriseUrn.length() + 1), value);
                continue;
            }
            if (lower.startsWith(coreUrn + ":")) {
                key = key.substring(coreUrn.length() + 1);
                lower = key.toLowerCase(Locale.ROOT);
            }
            switch (lower) {
                case "schemas", "id", "meta", "groups", "password" -> {
                    // read-only, or never stored
                }
                case "username" -> userName = userName(value);
                case "active" -> active = bool("active", value);
                case "externalid" -> externalId = externalId(value);
                default -> {
                    if (lower.startsWith("urn:")) {
                        throw ScimException.invalidSyntax("Unsupported schema extension in attribute '" + key + "'");
                    }
                    putAttribute(profile, UserSchemas.CORE, key, value);
                }
            }
        }
        if (userName == null) {
            throw ScimException.invalidValue("'userName' is required");
        }
        if (!enterprise.isEmpty()) {
            profile.set(ScimJson.ENTERPRISE_USER, enterprise);
        }
        return new UserDocument(userName, active, externalId, profile);
    }

    public String userName() {
        return userName;
    }

    /** null when the client did not send it. */
    public Boolean active() {
        return active;
    }

    public String externalId() {
        return externalId;
    }

    public ObjectNode profile() {
        return profile;
    }

    public Optional<String> text(String attribute) {
        JsonNode value = profile.get(attribute);
        return value != null && value.isTextual() ? Optional.of(value.textValue()) : Optional.empty();
    }

    public Optional<String> namepart(String sub) {
        JsonNode name = profile.get("name");
        JsonNode value = name == null ? null : name.get(sub);
        return value != null && value.isTextual() ? Optional.of(value.textValue()) : Optional.empty();
    }

    /** The primary email, else the first one. */
    public Optional<String> primaryEmail() {
        JsonNode emails = profile.get("emails");
        if (emails == null || !emails.isArray() || emails.isEmpty()) {
            return Optional.empty();
        }
        for (JsonNode email : emails) {
            if (email.path("primary").asBoolean(false) && email.path("value").isTextual()) {
                return Optional.of(email.get("value").textValue());
            }
        }
        for (JsonNode email : emails) {
            if (email.path("value").isTextual()) {
                return Optional.of(email.get("value").textValue());
            }
        }
        return Optional.empty();
    }

    private static void requireUserSchema(JsonNode schemas) {
        if (schemas == null || !schemas.isArray() || schemas.isEmpty()) {
            throw ScimException.invalidSyntax("'schemas' must list '" + ScimJson.CORE_USER + "'");
        }
        boolean core = false;
        for (JsonNode schema : schemas) {
            if (!schema.isTextual()) {
                throw ScimException.invalidSyntax("'schemas' must be an array of URNs");
            }
            String urn = schema.textValue();
            if (urn.equalsIgnoreCase(ScimJson.CORE_USER)) {
                core = true;
            } else if (!urn.equalsIgnoreCase(ScimJson.ENTERPRISE_USER)) {
                throw ScimException.invalidSyntax("Unsupported schema '" + urn + "'");
            }
        }
        if (!core) {
            throw ScimException.invalidSyntax("'schemas' must list '" + ScimJson.CORE_USER + "'");
        }
    }

    private static String userName(JsonNode value) {
        if (!value.isTextual() || value.textValue().isBlank()) {
            throw ScimException.invalidValue("'userName' must be a non-empty string");
        }
        String name = value.textValue().strip();
        if (name.length() > MAX_USERNAME) {
            throw ScimException.invalidValue("'userName' is longer than " + MAX_USERNAME + " characters");
        }
        if (name.chars().anyMatch(c -> Character.isISOControl(c) || Character.isWhitespace(c))) {
            throw ScimException.invalidValue("'userName' must not contain spaces or control characters");
        }
        return name;
    }

    private static String externalId(JsonNode value) {
        if (value.isNull()) {
            return null;
        }
        if (!value.isTextual() && !value.isNumber()) {
            throw ScimException.invalidValue("'externalId' must be a string");
        }
        String id = value.asText();
        if (id.length() > 255) {
            throw ScimException.invalidValue("'externalId' is longer than 255 characters");
        }
        return id.isEmpty() ? null : id;
    }

    static Boolean bool(String name, JsonNode value) {
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isTextual()) {
            String text = value.textValue().strip();
            if (text.equalsIgnoreCase("true")) return true;
            if (text.equalsIgnoreCase("false")) return false;
        }
        throw ScimException.invalidValue("'" + name + "' must be a boolean");
    }

    private static void putAttribute(ObjectNode target, ResourceSchema schema, String key, JsonNode value) {
        ScimAttribute attribute = schema.attribute(key).orElse(null);
        if (attribute == null) {
            // RFC 7644 3.3: unknown attributes may be ignored; Okta sends custom ones
            return;
        }
        if (attribute.isReadOnly() || "password".equals(attribute.name())) {
            return;
        }
        if (value.isNull()) {
            return;
        }
        JsonNode clean = attribute.multiValued() ? multi(attribute, value) : single(attribute.name(), attribute, value);
        if (clean != null) {
            target.set(attribute.name(), clean);
        }
    }

    private static JsonNode multi(ScimAttribute attribute, JsonNode value) {
        ArrayNode out = ScimJson.MAPPER.createArrayNode();
        JsonNode values = value.isArray() ? value : ScimJson.MAPPER.createArrayNode().add(value);
        if (values.size() > MAX_VALUES) {
            throw ScimException.invalidValue("'" + attribute.name() + "' has more than " + MAX_VALUES + " values");
        }
        int primaries = 0;
        for (JsonNode element : values) {
            if (element.isNull()) {
                continue;
            }
            JsonNode clean = single(attribute.name(), attribute, element);
            if (clean.path("primary").asBoolean(false)) {
                primaries++;
            }
            out.add(clean);
        }
        if (primaries > 1) {
            throw ScimException.invalidValue("Only one of '" + attribute.name() + "' may be primary");
        }
        return out.isEmpty() ? null : out;
    }

    private static JsonNode single(String path, ScimAttribute attribute, JsonNode value) {
        if (attribute.type() == AttributeType.COMPLEX) {
            if ("manager".equals(attribute.name()) && value.isTextual()) {
                ObjectNode manager = ScimJson.object();
                manager.put("value", value.textValue());
                return manager;
            }
            if (!value.isObject()) {
                throw ScimException.invalidValue("'" + path + "' must be an object");
            }
            ObjectNode out = ScimJson.object();
            value.fields().forEachRemaining(e -> {
                ScimAttribute sub = attribute.sub(e.getKey()).orElse(null);
                if (sub == null || sub.isReadOnly() || e.getValue().isNull()) {
                    return;
                }
                out.set(sub.name(), scalar(path + "." + sub.name(), sub, e.getValue()));
            });
            if ("emails".equals(attribute.name()) && out.has("value")) {
                String email = out.get("value").textValue();
                if (!EMAIL.matcher(email).matches()) {
                    throw ScimException.invalidValue("'" + email + "' is not an email address");
                }
            }
            return out;
        }
        return scalar(path, attribute, value);
    }

    private static JsonNode scalar(String path, ScimAttribute attribute, JsonNode value) {
        if (attribute.type() == AttributeType.BOOLEAN) {
            return BooleanNode.valueOf(bool(path, value));
        }
        if (value.isTextual() || value.isNumber()) {
            String text = value.asText();
            if (text.length() > MAX_STRING) {
                throw ScimException.invalidValue("'" + path + "' is longer than " + MAX_STRING + " characters");
            }
            return TextNode.valueOf(text);
        }
        throw ScimException.invalidValue("'" + path + "' must be a string");
    }
}
