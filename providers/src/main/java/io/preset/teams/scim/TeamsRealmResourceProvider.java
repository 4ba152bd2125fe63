package io.preset.teams.scim;

import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resource.RealmResourceProvider;

/** {@code /realms/{realm}/teams/{slug}/scim/v2}: hands each team's SCIM tenant to the router. */
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

    @Override
    public void close() {
    }
}
