package io.preset.teams.admin;

import io.preset.teams.roles.EffectiveRoles;
import io.preset.teams.team.MemberEntity;
import io.preset.teams.team.TeamEntity;
import io.preset.teams.team.WorkspaceEntity;
import io.preset.teams.team.WorkspaceRole;
import org.keycloak.models.UserModel;

import java.time.Instant;
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

    /** {@code pending}: an invitation not accepted yet ({@code active} false, no roles, in no token). */
    record MemberRep(String userId, String username, String email, boolean active, boolean pending, String externalId,
                     EffectiveRoles.Effective teamRole, Map<String, EffectiveRoles.Effective> workspaceRoles,
                     DirectRolesRep direct, long createdAt, long lastModified) {

        static MemberRep of(MemberEntity member, UserModel user, EffectiveRoles effective,
                            Map<WorkspaceEntity, WorkspaceRole> direct) {
            Map<String, String> directWorkspaces = new TreeMap<>();
            direct.forEach((workspace, role) -> directWorkspaces.put(workspace.getName(), role.name()));
            return new MemberRep(member.getUserId(),
                    user == null ? null : user.getUsername(),
                    user == null ? null : user.getEmail(),
                    member.isActive(), member.isPending(), member.getExternalId(),
                    effective.teamRole(), effective.workspaceRoles(),
                    new DirectRolesRep(member.getTeamRole().name(), directWorkspaces),
                    member.getCreatedAt(), member.getLastModified());
        }
    }

    record MemberPageRep(long total, int first, int max, List<MemberRep> members) {
    }

    /** A pending invitation as the team sees it: its own userName spelling, when, and the active its SCIM asked for. */
    record InvitationRep(String userId, String userName, String invitedAt, boolean requestedActive) {
        static InvitationRep of(MemberEntity member) {
            long at = member.getInvitedAt() != null ? member.getInvitedAt() : member.getCreatedAt();
            return new InvitationRep(member.getUserId(), member.getUserName(), Instant.ofEpochMilli(at).toString(),
                    member.isRequestedActive());
        }
    }

    record InvitationPageRep(long total, int first, int max, List<InvitationRep> invitations) {
    }
}
