package io.preset.teams.forward;

import java.util.Map;

/**
 * How our names appear at the target: the remote team, the remote user key of one user, and our
 * workspace names mapped to their workspace ids (an unmapped workspace keeps its name).
 */
public record RemoteNames(String remoteTeam, String userKey, Map<String, String> workspaceIds) {

    public String workspaceId(String workspace) {
        String mapped = workspaceIds == null ? null : workspaceIds.get(workspace);
        return mapped == null ? workspace : mapped;
    }
}
