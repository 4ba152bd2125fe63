package io.preset.teams.forward;

import io.preset.teams.team.TeamRole;
import io.preset.teams.team.WorkspaceRole;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Turns the difference between what the target was last told about a member and what is true now
 * into calls: the membership first, then the workspaces in order of our workspace name. A leave is
 * one DELETE (Preset drops the workspace access with the membership).
 */
public final class CallPlanner {

    private CallPlanner() {
    }

    public static List<RemoteCall> plan(RoleState before, RoleState after, RemoteNames names) {
        List<RemoteCall> calls = new ArrayList<>();
        String membership = "/v1/teams/" + segment(names.remoteTeam()) + "/memberships/" + segment(names.userKey());
        if (!after.isMember()) {
            if (before.isMember()) {
                calls.add(new RemoteCall("DELETE", membership, null));
            }
            return calls;
        }
        if (before.teamRole() != after.teamRole()) {
            calls.add(new RemoteCall("PATCH", membership, "{\"team_role_id\":" + teamRoleId(after.teamRole()) + "}"));
        }
        // after a leave the target has no workspace access left, so a rejoin starts from nothing
        RoleState known = before.isMember() ? before : RoleState.NONE;
        TreeSet<String> workspaces = new TreeSet<>(known.workspaces().keySet());
        workspaces.addAll(after.workspaces().keySet());
        for (String workspace : workspaces) {
            WorkspaceRole was = known.workspaces().getOrDefault(workspace, WorkspaceRole.PresetNoAccess);
            WorkspaceRole now = after.workspaces().getOrDefault(workspace, WorkspaceRole.PresetNoAccess);
            if (was != now) {
                calls.add(new RemoteCall("PUT",
                        "/v1/teams/" + segment(names.remoteTeam()) + "/workspaces/" + segment(names.workspaceId(workspace))
                                + "/membership",
                        "{\"user_id\":" + jsonString(names.userKey()) + ",\"role_identifier\":" + jsonString(now.name()) + "}"));
            }
        }
        return calls;
    }

    /** Preset's team role ids: Admin = 1, User = 2. */
    static int teamRoleId(TeamRole role) {
        return role == TeamRole.Admin ? 1 : 2;
    }

    /** Percent-encodes a path segment (RFC 3986): unreserved characters and '@' stay as they are. */
    public static String segment(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == '-' || c == '.' || c == '_' || c == '~' || c == '@') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    static String jsonString(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
