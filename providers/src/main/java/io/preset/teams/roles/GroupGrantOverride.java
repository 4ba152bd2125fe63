package io.preset.teams.roles;

import io.preset.teams.team.MemberEntity;
import io.preset.teams.team.TeamRole;
import io.preset.teams.team.WorkspaceRole;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The grants of another source with one pushed group's mapping replaced, for members of that group: what
 * they would be granted if the mapping were saved. Used to preview a mapping change before writing it, so
 * that the preview is computed by the same {@link EffectiveRoles#combine} as every read after the save.
 */
public class GroupGrantOverride implements RoleGrantSource {

    private final RoleGrantSource groups;
    private final String groupId;
    private final String groupName;
    private final TeamRole teamRole;
    private final Map<String, WorkspaceRole> workspaceRoles;

    /** {@code workspaceRoles} by workspace name, without {@code PresetNoAccess} (the absence of a role). */
    public GroupGrantOverride(RoleGrantSource groups, String groupId, String groupName, TeamRole teamRole,
                              Map<String, WorkspaceRole> workspaceRoles) {
        this.groups = groups;
        this.groupId = groupId;
        this.groupName = groupName;
        this.teamRole = teamRole;
        this.workspaceRoles = Map.copyOf(workspaceRoles);
    }

    /** Grants of a member of the group (only they are asked about); the group's own grant is the new one. */
    @Override
    public List<RoleGrant> grantsFor(MemberEntity member) {
        return replaced(groups.grantsFor(member));
    }

    @Override
    public Map<String, List<RoleGrant>> grantsForAll(List<MemberEntity> members) {
        Map<String, List<RoleGrant>> out = new HashMap<>();
        groups.grantsForAll(members).forEach((userId, grants) -> out.put(userId, replaced(grants)));
        return out;
    }

    private List<RoleGrant> replaced(List<RoleGrant> current) {
        List<RoleGrant> grants = new ArrayList<>();
        for (RoleGrant grant : current) {
            if (!groupId.equals(grant.groupId())) {
                grants.add(grant);
            }
        }
        if (teamRole != null || !workspaceRoles.isEmpty()) {
            grants.add(new RoleGrant(RoleSource.GROUP, groupId, groupName, teamRole, workspaceRoles));
        }
        return grants;
    }
}
