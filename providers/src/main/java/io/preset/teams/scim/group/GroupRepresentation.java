package io.preset.teams.scim.group;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.preset.teams.group.ScimGroupEntity;
import io.preset.teams.scim.protocol.ScimJson;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/** A pushed group as SCIM JSON. */
final class GroupRepresentation {

    /** One member of a group: the user id and what to show for it. */
    record Member(String userId, String display) {
    }

    private GroupRepresentation() {
    }

    static String version(ScimGroupEntity entity) {
        return "W/\"" + entity.getVersion() + "\"";
    }

    /**
     * @param members null to leave {@code members} out (not requested), else every member
     */
    static ObjectNode build(ScimGroupEntity entity, String displayName, List<Member> members, String location,
                            Function<String, String> userLocation) {
        ObjectNode node = ScimJson.object();
        node.putArray("schemas").add(ScimJson.CORE_GROUP);
        node.put("id", entity.getGroupId());
        if (entity.getExternalId() != null) {
            node.put("externalId", entity.getExternalId());
        }
        node.put("displayName", displayName);
        if (members != null) {
            ArrayNode array = node.putArray("members");
            for (Member member : members) {
                ObjectNode m = array.addObject();
                m.put("value", member.userId());
                m.put("$ref", userLocation.apply(member.userId()));
                if (member.display() != null) {
                    m.put("display", member.display());
                }
                m.put("type", "User");
            }
        }
        ObjectNode meta = node.putObject("meta");
        meta.put("resourceType", "Group");
        meta.put("created", Instant.ofEpochMilli(entity.getCreatedAt()).toString());
        meta.put("lastModified", Instant.ofEpochMilli(entity.getLastModified()).toString());
        meta.put("location", location);
        meta.put("version", version(entity));
        return node;
    }
}
