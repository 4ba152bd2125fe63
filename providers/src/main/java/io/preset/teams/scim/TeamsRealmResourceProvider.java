package io.preset.teams.scim;

import io.preset.teams.portal.PortalChooserResource;
import io.preset.teams.portal.TeamPortalResource;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resource.RealmResourceProvider;

/**
 * {@code /realms/{realm}/teams/{slug}/scim/v2}: hands each team's SCIM tenant to the router;
 * {@code /teams/{slug}/portal/} and {@code /teams/portal/}: the team portal.
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

    @Override
    public void close() {
    }
}
