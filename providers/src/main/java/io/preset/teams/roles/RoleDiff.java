package io.preset.teams.roles;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/** What changes for one member between two sets of effective roles: the team role and each workspace role. */
public final class RoleDiff {

    /**
     * One role that changes. {@code workspace} is null for the team role; {@code from}/{@code to} null mean no
     * role (no team role, or No Access to the workspace).
     */
    public record Change(String workspace, String from, String to) {
    }

    private RoleDiff() {
    }

    /** The changes, team role first, then workspaces by name; empty when nothing changes. */
    public static List<Change> between(EffectiveRoles before, EffectiveRoles after) {
        List<Change> changes = new ArrayList<>();
        String teamBefore = before.teamRole() == null ? null : before.teamRole().role();
        String teamAfter = after.teamRole() == null ? null : after.teamRole().role();
        if (!Objects.equals(teamBefore, teamAfter)) {
            changes.add(new Change(null, teamBefore, teamAfter));
        }
        TreeSet<String> workspaces = new TreeSet<>(before.workspaceRoles().keySet());
        workspaces.addAll(after.workspaceRoles().keySet());
        for (String workspace : workspaces) {
            String from = role(before, workspace);
            String to = role(after, workspace);
            if (!Objects.equals(from, to)) {
                changes.add(new Change(workspace, from, to));
            }
        }
        return changes;
    }

    private static String role(EffectiveRoles roles, String workspace) {
        EffectiveRoles.Effective effective = roles.workspaceRoles().get(workspace);
        return effective == null ? null : effective.role();
    }
}
