package io.preset.teams.forward;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.preset.teams.common.DomainException;
import io.preset.teams.team.Slugs;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
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
