package io.preset.teams.admin;

import io.preset.teams.admin.Representations.InvitationPageRep;
import io.preset.teams.admin.Representations.InvitationRep;
import io.preset.teams.events.AdminEvents;
import io.preset.teams.invitation.Invitations;
import io.preset.teams.team.MemberEntity;
import io.preset.teams.team.TeamEntity;
import io.preset.teams.team.TeamStore;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

import java.util.List;

/**
 * {@code /admin/realms/{realm}/teams/{slug}/invitations}: the team's pending invitations (accounts its SCIM
 * provisioned that it does not own, not yet accepted). {@code DELETE .../{userId}} revokes one; an operator
 * accepts one with {@code PUT .../members/{userId}}.
 */
public class InvitationsAdminResource extends TeamSubResource {

    InvitationsAdminResource(KeycloakSession session, AdminPermissionEvaluator auth, AdminEventBuilder adminEvent,
                             TeamStore store, String slug) {
        super(session, auth, adminEvent, store, slug);
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response list(@QueryParam("first") String firstParam, @QueryParam("max") String maxParam) {
        auth.users().requireView();
        return AdminResponses.run(session, () -> {
            AdminPage paging = AdminPage.of(firstParam, maxParam);
            TeamEntity team = store.team(slug);
            List<InvitationRep> page = store.pendingInvitations(team, paging.first(), paging.max()).stream()
                    .map(InvitationRep::of).toList();
            return Response.ok(new InvitationPageRep(store.countPendingInvitations(team), paging.first(), paging.max(), page))
                    .build();
        });
    }

    /** Revokes the invitation: the pending membership and the team's view of the account go (the team's SCIM: 404). */
    @DELETE
    @Path("{userId}")
    public Response revoke(@PathParam("userId") String userId) {
        auth.users().requireManage();
        return AdminResponses.run(session, () -> {
            Invitations invitations = new Invitations(session, store);
            MemberEntity member = invitations.require(store.team(slug), userId);
            InvitationRep rep = InvitationRep.of(member);
            invitations.remove(member);
            AdminEvents.record(adminEvent, AdminEvents.INVITATION, OperationType.DELETE, path(slug, userId), rep);
            return Response.noContent().build();
        });
    }

    static String path(String slug, String userId) {
        return "teams/" + slug + "/invitations/" + userId;
    }
}
