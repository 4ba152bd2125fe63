package io.preset.teams.auth.oauth;

import io.preset.teams.auth.TeamAdmins;
import io.preset.teams.team.TeamStore;
import org.keycloak.OAuthErrorException;
import org.keycloak.models.AuthenticatedClientSessionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.representations.idm.ClientPolicyExecutorConfigurationRepresentation;
import org.keycloak.services.clientpolicy.ClientPolicyContext;
import org.keycloak.services.clientpolicy.ClientPolicyException;
import org.keycloak.services.clientpolicy.context.ClientPolicyClientSessionContext;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProvider;

/**
 * Client policy executor: tokens (code exchange and refresh) are issued only to users who administer
 * at least one team at that moment; otherwise the grant fails with {@code invalid_grant}. It backs up
 * the eager revocation of {@code AdminRevocation} for every path that takes admin rights away without
 * it (a group mapping changed, a pushed group deleted in the console, a team deleted...).
 */
public class TeamAdminGrantExecutor implements ClientPolicyExecutorProvider<ClientPolicyExecutorConfigurationRepresentation> {

    private final KeycloakSession session;

    TeamAdminGrantExecutor(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public String getProviderId() {
        return TeamAdminGrantExecutorFactory.ID;
    }

    @Override
    public void executeOnEvent(ClientPolicyContext context) throws ClientPolicyException {
        switch (context.getEvent()) {
            case TOKEN_RESPONSE, TOKEN_REFRESH_RESPONSE -> {
                if (context instanceof ClientPolicyClientSessionContext sessionContext) {
                    requireTeamAdmin(sessionContext.getClientSession());
                }
            }
            default -> {
            }
        }
    }

    private void requireTeamAdmin(AuthenticatedClientSessionModel clientSession) throws ClientPolicyException {
        if (clientSession == null) {
            return;
        }
        UserSessionModel userSession = clientSession.getUserSession();
        UserModel user = userSession == null ? null : userSession.getUser();
        if (user == null) {
            return;
        }
        RealmModel realm = clientSession.getRealm();
        if (TeamAdmins.teamsAdministeredBy(new TeamStore(session, realm), user.getId()).isEmpty()) {
            throw new ClientPolicyException(OAuthErrorException.INVALID_GRANT,
                    "The user is not an administrator of any Preset team; another administrator must re-authenticate");
        }
    }
}
