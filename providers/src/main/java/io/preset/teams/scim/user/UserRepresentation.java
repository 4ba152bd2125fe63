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
 * A team's view of a user as SCIM JSON: the account's profile, Keycloak's own fields (names, primary
 * email: edits in the admin console show), and this team's membership (active, externalId, meta).
 */
final class UserRepresentation {

    private UserRepresentation() {
    }

    static String version(MemberEntity member) {
        return "W/\"" + member.getVersion() + "\"";
    }

    static ObjectNode build(MemberEntity member, KeycloakUserView user, ScimAccountEntity account, ObjectNode profile,
                            ArrayNode groups, String location) {
        ObjectNode node = ScimJson.object();
        ArrayNode schemas = node.putArray("schemas").add(ScimJson.CORE_USER);
        node.put("id", member.getUserId());
        if (member.getExternalId() != null) {
            node.put("externalId", member.getExternalId());
        }
        node.put("userName", account != null ? account.getUserName() : user.username());
        ObjectNode enterprise = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = profile.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getKey().equals(ScimJson.ENTERPRISE_USER)) {
                enterprise = (ObjectNode) field.getValue();
            } else {
                node.set(field.getKey(), field.getValue());
            }
        }
        overlayName(node, "givenName", user.firstName());
        overlayName(node, "familyName", user.lastName());
        overlayEmail(node, user.email());
        node.put("active", member.isActive());
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

    /** Keycloak's first and last name win over the stored profile (the admin console may have changed them). */
    private static void overlayName(ObjectNode node, String part, String value) {
        JsonNode name = node.get("name");
        if (value == null || value.isEmpty()) {
            if (name instanceof ObjectNode object) {
                object.remove(part);
                if (object.isEmpty()) {
                    node.remove("name");
                }
            }
            return;
        }
        ObjectNode object = name instanceof ObjectNode existing ? existing : node.putObject("name");
        object.put(part, value);
    }

    /** Keycloak keeps one email; it is the primary one of the SCIM list. */
    private static void overlayEmail(ObjectNode node, String email) {
        if (email == null || email.isEmpty()) {
            return;
        }
        JsonNode emails = node.get("emails");
        if (emails instanceof ArrayNode list) {
            for (JsonNode element : list) {
                if (element.path("value").asText("").equalsIgnoreCase(email)) {
                    return;
                }
            }
            for (JsonNode element : list) {
                if (element.path("primary").asBoolean(false) && element instanceof ObjectNode primary) {
                    primary.put("value", email);
                    return;
                }
            }
        }
        ArrayNode list = emails instanceof ArrayNode existing ? existing : node.putArray("emails");
        list.forEach(e -> {
            if (e instanceof ObjectNode o) {
                o.remove("primary");
            }
        });
        list.insertObject(0).put("value", email).put("type", "work").put("primary", true);
    }
}
