package io.preset.teams.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.preset.teams.common.DomainException;
import io.preset.teams.common.JsonBody;
import io.preset.teams.forward.ForwardConfig;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The body of {@code PUT /teams/{slug}/forwarding}, read as strictly as every other admin body. */
final class ForwardingRequest {

    private static final Set<String> FIELDS = new LinkedHashSet<>(
            List.of("enabled", "baseUrl", "remoteTeam", "userKey", "workspaceIds", "token"));

    private ForwardingRequest() {
    }

    /**
     * Everything but the token is replaced: an absent token keeps {@code existing}'s, {@code ""} removes it;
     * an absent {@code enabled} keeps the stored value (on by default).
     */
    static ForwardConfig read(String body, String slug, ForwardConfig existing) {
        JsonBody json = JsonBody.parse(body, FIELDS);
        boolean enabled = existing == null || existing.enabled();
        JsonNode enabledNode = json.value("enabled");
        if (enabledNode != null) {
            if (!enabledNode.isBoolean()) {
                throw DomainException.invalid("Field 'enabled' must be true or false");
            }
            enabled = enabledNode.booleanValue();
        }
        String token = existing == null ? null : existing.token();
        if (json.has("token")) {
            String sent = json.string("token");
            token = sent.isEmpty() ? null : sent;
        }
        return ForwardConfig.validated(enabled, json.string("baseUrl"), json.string("remoteTeam"), json.string("userKey"),
                json.stringMap("workspaceIds"), token, slug);
    }
}
