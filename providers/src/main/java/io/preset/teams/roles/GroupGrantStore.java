package io.preset.teams.roles;

import io.preset.teams.team.MemberEntity;
import io.preset.teams.team.TeamRole;
import io.preset.teams.team.TeamStore;
import io.preset.teams.team.WorkspaceRole;
import jakarta.persistence.EntityManager;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the member's pushed groups grant, in one query: the user's Keycloak group memberships among
 * this team's pushed groups, joined with the groups' role mappings. Read from Keycloak's own
 * membership table, so changes made in the admin console or its REST API count at once.
 */
public class GroupGrantStore implements RoleGrantSource {

    /** The user's memberships of the team's pushed groups, each with its team role and workspace roles. */
    private static final String FROM = " from ScimGroupEntity sg"
            + " join GroupEntity g on g.id = sg.groupId"
            + " join UserGroupMembershipEntity ugm on ugm.groupId = sg.groupId"
            + " left join GroupRoleEntity gr on gr.groupId = sg.groupId"
            + " left join GroupWorkspaceRoleEntity gw on gw.groupId = sg.groupId"
            + " left join gw.workspace w";

    private static final String QUERY = "select sg.groupId, g.name, gr.teamRole, w.name, gw.role" + FROM
            + " where sg.teamId = :teamId and ugm.user.id = :userId"
            + " order by g.name, sg.groupId";

    /** {@link #QUERY} for many users of one team: the same rows, with the user id first, in each user's order. */
    private static final String QUERY_ALL = "select ugm.user.id, sg.groupId, g.name, gr.teamRole, w.name, gw.role" + FROM
            + " where sg.teamId = :teamId and ugm.user.id in :userIds"
            + " order by ugm.user.id, g.name, sg.groupId";

    private final EntityManager em;

    /** Reads in the store's transaction. */
    public GroupGrantStore(TeamStore store) {
        this.em = store.entityManager();
    }

    @Override
    public List<RoleGrant> grantsFor(MemberEntity member) {
        List<Object[]> rows = em.createQuery(QUERY, Object[].class)
                .setParameter("teamId", member.getTeam().getId())
                .setParameter("userId", member.getUserId())
                .getResultList();
        return grants(rows, 0);
    }

    @Override
    public Map<String, List<RoleGrant>> grantsForAll(List<MemberEntity> members) {
        Map<String, List<RoleGrant>> out = new HashMap<>();
        Map<String, List<String>> usersByTeam = new LinkedHashMap<>();
        for (MemberEntity member : members) {
            out.put(member.getUserId(), List.of());
            usersByTeam.computeIfAbsent(member.getTeam().getId(), t -> new ArrayList<>()).add(member.getUserId());
        }
        usersByTeam.forEach((teamId, userIds) -> {
            for (int i = 0; i < userIds.size(); i += TeamStore.IN_LIST) {
                Map<String, List<Object[]>> rowsByUser = new LinkedHashMap<>();
                for (Object[] row : em.createQuery(QUERY_ALL, Object[].class)
                        .setParameter("teamId", teamId)
                        .setParameter("userIds", userIds.subList(i, Math.min(userIds.size(), i + TeamStore.IN_LIST)))
                        .getResultList()) {
                    rowsByUser.computeIfAbsent((String) row[0], u -> new ArrayList<>()).add(row);
                }
                rowsByUser.forEach((userId, rows) -> out.put(userId, grants(rows, 1)));
            }
        });
        return out;
    }

    /** The grants of one user's rows of {@link #QUERY} (its columns from {@code at} on), in the rows' group order. */
    private static List<RoleGrant> grants(List<Object[]> rows, int at) {
        Map<String, Object[]> heads = new LinkedHashMap<>();
        Map<String, Map<String, WorkspaceRole>> workspaces = new LinkedHashMap<>();
        for (Object[] row : rows) {
            String groupId = (String) row[at];
            heads.putIfAbsent(groupId, row);
            Map<String, WorkspaceRole> roles = workspaces.computeIfAbsent(groupId, g -> new TreeMap<>());
            if (row[at + 3] != null && row[at + 4] != null) {
                roles.put((String) row[at + 3], (WorkspaceRole) row[at + 4]);
            }
        }
        List<RoleGrant> grants = new ArrayList<>();
        heads.forEach((groupId, row) -> {
            TeamRole teamRole = (TeamRole) row[at + 2];
            Map<String, WorkspaceRole> roles = workspaces.get(groupId);
            if (teamRole != null || !roles.isEmpty()) {
                grants.add(new RoleGrant(RoleSource.GROUP, groupId, (String) row[at + 1], teamRole, Map.copyOf(roles)));
            }
        });
        return grants;
    }
}
