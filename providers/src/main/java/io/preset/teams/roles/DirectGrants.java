package io.preset.teams.roles;

import io.preset.teams.team.MemberEntity;
import io.preset.teams.team.TeamStore;
import io.preset.teams.team.WorkspaceRole;

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
        Map<String, WorkspaceRole> workspaces = new LinkedHashMap<>();
        store.directWorkspaceRoles(member).forEach((workspace, role) -> workspaces.put(workspace.getName(), role));
        return List.of(new RoleGrant(RoleSource.DIRECT, null, null, member.getTeamRole(), workspaces));
    }
}
