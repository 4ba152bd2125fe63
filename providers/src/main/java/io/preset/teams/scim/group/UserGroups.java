package io.preset.teams.scim.group;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.preset.teams.scim.protocol.ScimJson;
import io.preset.teams.team.TeamEntity;
import jakarta.persistence.EntityManager;

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
    public static Map<String, ArrayNode> of(EntityManager em, TeamEntity team, Collection<String> userIds,
                                            Function<String, String> groupLocation) {
        Map<String, ArrayNode> out = new HashMap<>();
        List<String> ids = new ArrayList<>(new LinkedHashSet<>(userIds));
        for (int i = 0; i < ids.size(); i += CHUNK) {
            List<Object[]> rows = em.createQuery("select ugm.user.id, sg.groupId, g.name from ScimGroupEntity sg"
                            + " join GroupEntity g on g.id = sg.groupId"
                            + " join UserGroupMembershipEntity ugm on ugm.groupId = sg.groupId"
                            + " where sg.teamId = :teamId and ugm.user.id in :ids order by g.name, sg.groupId", Object[].class)
                    .setParameter("teamId", team.getId())
                    .setParameter("ids", ids.subList(i, Math.min(ids.size(), i + CHUNK)))
                    .getResultList();
            for (Object[] row : rows) {
                ObjectNode group = out.computeIfAbsent((String) row[0], u -> ScimJson.MAPPER.createArrayNode()).addObject();
                group.put("value", (String) row[1]);
                group.put("$ref", groupLocation.apply((String) row[1]));
                group.put("display", (String) row[2]);
                group.put("type", "direct");
            }
        }
        return out;
    }
}
