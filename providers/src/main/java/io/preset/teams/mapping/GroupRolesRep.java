package io.preset.teams.mapping;

import io.preset.teams.group.TeamGroupStore;

import java.util.Map;

/**
 * A group's mapping as every channel shows it (admin API, console entries, admin events): its team role's name
 * ({@code null} grants none) and its workspace roles by workspace name.
 */
public record GroupRolesRep(String teamRole, Map<String, String> workspaceRoles) {

    public static GroupRolesRep of(TeamGroupStore.Mapping mapping) {
        return new GroupRolesRep(mapping.teamRoleName(), mapping.workspaceRoleNames());
    }
}
