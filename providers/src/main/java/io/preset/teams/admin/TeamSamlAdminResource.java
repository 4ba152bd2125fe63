package io.preset.teams.admin;

import io.preset.teams.common.JsonBody;
import io.preset.teams.events.AdminEvents;
import io.preset.teams.ownership.EmailDomainEntity;
import io.preset.teams.sso.SamlView;
import io.preset.teams.sso.TeamSaml;
import io.preset.teams.team.TeamEntity;
import io.preset.teams.team.TeamStore;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * {@code /admin/realms/{realm}/teams/{slug}/saml}: the team's SAML identity provider (Okta's or Entra's SAML app), a
 * Keycloak SAML identity provider with alias {@code team-<slug>} ({@link TeamSaml} owns the rules). PUT creates or
 * replaces it from the IdP metadata XML ({@code metadata}), its metadata URL ({@code metadataUrl}, refreshed in the
 * background) or {@code singleSignOnServiceUrl}, {@code idpEntityId} and {@code signingCertificate}. Reading needs
 * view-users; writing needs manage-users and, since it changes an identity provider, manage-identity-providers.
 */
public class TeamSamlAdminResource extends TeamSubResource {

    /** Admin event resource type of a team's identity provider. */
    public static final String RESOURCE_TYPE = AdminEvents.IDENTITY_PROVIDER;

    private final TeamSaml saml;

    TeamSamlAdminResource(KeycloakSession session, AdminPermissionEvaluator auth, AdminEventBuilder adminEvent,
                          TeamStore store, String slug) {
        super(session, auth, adminEvent, store, slug);
        this.saml = new TeamSaml(session, store);
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response get() {
        auth.users().requireView();
        return AdminResponses.run(session, () -> Response.ok(saml.view(store.team(slug))).build());
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response put(byte[] body) {
        requireManage();
        return AdminResponses.run(session, () -> {
            TeamEntity team = store.team(slug);
            TeamSaml.Saved saved = saml.put(team, JsonBody.parse(body, TeamSaml.FIELDS));
            for (EmailDomainEntity claim : saved.claimed()) {
                DomainsAdminResource.recordClaimed(adminEvent, slug, claim);
            }
            AdminEvents.record(adminEvent, RESOURCE_TYPE, saved.created() ? OperationType.CREATE : OperationType.UPDATE,
                    path(""), saved.view());
            return Response.status(saved.created() ? Response.Status.CREATED : Response.Status.OK)
                    .entity(saved.view()).type(MediaType.APPLICATION_JSON_TYPE).build();
        });
    }

    /** Fetches the metadata URL now; a failed fetch keeps the settings and is shown in {@code metadata.lastError}. */
    @POST
    @Path("refresh")
    @Produces(MediaType.APPLICATION_JSON)
    public Response refresh() {
        requireManage();
        return AdminResponses.run(session, () -> {
            SamlView view = saml.refresh(store.team(slug));
            AdminEvents.record(adminEvent, RESOURCE_TYPE, OperationType.ACTION, path("/refresh"), view);
            return Response.ok(view).type(MediaType.APPLICATION_JSON_TYPE).build();
        });
    }

    /** Stops accepting the certificates that newer settings replaced, before their rollover window ends. */
    @DELETE
    @Path("previous-certificates")
    @Produces(MediaType.APPLICATION_JSON)
    public Response dropPreviousCertificates() {
        requireManage();
        return AdminResponses.run(session, () -> {
            SamlView view = saml.dropPreviousCertificates(store.team(slug));
            AdminEvents.record(adminEvent, RESOURCE_TYPE, OperationType.DELETE, path("/previous-certificates"), view);
            return Response.ok(view).type(MediaType.APPLICATION_JSON_TYPE).build();
        });
    }

    @DELETE
    public Response delete() {
        requireManage();
        return AdminResponses.run(session, () -> {
            SamlView was = saml.delete(store.team(slug));
            AdminEvents.record(adminEvent, RESOURCE_TYPE, OperationType.DELETE, path(""), was);
            return Response.noContent().build();
        });
    }

    private void requireManage() {
        auth.users().requireManage();
        auth.realm().requireManageIdentityProviders();
    }

    private String path(String sub) {
        return "teams/" + slug + "/saml" + sub;
    }
}
