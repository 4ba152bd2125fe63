package io.preset.teams.portal;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.KeycloakSession;

/**
 * {@code /realms/{realm}/teams/{slug}/portal/}: the team's self-service page for its Okta or Entra admin, and
 * its JSON API under {@code api/}. The page is static; everything about the team comes from the API.
 */
public class TeamPortalResource {

    private final KeycloakSession session;
    private final String slug;

    public TeamPortalResource(KeycloakSession session, String slug) {
        this.session = session;
        this.slug = slug;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response page() {
        return PortalPage.page(session, slug);
    }

    @Path("api")
    public TeamPortalApi api() {
        return new TeamPortalApi(session, slug);
    }
}
