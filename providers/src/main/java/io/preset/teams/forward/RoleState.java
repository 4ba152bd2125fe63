package io.preset.teams.forward;

import io.preset.teams.roles.EffectiveRoles;
import io.preset.teams.team.TeamRole;
import io.preset.teams.team.WorkspaceRole;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A member's roles as the target sees them: a team role (null = not a member) and the workspace
 * roles by our workspace name, without {@code PresetNoAccess} (the absence of a role).
 */
public record RoleState(TeamRole teamRole, SortedMap<String, WorkspaceRole> workspaces) {

    public static final RoleState NONE = new RoleState(null, new TreeMap<>());

    public RoleState {
        TreeMap<String, WorkspaceRole> copy = new TreeMap<>();
        if (teamRole != null && workspaces != null) {
            workspaces.forEach((name, role) -> {
                if (role != null && role != WorkspaceRole.PresetNoAccess) {
                    copy.put(name, role);
                }
            });
        }
        workspaces = Collections.unmodifiableSortedMap(copy);
    }

    public static RoleState of(TeamRole teamRole, Map<String, WorkspaceRole> workspaces) {
        return new RoleState(teamRole, workspaces == null ? null : new TreeMap<>(workspaces));
    }

    public static RoleState of(EffectiveRoles roles) {
        if (roles.teamRole() == null) {
            return NONE;
        }
        TreeMap<String, WorkspaceRole> workspaces = new TreeMap<>();
        roles.workspaceRoles().forEach((name, effective) -> workspaces.put(name, WorkspaceRole.parse(effective.role())));
        return new RoleState(TeamRole.parse(roles.teamRole().role()), workspaces);
    }

    public boolean isMember() {
        return teamRole != null;
    }

    /** The workspace roles as stored in the forward state: {@code name=Role;name=Role} (names are slugs). */
    public String encodeWorkspaces() {
        StringBuilder out = new StringBuilder();
        workspaces.forEach((name, role) -> {
            if (out.length() > 0) {
                out.append(';');
            }
            out.append(name).append('=').append(role.name());
        });
        return out.toString();
    }

    public static RoleState decode(TeamRole teamRole, String encodedWorkspaces) {
        TreeMap<String, WorkspaceRole> workspaces = new TreeMap<>();
        if (encodedWorkspaces != null && !encodedWorkspaces.isEmpty()) {
            for (String entry : encodedWorkspaces.split(";")) {
                int eq = entry.indexOf('=');
                workspaces.put(entry.substring(0, eq), WorkspaceRole.parse(entry.substring(eq + 1)));
            }
        }
        return new RoleState(teamRole, workspaces);
    }
}
