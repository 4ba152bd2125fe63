package io.preset.teams.auth.oauth;

import io.preset.teams.auth.TeamAdmins;
import io.preset.teams.team.TeamEntity;
import io.preset.teams.team.TeamStore;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.Authenticator;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The last step of the browser flow bound to {@code okta-scim}: after sign-in it shows the admin the
 * teams they administer and what Okta will be allowed to do with them ({@code preset-okta-teams.ftl}),
 * and refuses users who administer no team before any consent or code is issued. Keycloak's consent
 * page (themed) follows on the first authorization.
 */
public class TeamAdminAuthenticator implements Authenticator {

    static final String TEMPLATE = "preset-okta-teams.ftl";

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        List<TeamEntity> teams = teams(context);
        if (teams.isEmpty()) {
            refuse(context);
            return;
        }
        context.challenge(page(context, teams));
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        if (form.containsKey("cancel")) {
            context.cancelLogin();
            return;
        }
        if (teams(context).isEmpty()) {
            refuse(context);
            return;
        }
        context.success();
    }

    private static List<TeamEntity> teams(AuthenticationFlowContext context) {
        return TeamAdmins.teamsAdministeredBy(new TeamStore(context.getSession(), context.getRealm()),
                context.getUser().getId());
    }

    private static void refuse(AuthenticationFlowContext context) {
        UserModel user = context.getUser();
        context.getEvent().detail("reason", "not_team_admin");
        Response page = context.form()
                .setError("presetOktaNotTeamAdmin", user.getUsername())
                .createErrorPage(Response.Status.FORBIDDEN);
        context.failure(AuthenticationFlowError.ACCESS_DENIED, page);
    }

    private static Response page(AuthenticationFlowContext context, List<TeamEntity> teams) {
        List<Map<String, String>> shown = teams.stream().map(team -> {
            Map<String, String> item = new LinkedHashMap<>();
            item.put("slug", team.getSlug());
            item.put("title", team.getTitle());
            return item;
        }).toList();
        ClientModel client = context.getAuthenticationSession().getClient();
        String clientName = client.getName() != null && !client.getName().isBlank() ? client.getName() : client.getClientId();
        return context.form()
                .setAttribute("presetTeams", shown)
                .setAttribute("presetClientName", clientName)
                .createForm(TEMPLATE);
    }

    @Override
    public boolean requiresUser() {
        return true;
    }

    @Override
    public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return true;
    }

    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
    }

    @Override
    public void close() {
    }
}
