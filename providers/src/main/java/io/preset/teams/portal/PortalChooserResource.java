package io.preset.teams.portal;

import io.preset.teams.common.DomainException;
import io.preset.teams.team.TeamStore;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import java.util.List;

/**
 * {@code /realms/{realm}/teams/portal/}: the chooser for people who administer several teams, the portal's
 * static files ({@code assets/}), and {@code api/teams}, the teams the caller may open.
 */
public class PortalChooserResource {

    /** A team as the chooser lists it. */
    record TeamChoice(String slug, String title) {
    }

    private final KeycloakSession session;

    public PortalChooserResource(KeycloakSession session) {
        this.session = session;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response page() {
        return PortalPage.page(session, null);
    }

    @GET
    @Path("assets/{file}")
    public Response asset(@PathParam("file") String file) {
        return PortalPage.asset(session, file);
    }

    @GET
    @Path("api/teams")
    @Produces(MediaType.APPLICATION_JSON)
    public Response teams(@QueryParam("search") String search, @QueryParam("first") String first,
                          @QueryParam("max") String max) {
        return PortalResponses.run(session, () -> {
            RealmModel realm = session.getContext().getRealm();
            PortalCaller caller = PortalCaller.authenticate(session, realm);
            int from = PortalParams.number("first", first, 0, 0, Integer.MAX_VALUE);
            int size = PortalParams.number("max", max, 50, 1, TeamPortalApi.MAX_PAGE);
            if (search != null && search.length() > 100) {
                throw DomainException.invalid("'search' is longer than 100 characters");
            }
            PortalAccess.TeamPage page = PortalAccess.teams(new TeamStore(session, realm), caller,
                    search == null ? null : search.strip(), from, size);
            List<TeamChoice> teams = page.teams().stream().map(team -> new TeamChoice(team.getSlug(), team.getTitle())).toList();
            return new PortalTeamsRep(caller.user().getUsername(), caller.operator(), caller.identityProvider(),
                    page.total(), from, size, teams);
        });
    }

    /** @param identityProvider alias of the identity provider this sign-in went through, or null */
    record PortalTeamsRep(String username, boolean operator, String identityProvider, long total, int first, int max,
                          List<TeamChoice> teams) {
    }
}
