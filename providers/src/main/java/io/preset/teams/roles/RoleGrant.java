package io.preset.teams.roles;

import io.preset.teams.team.TeamRole;
import io.preset.teams.team.WorkspaceRole;

import java.util.Map;

/**
 * What one source grants one member: an optional team role and roles by workspace name.
 */
public record RoleGrant(String kind, String groupId, String groupName, TeamRole teamRole,
                        Map<String, WorkspaceRole> workspaceRoles) {

    public RoleSource source(Enum<?> role) {
        return new RoleSource(kind, groupId, groupName, role.name());
    }
}
