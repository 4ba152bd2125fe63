package io.preset.teams.group;

import io.preset.teams.common.DomainException;
import io.preset.teams.team.MemberEntity;
import io.preset.teams.team.TeamEntity;
import io.preset.teams.team.TeamRole;
import io.preset.teams.team.WorkspaceEntity;
import io.preset.teams.team.WorkspaceRole;
import jakarta.persistence.EntityManager;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Pushed groups of the teams of one realm. Each is a Keycloak group (visible and editable in the
 * admin console) under the team's top-level group {@code team:<slug>}, so two teams may push groups
 * of the same name. Group rows, names and memberships are changed through Keycloak's model API so that
 * its caches and events see them; reads are JPQL over Keycloak's tables, joined with the team.
 */
public class TeamGroupStore {

    public static final String PARENT_PREFIX = "team:";
    /** Largest IN list per query (Oracle allows 1000). */
    static final int CHUNK = 500;

    private final KeycloakSession session;
    private final RealmModel realm;
    private final EntityManager em;

    public TeamGroupStore(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
        this.em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    // --- groups

    /** A user's direct membership of one of the team's pushed groups. */
    public record UserGroup(String userId, String groupId, String name) {
    }

    /** The pushed groups of {@code team} that each of {@code userIds} is a direct member of, by group name. */
    public List<UserGroup> groupsOfUsers(TeamEntity team, Collection<String> userIds) {
        List<UserGroup> out = new ArrayList<>();
        for (Object[] row : em.createQuery("select ugm.user.id, sg.groupId, g.name from ScimGroupEntity sg"
                        + " join GroupEntity g on g.id = sg.groupId"
                        + " join UserGroupMembershipEntity ugm on ugm.groupId = sg.groupId"
                        + " where sg.teamId = :teamId and ugm.user.id in :ids order by g.name, sg.groupId", Object[].class)
                .setParameter("teamId", team.getId()).setParameter("ids", userIds).getResultList()) {
            out.add(new UserGroup((String) row[0], (String) row[1], (String) row[2]));
        }
        return out;
    }

    public Optional<ScimGroupEntity> find(TeamEntity team, String groupId) {
        if (groupId == null || groupId.isBlank() || groupId.length() > 36) {
            return Optional.empty();
        }
        ScimGroupEntity entity = em.find(ScimGroupEntity.class, groupId);
        return entity != null && entity.getTeamId().equals(team.getId()) ? Optional.of(entity) : Optional.empty();
    }

    /** The team of this realm whose pushed group this Keycloak group is, if it is one. */
    public Optional<TeamEntity> teamOfGroup(String groupId) {
        ScimGroupEntity pushed = groupId == null ? null : em.find(ScimGroupEntity.class, groupId);
        TeamEntity team = pushed == null ? null : em.find(TeamEntity.class, pushed.getTeamId());
        return team != null && team.getRealmId().equals(realm.getId()) ? Optional.of(team) : Optional.empty();
    }

    /** A pushed group with its Keycloak group's name. */
    public record Listed(ScimGroupEntity entity, String name) {
    }

    /** The team's pushed groups, by name (case-insensitively), then id. */
    public List<Listed> listed(TeamEntity team) {
        return em.createQuery("select sg, g.name from ScimGroupEntity sg join GroupEntity g on g.id = sg.groupId"
                        + " where sg.teamId = :teamId order by lower(g.name), sg.groupId", Object[].class)
                .setParameter("teamId", team.getId()).getResultList().stream()
                .map(row -> new Listed((ScimGroupEntity) row[0], (String) row[1])).toList();
    }

    /** Direct members per group id, in one query per {@value #CHUNK} groups; groups without members are absent. */
    public Map<String, Long> memberCounts(Collection<String> groupIds) {
        Map<String, Long> counts = new HashMap<>();
        for (List<String> chunk : chunks(groupIds)) {
            for (Object[] row : em.createQuery("select ugm.groupId, count(ugm) from UserGroupMembershipEntity ugm"
                    + " where ugm.groupId in :ids group by ugm.groupId", Object[].class).setParameter("ids", chunk).getResultList()) {
                counts.put((String) row[0], ((Number) row[1]).longValue());
            }
        }
        return counts;
    }

    /** The Keycloak group of a pushed group; gone only if deleted concurrently. */
    public GroupModel group(ScimGroupEntity entity) {
        GroupModel group = session.groups().getGroupById(realm, entity.getGroupId());
        if (group == null) {
            throw DomainException.notFound("Group '" + entity.getGroupId() + "' not found");
        }
        return group;
    }

    /** The team's top-level group, created on first use. */
    public GroupModel parent(TeamEntity team, boolean create) {
        String name = PARENT_PREFIX + team.getSlug();
        GroupModel parent = session.groups().getGroupByName(realm, null, name);
        if (parent == null && create) {
            parent = session.groups().createGroup(realm, name);
            parent.setSingleAttribute("preset.team", team.getSlug());
        }
        return parent;
    }

    public ScimGroupEntity create(TeamEntity team, String displayName, String externalId) {
        requireFreeName(team, displayName, null);
        GroupModel group = session.groups().createGroup(realm, displayName, parent(team, true));
        ScimGroupEntity entity = new ScimGroupEntity();
        entity.setGroupId(group.getId());
        entity.setTeamId(team.getId());
        entity.setExternalId(externalId);
        long now = System.currentTimeMillis();
        entity.setCreatedAt(now);
        entity.setLastModified(now);
        entity.setVersion(1);
        em.persist(entity);
        return entity;
    }

    /**
     * Makes an existing subgroup of the team's {@code team:<slug>} group (one declared in a realm file) a pushed
     * group of the team, as if its identity provider had pushed it.
     */
    public ScimGroupEntity adopt(TeamEntity team, GroupModel group, String externalId) {
        ScimGroupEntity entity = new ScimGroupEntity();
        entity.setGroupId(group.getId());
        entity.setTeamId(team.getId());
        entity.setExternalId(externalId);
        long now = System.currentTimeMillis();
        entity.setCreatedAt(now);
        entity.setLastModified(now);
        entity.setVersion(1);
        em.persist(entity);
        return entity;
    }

    /** @return whether the name changed */
    public boolean rename(TeamEntity team, ScimGroupEntity entity, GroupModel group, String displayName) {
        if (displayName.equals(group.getName())) {
            return false;
        }
        requireFreeName(team, displayName, entity.getGroupId());
        group.setName(displayName);
        return true;
    }

    /** Deletes the Keycloak group; its rows go with it (also via {@link #deleteAllOfGroup} on Keycloak's event). */
    public void delete(ScimGroupEntity entity) {
        GroupModel group = session.groups().getGroupById(realm, entity.getGroupId());
        deleteAllOfGroup(em, entity.getGroupId());
        if (group != null) {
            session.groups().removeGroup(realm, group);
        }
    }

    /** displayName is unique within the team, compared case-insensitively (RFC 7643: caseExact false). */
    public void requireFreeName(TeamEntity team, String displayName, String exceptGroupId) {
        if (displayName == null || displayName.isBlank()) {
            throw DomainException.invalid("displayName is required");
        }
        if (displayName.length() > 255) {
            throw DomainException.invalid("displayName is longer than 255 characters");
        }
        List<String> taken = em.createQuery("select sg.groupId from ScimGroupEntity sg, GroupEntity g"
                        + " where g.id = sg.groupId and sg.teamId = :teamId and lower(g.name) = lower(:name)", String.class)
                .setParameter("teamId", team.getId()).setParameter("name", displayName).getResultList();
        if (taken.stream().anyMatch(id -> !id.equals(exceptGroupId))) {
            throw DomainException.conflict("A group named '" + displayName + "' already exists in this team");
        }
    }

    /** Removes every pushed group of the team and the team's top-level group (team deletion). */
    public void deleteAllOfTeam(TeamEntity team) {
        for (ScimGroupEntity entity : em.createQuery("select sg from ScimGroupEntity sg where sg.teamId = :teamId",
                ScimGroupEntity.class).setParameter("teamId", team.getId()).getResultList()) {
            delete(entity);
        }
        GroupModel parent = parent(team, false);
        if (parent != null) {
            session.groups().removeGroup(realm, parent);
        }
    }

    /** The extension's rows of a group; Keycloak deletes the group and its memberships itself. */
    public static void deleteAllOfGroup(EntityManager em, String groupId) {
        em.createQuery("delete from GroupWorkspaceRoleEntity r where r.groupId = :groupId")
                .setParameter("groupId", groupId).executeUpdate();
        em.createQuery("delete from GroupRoleEntity r where r.groupId = :groupId")
                .setParameter("groupId", groupId).executeUpdate();
        em.createQuery("delete from ScimGroupEntity sg where sg.groupId = :groupId")
                .setParameter("groupId", groupId).executeUpdate();
    }

    // --- memberships: every method costs O(ids given), never O(group size), except allMemberIds

    /** Every direct member's id of the Keycloak group (for a full replace of the member list). */
    public Set<String> allMemberIds(String groupId) {
        return new HashSet<>(em.createQuery("select ugm.user.id from UserGroupMembershipEntity ugm where ugm.groupId = :groupId",
                String.class).setParameter("groupId", groupId).getResultList());
    }

    /** Which of {@code userIds} are direct members of the group. */
    public Set<String> membersAmong(String groupId, Collection<String> userIds) {
        Set<String> found = new HashSet<>();
        for (List<String> chunk : chunks(userIds)) {
            found.addAll(em.createQuery("select ugm.user.id from UserGroupMembershipEntity ugm"
                            + " where ugm.groupId = :groupId and ugm.user.id in :ids", String.class)
                    .setParameter("groupId", groupId).setParameter("ids", chunk).getResultList());
        }
        return found;
    }

    /** The team's memberships of {@code userIds}, by user id; users not in the team are absent. */
    public Map<String, MemberEntity> teamMembers(TeamEntity team, Collection<String> userIds) {
        Map<String, MemberEntity> found = new HashMap<>();
        for (List<String> chunk : chunks(userIds)) {
            for (MemberEntity member : em.createQuery("select m from MemberEntity m where m.team = :team and m.userId in :ids",
                    MemberEntity.class).setParameter("team", team).setParameter("ids", chunk).getResultList()) {
                found.put(member.getUserId(), member);
            }
        }
        return found;
    }

    public void join(GroupModel group, String userId) {
        UserModel user = session.users().getUserById(realm, userId);
        if (user != null) {
            user.joinGroup(group);
        }
    }

    public void leave(GroupModel group, String userId) {
        UserModel user = session.users().getUserById(realm, userId);
        if (user != null) {
            user.leaveGroup(group);
        }
    }

    /** The user leaves every pushed group of the team (the membership of the team is going away). */
    public void leaveTeamGroups(TeamEntity team, String userId) {
        UserModel user = session.users().getUserById(realm, userId);
        if (user == null) {
            return;
        }
        for (String groupId : em.createQuery("select sg.groupId from ScimGroupEntity sg, UserGroupMembershipEntity ugm"
                        + " where ugm.groupId = sg.groupId and sg.teamId = :teamId and ugm.user.id = :userId", String.class)
                .setParameter("teamId", team.getId()).setParameter("userId", userId).getResultList()) {
            GroupModel group = session.groups().getGroupById(realm, groupId);
            if (group != null) {
                user.leaveGroup(group);
            }
        }
    }

    // --- role mappings

    /** What a pushed group grants: a team role (or null) and roles by workspace name. */
    public record Mapping(TeamRole teamRole, Map<String, WorkspaceRole> workspaceRoles) {
        static final Mapping NONE = new Mapping(null, Map.of());

        /** The team role's name, or null when the group grants none. */
        public String teamRoleName() {
            return teamRole == null ? null : teamRole.name();
        }

        /** Workspace name to role name, sorted by workspace, as every surface shows them. */
        public Map<String, String> workspaceRoleNames() {
            Map<String, String> names = new java.util.TreeMap<>();
            workspaceRoles.forEach((name, role) -> names.put(name, role.name()));
            return names;
        }
    }

    public Mapping mapping(String groupId) {
        return mappings(List.of(groupId)).getOrDefault(groupId, Mapping.NONE);
    }

    /** Mappings of the given groups by group id, in two queries; unmapped groups are absent. */
    public Map<String, Mapping> mappings(Collection<String> groupIds) {
        Map<String, TeamRole> teamRoles = new HashMap<>();
        Map<String, Map<String, WorkspaceRole>> workspaceRoles = new HashMap<>();
        for (List<String> chunk : chunks(groupIds)) {
            for (GroupRoleEntity role : em.createQuery("select r from GroupRoleEntity r where r.groupId in :ids",
                    GroupRoleEntity.class).setParameter("ids", chunk).getResultList()) {
                teamRoles.put(role.getGroupId(), role.getTeamRole());
            }
            for (Object[] row : em.createQuery("select r.groupId, w.name, r.role from GroupWorkspaceRoleEntity r join r.workspace w"
                    + " where r.groupId in :ids", Object[].class).setParameter("ids", chunk).getResultList()) {
                workspaceRoles.computeIfAbsent((String) row[0], g -> new TreeMap<>()).put((String) row[1], (WorkspaceRole) row[2]);
            }
        }
        Map<String, Mapping> out = new LinkedHashMap<>();
        for (String groupId : groupIds) {
            if (teamRoles.containsKey(groupId) || workspaceRoles.containsKey(groupId)) {
                out.put(groupId, new Mapping(teamRoles.get(groupId), workspaceRoles.getOrDefault(groupId, Map.of())));
            }
        }
        return out;
    }

    /** Replaces the group's mapping; {@code PresetNoAccess} is the absence of a role and is not stored. */
    public void setMapping(TeamEntity team, String groupId, TeamRole teamRole, Map<WorkspaceEntity, WorkspaceRole> workspaceRoles) {
        GroupRoleEntity role = em.find(GroupRoleEntity.class, groupId);
        if (role == null) {
            role = new GroupRoleEntity();
            role.setGroupId(groupId);
            role.setTeamId(team.getId());
            role.setTeamRole(teamRole);
            em.persist(role);
        } else {
            role.setTeamRole(teamRole);
        }
        em.createQuery("delete from GroupWorkspaceRoleEntity r where r.groupId = :groupId")
                .setParameter("groupId", groupId).executeUpdate();
        for (Map.Entry<WorkspaceEntity, WorkspaceRole> entry : workspaceRoles.entrySet()) {
            if (entry.getValue() == WorkspaceRole.PresetNoAccess) {
                continue;
            }
            GroupWorkspaceRoleEntity ws = new GroupWorkspaceRoleEntity();
            ws.setId(KeycloakModelUtils.generateId());
            ws.setGroupId(groupId);
            ws.setWorkspace(entry.getKey());
            ws.setRole(entry.getValue());
            em.persist(ws);
        }
    }

    static List<List<String>> chunks(Collection<String> ids) {
        List<String> all = new ArrayList<>(new java.util.LinkedHashSet<>(ids));
        List<List<String>> chunks = new ArrayList<>();
        for (int i = 0; i < all.size(); i += CHUNK) {
            chunks.add(all.subList(i, Math.min(all.size(), i + CHUNK)));
        }
        return chunks;
    }
}
