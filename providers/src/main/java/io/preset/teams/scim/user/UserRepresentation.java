package io.preset.teams.scim.user;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.preset.teams.scim.protocol.ScimJson;
import io.preset.teams.team.MemberEntity;

import java.time.Instant;
import java.util.Iterator;
import java.util.Map;

/**
 * A team's view of a user as SCIM JSON: what this team provisioned itself (its userName spelling, the
 * profile it sent, its externalId) and its membership ({@code active}, meta). Nothing of the account that
 * the team did not send shows, whoever owns it: Keycloak's own fields are never read here.
 */
final class UserRepresentation {

    private UserRepresentation() {
    }

    static String version(MemberEntity member) {
        return "W/\"" + member.getVersion() + "\"";
    }

    /** @param fallbackUserName the account's username, for a member that no SCIM provisioned (admin API) */
    static ObjectNode build(MemberEntity member, String fallbackUserName, ArrayNode groups, String location) {
        ObjectNode profile = ScimUserStore.profile(member);
        ObjectNode node = ScimJson.object();
        ArrayNode schemas = node.putArray("schemas").add(ScimJson.CORE_USER);
        node.put("id", member.getUserId());
        if (member.getExternalId() != null) {
            node.put("externalId", member.getExternalId());
        }
        node.put("userName", member.getUserName() != null ? member.getUserName() : fallbackUserName);
        ObjectNode enterprise = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = profile.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getKey().equals(ScimJson.ENTERPRISE_USER)) {
                enterprise = (ObjectNode) field.getValue();
            } else {
                node.set(field.getKey(), field.getValue());
            }
        }
        node.put("active", member.isScimActive());
        if (groups != null && !groups.isEmpty()) {
            node.set("groups", groups);
        }
        if (enterprise != null && !enterprise.isEmpty()) {
            schemas.add(ScimJson.ENTERPRISE_USER);
            node.set(ScimJson.ENTERPRISE_USER, enterprise);
        }
        ObjectNode meta = node.putObject("meta");
        meta.put("resourceType", "User");
        meta.put("created", Instant.ofEpochMilli(member.getCreatedAt()).toString());
        meta.put("lastModified", Instant.ofEpochMilli(member.getLastModified()).toString());
        meta.put("location", location);
        meta.put("version", version(member));
        return node;
    }
}
