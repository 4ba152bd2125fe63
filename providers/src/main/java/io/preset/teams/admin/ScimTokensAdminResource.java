package io.preset.teams.admin;

import io.preset.teams.auth.ScimTokenEntity;
import io.preset.teams.auth.ScimTokenExpiry;
import io.preset.teams.auth.ScimTokenStore;
import io.preset.teams.auth.ScimTokenView;
import io.preset.teams.common.DomainException;
import io.preset.teams.common.JsonBody;
import io.preset.teams.events.AdminEvents;
import io.preset.teams.team.TeamEntity;
import io.preset.teams.team.TeamStore;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

import java.util.List;
import java.util.Set;

/**
 * {@code /admin/realms/{realm}/teams/{slug}/scim-tokens}: per-team SCIM tokens for Okta's Header mode
 * and for Entra. The secret is in the response to POST only; listings and admin events carry neither
 * the secret nor its hash. DELETE revokes (the token stays listed as revoked).
 */
public class ScimTokensAdminResource extends TeamSubResource {

    private static final Set<String> FIELDS = Set.of("name", "expiresAt", "expiresInDays");

    ScimTokensAdminResource(KeycloakSession session, AdminPermissionEvaluator auth, AdminEventBuilder adminEvent,
                            TeamStore store, String slug) {
        super(session, auth, adminEvent, store, slug);
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response list() {
        auth.users().requireView();
        return AdminResponses.run(session, () -> {
            TeamEntity team = store.team(slug);
            List<ScimTokenView> tokens = tokens().list(team).stream().map(ScimTokenView::of).toList();
            return Response.ok(tokens).build();
        });
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response create(byte[] body) {
        auth.users().requireManage();
        return AdminResponses.run(session, () -> {
            TeamEntity team = store.team(slug);
            JsonBody json = JsonBody.parse(body, FIELDS);
            Long expiresAt = ScimTokenExpiry.of(json);
            UserModel admin = auth.adminAuth().getUser();
            ScimTokenStore.Minted minted = tokens().mint(team, json.string("name"), expiresAt,
                    admin == null ? null : admin.getId(), admin == null ? null : admin.getUsername());
            ScimTokenView rep = ScimTokenView.of(minted.token());
            AdminEvents.record(adminEvent, AdminEvents.SCIM_TOKEN, OperationType.CREATE, path(rep.id()), rep);
            ScimTokenView.Minted created = ScimTokenView.Minted.of(rep, minted.secret());
            CacheControl noStore = new CacheControl();
            noStore.setNoStore(true);
            return Response.created(session.getContext().getUri().getAbsolutePathBuilder().path(rep.id()).build())
                    .cacheControl(noStore).header("Pragma", "no-cache")
                    .entity(created).type(MediaType.APPLICATION_JSON_TYPE).build();
        });
    }

    @DELETE
    @Path("{id}")
    public Response revoke(@PathParam("id") String id) {
        auth.users().requireManage();
        return AdminResponses.run(session, () -> {
            TeamEntity team = store.team(slug);
            ScimTokenEntity token = tokens().find(team, id).orElseThrow(() ->
                    DomainException.notFound("SCIM token '" + id + "' not found in team '" + slug + "'"));
            UserModel admin = auth.adminAuth().getUser();
            if (tokens().revoke(token, admin == null ? null : admin.getUsername())) {
                AdminEvents.record(adminEvent, AdminEvents.SCIM_TOKEN, OperationType.DELETE, path(id), ScimTokenView.of(token));
            }
            return Response.noContent().build();
        });
    }

    private ScimTokenStore tokens() {
        return new ScimTokenStore(session, store.realm());
    }

    private String path(String id) {
        return "teams/" + slug + "/scim-tokens/" + id;
    }
}
