package io.preset.teams.mapping;

import io.preset.teams.auth.AdminRevocation;
import io.preset.teams.common.DomainException;
import io.preset.teams.common.JsonBody;
import io.preset.teams.forward.ForwardTracker;
import io.preset.teams.group.ScimGroupEntity;
import io.preset.teams.group.TeamGroupStore;
import io.preset.teams.roles.DirectGrants;
import io.preset.teams.roles.EffectiveRoles;
import io.preset.teams.roles.GroupGrantOverride;
import io.preset.teams.roles.GroupGrantStore;
import io.preset.teams.roles.RoleDiff;
import io.preset.teams.roles.RoleResolver;
import io.preset.teams.team.MemberEntity;
import io.preset.teams.team.MemberNames;
import io.preset.teams.team.TeamEntity;
import io.preset.teams.team.TeamRole;
import io.preset.teams.team.TeamStore;
import io.preset.teams.team.WorkspaceEntity;
import io.preset.teams.team.WorkspaceRole;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Changing what a pushed group grants, the one write path of every surface (admin API
 * {@code PUT /teams/{slug}/groups/{id}/roles}, admin-console page, team portal), and its preview: who gains and
 * who loses which role, and whose Okta grant the change revokes.
 */
public final class GroupRoleMappings {

    /** The body of a mapping change: {@code {teamRole, workspaceRoles: {name: role}}}. */
    public static final Set<String> FIELDS = Set.of("teamRole", "workspaceRoles");

    /** A change whose names all resolved: the team's pushed group and the team's workspaces. */
    public record Change(TeamEntity team, ScimGroupEntity group, TeamRole teamRole,
                         Map<WorkspaceEntity, WorkspaceRole> workspaceRoles) {
    }

    /**
     * One member whose effective roles the change alters, named by the team's own view of them (the userName it
     * provisioned; the account's username, as SCIM shows it, only for members an operator added), never by the
     * account's email or profile, which may belong to another team.
     */
    public record MemberChange(String userId, String userName, List<RoleDiff.Change> changes,
                               boolean losesAdmin, boolean oktaGrantRevoked) {
    }

    /** What saving would do: the members of the group it looked at and those whose roles change. */
    public record Preview(int groupMembers, List<MemberChange> changes) {
    }

    private final KeycloakSession session;
    private final RealmModel realm;
    private final TeamStore store;
    private final TeamGroupStore groups;

    public GroupRoleMappings(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
        this.store = new TeamStore(session, realm);
        this.groups = new TeamGroupStore(session, realm);
    }

    /** The team's pushed group, or 404 with the admin API's message. */
    public ScimGroupEntity pushedGroup(TeamEntity team, String groupId) {
        return groups.find(team, groupId).orElseThrow(() -> DomainException.notFound(
                "Group '" + groupId + "' is not a pushed group of team '" + team.getSlug() + "'"));
    }

    /** Reads a request body with the admin API's checks and messages; nothing is written. */
    public Change parse(TeamEntity team, String groupId, JsonBody json) {
        ScimGroupEntity group = pushedGroup(team, groupId);
        TeamRole teamRole = json.has("teamRole") ? TeamRole.parse(json.string("teamRole")) : null;
        Map<String, WorkspaceRole> byName = new LinkedHashMap<>();
        json.stringMap("workspaceRoles").forEach((name, role) -> byName.put(name, WorkspaceRole.parse(role)));
        return new Change(team, group, teamRole, store.resolveWorkspaceRoles(team, byName));
    }

    /**
     * Replaces the group's mapping rows; members who stop being team administrators by it lose their Okta
     * grants at once, and every member's forwarded roles are brought up to date.
     */
    public TeamGroupStore.Mapping apply(Change change) {
        String groupId = change.group().getGroupId();
        AdminRevocation revocation = groups.mapping(groupId).teamRole() == TeamRole.Admin
                ? AdminRevocation.watch(session, realm, change.team(), groups.allMemberIds(groupId)) : null;
        groups.setMapping(change.team(), groupId, change.teamRole(), change.workspaceRoles());
        ForwardTracker.touch(session, realm, change.team(), groups.allMemberIds(groupId));
        if (revocation != null) {
            revocation.afterChange();
        }
        return groups.mapping(groupId);
    }

    /**
     * {@link #apply} for a realm import, in its prepare phase: only the rows are written. The new realm has no Okta
     * grants to revoke, an import forwards nothing, and no more transaction work may be enlisted then.
     */
    public TeamGroupStore.Mapping applyImported(Change change) {
        String groupId = change.group().getGroupId();
        groups.setMapping(change.team(), groupId, change.teamRole(), change.workspaceRoles());
        return groups.mapping(groupId);
    }

    /**
     * What {@link #apply} would change, computed by the same role resolution as every read after it: each
     * member's effective roles now and with the group's mapping replaced. Writes nothing.
     */
    public Preview preview(Change change) {
        String groupId = change.group().getGroupId();
        Map<String, WorkspaceRole> byName = new LinkedHashMap<>();
        change.workspaceRoles().forEach((workspace, role) -> {
            if (role != WorkspaceRole.PresetNoAccess) { // not stored: the absence of a role
                byName.put(workspace.getName(), role);
            }
        });
        String groupName = groups.group(change.group()).getName();
        RoleResolver now = RoleResolver.of(store);
        RoleResolver after = new RoleResolver(List.of(new DirectGrants(store), new GroupGrantOverride(
                new GroupGrantStore(store), groupId, groupName, change.teamRole(), byName)));
        Set<String> memberIds = groups.allMemberIds(groupId);
        Map<String, MemberEntity> members = groups.teamMembers(change.team(), memberIds);
        List<MemberChange> changes = new ArrayList<>();
        Set<String> losingAdmin = new HashSet<>();
        Map<MemberEntity, List<RoleDiff.Change>> diffs = new LinkedHashMap<>();
        for (MemberEntity member : members.values()) {
            EffectiveRoles before = now.resolve(member);
            EffectiveRoles then = after.resolve(member);
            List<RoleDiff.Change> diff = RoleDiff.between(before, then);
            if (!diff.isEmpty()) {
                diffs.put(member, diff);
                if (before.isTeamAdmin() && !then.isTeamAdmin()) {
                    losingAdmin.add(member.getUserId());
                }
            }
        }
        Set<String> holders = AdminRevocation.oktaGrantHolders(session, realm, losingAdmin);
        diffs.forEach((member, diff) -> changes.add(new MemberChange(member.getUserId(), userName(member), diff,
                losingAdmin.contains(member.getUserId()), holders.contains(member.getUserId()))));
        changes.sort(Comparator.comparing(c -> c.userName() == null ? c.userId() : c.userName()));
        return new Preview(memberIds.size(), changes);
    }

    private String userName(MemberEntity member) {
        return MemberNames.of(session, realm, member);
    }
}
