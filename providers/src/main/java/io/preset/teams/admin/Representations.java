package io.preset.teams.admin;

import io.preset.teams.roles.EffectiveRoles;
import io.preset.teams.team.MemberEntity;
import io.preset.teams.team.TeamEntity;
import io.preset.teams.team.WorkspaceEntity;
import io.preset.teams.team.WorkspaceRole;
import org.keycloak.models.UserModel;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** JSON shapes of the admin API. */
final class Representations {

    private Representations() {
    }

    record TeamRep(String slug, String title, long createdAt) {
        static TeamRep of(TeamEntity team) {
            return new TeamRep(team.getSlug(), team.getTitle(), team.getCreatedAt());
        }
    }

    record WorkspaceRep(String name, String title, long createdAt) {
        static WorkspaceRep of(WorkspaceEntity workspace) {
            return new WorkspaceRep(workspace.getName(), workspace.getTitle(), workspace.getCreatedAt());
        }
    }

    record DirectRolesRep(String teamRole, Map<String, String> workspaceRoles) {
    }

    record MemberRep(String userId, String username, String email, boolean active, String externalId,
                     EffectiveRoles.Effective teamRole, Map<String, EffectiveRoles.Effective> workspaceRoles,
                     DirectRolesRep direct, long createdAt, long lastModified) {

        static MemberRep of(MemberEntity member, UserModel user, EffectiveRoles effective,
                            Map<WorkspaceEntity, WorkspaceRole> direct) {
            Map<String, String> directWorkspaces = new TreeMap<>();
            direct.forEach((workspace, role) -> directWorkspaces.put(workspace.getName(), role.name()));
            return new MemberRep(member.getUserId(),
                    user == null ? null : user.getUsername(),
                    user == null ? null : user.getEmail(),
                    member.isActive(), member.getExternalId(),
                    effective.teamRole(), effective.workspaceRoles(),
                    new DirectRolesRep(member.getTeamRole().name(), directWorkspaces),
                    member.getCreatedAt(), member.getLastModified());
        }
    }

    record MemberPageRep(long total, int first, int max, List<MemberRep> members) {
    }
}
