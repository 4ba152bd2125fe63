package io.preset.teams.scim.group;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.preset.teams.scim.protocol.ScimJson;
import io.preset.teams.team.TeamEntity;
import io.preset.teams.group.TeamGroupStore;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The {@code groups} attribute of a team's users: the team's pushed groups each user is a direct
 * member of, for a whole page of users in one query.
 */
public final class UserGroups {

    private static final int CHUNK = 500;

    private UserGroups() {
    }

    /**
     * @param groupLocation the {@code $ref} of a group id
     * @return by user id, the SCIM {@code groups} values; users without groups are absent
     */
    public static Map<String, ArrayNode> of(TeamGroupStore groups, TeamEntity team, Collection<String> userIds,
                                            Function<String, String> groupLocation) {
        Map<String, ArrayNode> out = new HashMap<>();
        List<String> ids = new ArrayList<>(new LinkedHashSet<>(userIds));
        for (int i = 0; i < ids.size(); i += CHUNK) {
            for (TeamGroupStore.UserGroup row : groups.groupsOfUsers(team, ids.subList(i, Math.min(ids.size(), i + CHUNK)))) {
                ObjectNode group = out.computeIfAbsent(row.userId(), u -> ScimJson.MAPPER.createArrayNode()).addObject();
                group.put("value", row.groupId());
                group.put("$ref", groupLocation.apply(row.groupId()));
                group.put("display", row.name());
                group.put("type", "direct");
            }
        }
        return out;
    }
}
