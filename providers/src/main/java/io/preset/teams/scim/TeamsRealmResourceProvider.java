package io.preset.teams.scim;

import io.preset.teams.portal.PortalChooserResource;
import io.preset.teams.portal.TeamPortalResource;
import io.preset.teams.sso.SsoStartResource;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resource.RealmResourceProvider;

/**
 * {@code /realms/{realm}/teams/{slug}/scim/v2}: hands each team's SCIM tenant to the router;
 * {@code /teams/{slug}/portal/} and {@code /teams/portal/}: the team portal; {@code /teams/{slug}/sso/start}: the
 * Okta dashboard tile.
 */
public class TeamsRealmResourceProvider implements RealmResourceProvider {

    private final KeycloakSession session;

    TeamsRealmResourceProvider(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public Object getResource() {
        return this;
    }

    @Path("{slug}/scim/v2")
    public ScimRouter scim(@PathParam("slug") String slug) {
        return new ScimRouter(session, new ScimEndpoint(session, slug));
    }

    /** The team portal's chooser and its static files. */
    @Path("portal")
    public PortalChooserResource portalChooser() {
        return new PortalChooserResource(session);
    }

    /**
     * One team's portal ({@code io.preset.teams.portal}). JAX-RS prefers the longer literal paths, so a team whose
     * slug is {@code portal} still gets its own SCIM and portal paths.
     */
    @Path("{slug}/portal")
    public TeamPortalResource portal(@PathParam("slug") String slug) {
        return new TeamPortalResource(session, slug);
    }

    /** The Okta dashboard tile of a team: {@code /teams/{slug}/sso/start} ({@code io.preset.teams.sso}). */
    @Path("{slug}/sso")
    public SsoStartResource sso(@PathParam("slug") String slug) {
        return new SsoStartResource(session, slug);
    }

    @Override
    public void close() {
    }
}
