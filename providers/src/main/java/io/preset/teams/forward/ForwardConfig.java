package io.preset.teams.forward;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.preset.teams.common.DomainException;
import io.preset.teams.team.Slugs;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A team's forwarding settings.
 *
 * @param remoteTeam   the team's name at the target (never null: defaults to the slug)
 * @param userKey      {@code email}, {@code username}, {@code id} or {@code attribute:<name>}
 * @param workspaceIds our workspace name to their workspace id
 * @param token        bearer token or vault reference {@code ${vault.key}}, or null
 */
public record ForwardConfig(boolean enabled, String baseUrl, String remoteTeam, String userKey,
                            Map<String, String> workspaceIds, String token) {

    public static final String EMAIL = "email";
    public static final String USERNAME = "username";
    public static final String ID = "id";
    public static final String ATTRIBUTE_PREFIX = "attribute:";

    private static final List<String> FIELD_ORDER = List.of("enabled", "baseUrl", "remoteTeam", "userKey", "workspaceIds", "token");
    private static final Set<String> FIELDS = Set.copyOf(FIELD_ORDER);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public ForwardConfig {
        workspaceIds = Map.copyOf(workspaceIds == null ? Map.of() : workspaceIds);
    }

    public boolean hasToken() {
        return token != null && !token.isEmpty();
    }

    public RemoteNames names(String userKeyValue) {
        return new RemoteNames(remoteTeam, userKeyValue, workspaceIds);
    }

    /**
     * Reads a PUT body. Everything but the token is replaced: an absent token keeps {@code existing}'s,
     * {@code ""} removes it. Unknown fields and bad values are the caller's error.
     */
    public static ForwardConfig fromRequest(String body, String slug, ForwardConfig existing) {
        JsonNode parsed;
        try {
            parsed = body == null || body.isBlank() ? null : MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw DomainException.invalid("Malformed JSON: " + e.getOriginalMessage());
        }
        if (parsed == null || !parsed.isObject()) {
            throw DomainException.invalid("A JSON object body is required");
        }
        ObjectNode json = (ObjectNode) parsed;
        for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw DomainException.invalid("Unknown field '" + name + "'; allowed: " + String.join(", ", FIELD_ORDER));
            }
        }
        boolean enabled = existing == null || existing.enabled();
        JsonNode enabledNode = json.get("enabled");
        if (enabledNode != null && !enabledNode.isNull()) {
            if (!enabledNode.isBoolean()) {
                throw DomainException.invalid("Field 'enabled' must be true or false");
            }
            enabled = enabledNode.booleanValue();
        }
        String token = existing == null ? null : existing.token();
        if (json.has("token") && !json.get("token").isNull()) {
            token = text(json, "token");
            if (token.isEmpty()) {
                token = null;
            }
        }
        String remoteTeam = text(json, "remoteTeam");
        Map<String, String> workspaceIds = new LinkedHashMap<>();
        JsonNode ws = json.get("workspaceIds");
        if (ws != null && !ws.isNull()) {
            if (!ws.isObject()) {
                throw DomainException.invalid("Field 'workspaceIds' must be an object of workspace name to workspace id");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = ws.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                if (!entry.getValue().isTextual()) {
                    throw DomainException.invalid("Field 'workspaceIds." + entry.getKey() + "' must be a string");
                }
                workspaceIds.put(entry.getKey(), entry.getValue().textValue());
            }
        }
        return validated(enabled, text(json, "baseUrl"), remoteTeam, text(json, "userKey"), workspaceIds, token, slug);
    }

    /** Checks and normalises every value; the same rules for the admin API and component imports. */
    public static ForwardConfig validated(boolean enabled, String baseUrl, String remoteTeam, String userKey,
                                          Map<String, String> workspaceIds, String token, String slug) {
        String base = baseUrl(baseUrl);
        if (remoteTeam == null) {
            remoteTeam = slug;
        } else if (remoteTeam.isBlank() || remoteTeam.length() > 255) {
            throw DomainException.invalid("'remoteTeam' must be a non-empty string of at most 255 characters");
        }
        String key = userKey == null ? EMAIL : userKey;
        if (!(EMAIL.equals(key) || USERNAME.equals(key) || ID.equals(key)
                || key.startsWith(ATTRIBUTE_PREFIX) && !key.substring(ATTRIBUTE_PREFIX.length()).isBlank())) {
            throw DomainException.invalid("'userKey' must be one of email, username, id or attribute:<name>");
        }
        Map<String, String> ids = new TreeMap<>();
        if (workspaceIds != null) {
            workspaceIds.forEach((workspace, id) -> {
                if (!Slugs.isValid(workspace)) {
                    throw DomainException.invalid("'workspaceIds' key '" + workspace + "' is not a workspace name");
                }
                if (id == null || id.isBlank() || id.length() > 255) {
                    throw DomainException.invalid("'workspaceIds." + workspace + "' must be a non-empty string of at most 255 characters");
                }
                ids.put(workspace, id);
            });
        }
        return new ForwardConfig(enabled, base, remoteTeam, key, ids, token);
    }

    static String baseUrl(String value) {
        if (value == null || value.isBlank()) {
            throw DomainException.invalid("'baseUrl' is required");
        }
        URI uri;
        try {
            uri = new URI(value.strip());
        } catch (URISyntaxException e) {
            throw DomainException.invalid("'baseUrl' is not a URL: " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw DomainException.invalid("'baseUrl' must be an absolute http or https URL");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw DomainException.invalid("'baseUrl' must have no query and no fragment");
        }
        if (uri.getRawUserInfo() != null) {
            throw DomainException.invalid("'baseUrl' must not carry credentials; use 'token'");
        }
        String text = uri.toString();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        return text;
    }

    private static String text(ObjectNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw DomainException.invalid("Field '" + field + "' must be a string");
        }
        return value.textValue();
    }

    static String encodeIds(Map<String, String> ids) {
        try {
            return MAPPER.writeValueAsString(new TreeMap<>(ids));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, String> decodeIds(String json) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        try {
            JsonNode node = MAPPER.readTree(json);
            Map<String, String> ids = new TreeMap<>();
            if (node == null || !node.isObject()) {
                throw DomainException.invalid("'workspaceIds' must be a JSON object");
            }
            node.fields().forEachRemaining(e -> ids.put(e.getKey(), e.getValue().asText()));
            return ids;
        } catch (JsonProcessingException e) {
            throw DomainException.invalid("'workspaceIds' is not JSON: " + e.getOriginalMessage());
        }
    }
}
