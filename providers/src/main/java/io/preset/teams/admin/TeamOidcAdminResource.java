package io.preset.teams.admin;

import io.preset.teams.common.JsonBody;
import io.preset.teams.events.AdminEvents;
import io.preset.teams.ownership.EmailDomainEntity;
import io.preset.teams.sso.TeamOidc;
import io.preset.teams.team.TeamEntity;
import io.preset.teams.team.TeamStore;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * {@code /admin/realms/{realm}/teams/{slug}/oidc}: the team's OIDC identity provider (an Okta or Entra OIDC app),
 * a Keycloak OIDC identity provider with alias {@code team-<slug>} ({@link TeamOidc} owns the rules). A team has
 * SAML or OIDC, not both. Reading needs view-users; writing needs manage-users and manage-identity-providers.
 */
public class TeamOidcAdminResource extends TeamSubResource {

    TeamOidcAdminResource(KeycloakSession session, AdminPermissionEvaluator auth, AdminEventBuilder adminEvent,
                          TeamStore store, String slug) {
        super(session, auth, adminEvent, store, slug);
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response get() {
        auth.users().requireView();
        return AdminResponses.run(session, () -> Response.ok(oidc().view(store.team(slug))).build());
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response put(byte[] body) {
        requireManage();
        return AdminResponses.run(session, () -> {
            TeamEntity team = store.team(slug);
            TeamOidc.Saved saved = oidc().put(team, JsonBody.parse(body, TeamOidc.FIELDS));
            for (EmailDomainEntity claim : saved.claimed()) {
                DomainsAdminResource.recordClaimed(adminEvent, slug, claim);
            }
            AdminEvents.record(adminEvent, AdminEvents.IDENTITY_PROVIDER,
                    saved.created() ? OperationType.CREATE : OperationType.UPDATE, path(), saved.view());
            return Response.status(saved.created() ? Response.Status.CREATED : Response.Status.OK)
                    .entity(saved.view()).type(MediaType.APPLICATION_JSON_TYPE).build();
        });
    }

    @DELETE
    public Response delete() {
        requireManage();
        return AdminResponses.run(session, () -> {
            TeamOidc.OidcView was = oidc().delete(store.team(slug));
            AdminEvents.record(adminEvent, AdminEvents.IDENTITY_PROVIDER, OperationType.DELETE, path(), was);
            return Response.noContent().build();
        });
    }

    private TeamOidc oidc() {
        return new TeamOidc(session, store);
    }

    private void requireManage() {
        auth.users().requireManage();
        auth.realm().requireManageIdentityProviders();
    }

    private String path() {
        return "teams/" + slug + "/oidc";
    }
}
