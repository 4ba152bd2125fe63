package io.preset.teams.scim.user;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.preset.teams.scim.protocol.ScimException;
import io.preset.teams.scim.protocol.ScimJson;
import io.preset.teams.scim.schema.AttributeValues;
import io.preset.teams.scim.schema.ResourceSchema;
import io.preset.teams.scim.schema.ScimAttribute;
import io.preset.teams.scim.schema.ScimResourceType;
import io.preset.teams.scim.schema.UserSchemas;

import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A User resource as a client wrote it (POST, PUT, or the result of a PATCH), validated against the
 * schema and split into what belongs to the team (userName, active, externalId) and the profile
 * (every other writable attribute), each value read by {@link AttributeValues} exactly as PATCH reads it.
 * Read-only attributes are ignored (RFC 7644 section 3.5.1); {@code password} is dropped unread.
 */
public final class UserDocument {

    public static final int MAX_STRING = 2048;
    public static final int MAX_USERNAME = 255;
    public static final int MAX_VALUES = 100;
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");
    private static final ScimAttribute USER_NAME = UserSchemas.CORE.attribute("userName").orElseThrow();
    private static final ScimAttribute ACTIVE = UserSchemas.CORE.attribute("active").orElseThrow();

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
                case "active" -> active = active(value);
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
        JsonNode text = AttributeValues.simple(USER_NAME, value, "userName");
        if (text == null || text.textValue().isBlank()) {
            throw ScimException.invalidValue("'userName' must be a non-empty string");
        }
        String name = text.textValue().strip();
        if (name.length() > MAX_USERNAME) {
            throw ScimException.invalidValue("'userName' is longer than " + MAX_USERNAME + " characters");
        }
        if (name.chars().anyMatch(c -> Character.isISOControl(c) || Character.isWhitespace(c))) {
            throw ScimException.invalidValue("'userName' must not contain spaces or control characters");
        }
        return name;
    }

    private static Boolean active(JsonNode value) {
        JsonNode bool = AttributeValues.simple(ACTIVE, value, "active");
        return bool == null ? null : bool.booleanValue();
    }

    private static String externalId(JsonNode value) {
        JsonNode text = AttributeValues.simple(ScimResourceType.EXTERNAL_ID, value, "externalId");
        if (text == null) {
            return null;
        }
        String id = text.textValue();
        if (id.length() > 255) {
            throw ScimException.invalidValue("'externalId' is longer than 255 characters");
        }
        return id.isEmpty() ? null : id;
    }

    /** The value read as PATCH reads it ({@link AttributeValues}), then the limits of what a user stores. */
    private static void putAttribute(ObjectNode target, ResourceSchema schema, String key, JsonNode value) {
        ScimAttribute attribute = schema.attribute(key).orElse(null);
        if (attribute == null) {
            // RFC 7644 3.3: unknown attributes may be ignored; Okta sends custom ones
            return;
        }
        if (attribute.isReadOnly() || "password".equals(attribute.name())) {
            return;
        }
        JsonNode clean = AttributeValues.whole(attribute, value, attribute.name());
        if (clean == null) {
            return;
        }
        if (attribute.multiValued()) {
            checkValues(attribute, clean);
        }
        checkLengths(attribute.name(), clean);
        target.set(attribute.name(), clean);
    }

    private static void checkValues(ScimAttribute attribute, JsonNode values) {
        if (values.size() > MAX_VALUES) {
            throw ScimException.invalidValue("'" + attribute.name() + "' has more than " + MAX_VALUES + " values");
        }
        int primaries = 0;
        for (JsonNode element : values) {
            if (AttributeValues.isTrue(element.get("primary"))) {
                primaries++;
            }
            if ("emails".equals(attribute.name()) && element.has("value")) {
                String email = element.get("value").textValue();
                if (!EMAIL.matcher(email).matches()) {
                    throw ScimException.invalidValue("'" + email + "' is not an email address");
                }
            }
        }
        if (primaries > 1) {
            throw ScimException.invalidValue("Only one of '" + attribute.name() + "' may be primary");
        }
    }

    private static void checkLengths(String path, JsonNode value) {
        if (value.isTextual() && value.textValue().length() > MAX_STRING) {
            throw ScimException.invalidValue("'" + path + "' is longer than " + MAX_STRING + " characters");
        }
        if (value.isArray()) {
            value.forEach(element -> checkLengths(path, element));
        }
        if (value.isObject()) {
            value.properties().forEach(field -> checkLengths(path + "." + field.getKey(), field.getValue()));
        }
    }
}
