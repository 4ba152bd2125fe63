package io.preset.teams.roles;

import io.preset.teams.team.TeamRole;
import io.preset.teams.team.WorkspaceRole;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A member's effective roles in one team: per role the highest grant, with every source that
 * contributed. An inactive member has none.
 */
public final class EffectiveRoles {

    public record Effective(String role, List<RoleSource> sources) {
    }

    private static final EffectiveRoles NONE = new EffectiveRoles(null, Map.of());

    private final Effective teamRole;
    private final Map<String, Effective> workspaceRoles;

    private EffectiveRoles(Effective teamRole, Map<String, Effective> workspaceRoles) {
        this.teamRole = teamRole;
        this.workspaceRoles = workspaceRoles;
    }

    public static EffectiveRoles none() {
        return NONE;
    }

    /** Combines grants: the highest role wins; sources are kept in grant order. */
    public static EffectiveRoles combine(List<RoleGrant> grants) {
        TeamRole team = null;
        List<RoleSource> teamSources = new ArrayList<>();
        Map<String, WorkspaceRole> best = new TreeMap<>();
        Map<String, List<RoleSource>> wsSources = new TreeMap<>();
        for (RoleGrant grant : grants) {
            if (grant.teamRole() != null) {
                team = TeamRole.highest(team, grant.teamRole());
                teamSources.add(grant.source(grant.teamRole()));
            }
            grant.workspaceRoles().forEach((workspace, role) -> {
                best.merge(workspace, role, WorkspaceRole::highest);
                wsSources.computeIfAbsent(workspace, w -> new ArrayList<>()).add(grant.source(role));
            });
        }
        Map<String, Effective> workspaces = new TreeMap<>();
        best.forEach((workspace, role) -> workspaces.put(workspace,
                new Effective(role.name(), List.copyOf(wsSources.get(workspace)))));
        return new EffectiveRoles(team == null ? null : new Effective(team.name(), List.copyOf(teamSources)),
                Collections.unmodifiableMap(workspaces));
    }

    /** The effective team role, or null for an inactive member. */
    public Effective teamRole() {
        return teamRole;
    }

    /** Effective workspace roles by workspace name; a workspace absent here means No Access. */
    public Map<String, Effective> workspaceRoles() {
        return workspaceRoles;
    }

    public boolean isTeamAdmin() {
        return teamRole != null && TeamRole.Admin.name().equals(teamRole.role());
    }
}
