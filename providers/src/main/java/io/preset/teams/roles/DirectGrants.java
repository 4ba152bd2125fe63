package io.preset.teams.roles;

import io.preset.teams.team.MemberEntity;
import io.preset.teams.team.TeamStore;
import io.preset.teams.team.WorkspaceEntity;
import io.preset.teams.team.WorkspaceRole;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The member's direct team role and direct workspace roles. */
public class DirectGrants implements RoleGrantSource {

    private final TeamStore store;

    public DirectGrants(TeamStore store) {
        this.store = store;
    }

    @Override
    public List<RoleGrant> grantsFor(MemberEntity member) {
        return List.of(grant(member, store.directWorkspaceRoles(member)));
    }

    @Override
    public Map<String, List<RoleGrant>> grantsForAll(List<MemberEntity> members) {
        Map<String, Map<WorkspaceEntity, WorkspaceRole>> direct = store.directWorkspaceRoles(members);
        Map<String, List<RoleGrant>> out = new HashMap<>();
        for (MemberEntity member : members) {
            out.put(member.getUserId(), List.of(grant(member, direct.getOrDefault(member.getId(), Map.of()))));
        }
        return out;
    }

    /** The member's direct team role and direct workspace roles (by workspace name), as one grant. */
    private static RoleGrant grant(MemberEntity member, Map<WorkspaceEntity, WorkspaceRole> direct) {
        Map<String, WorkspaceRole> workspaces = new LinkedHashMap<>();
        direct.forEach((workspace, role) -> workspaces.put(workspace.getName(), role));
        return new RoleGrant(RoleSource.DIRECT, null, null, member.getTeamRole(), workspaces);
    }
}
