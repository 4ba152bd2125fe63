package io.preset.teams.sso;

import org.keycloak.authentication.Authenticator;
import org.keycloak.models.KeycloakSession;

public class TeamAccountLinkAuthenticatorFactory extends TeamBrokerAuthenticatorFactory {

    public static final String ID = "preset-team-account-link";
    private static final TeamAccountLinkAuthenticator INSTANCE = new TeamAccountLinkAuthenticator();

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayType() {
        return "Preset team: link member account";
    }

    @Override
    public String getHelpText() {
        return "First broker login through a Preset team's identity provider: links the existing account with the "
                + "brokered email or username, without prompting, when it is an active member of the team; refuses "
                + "any other existing account. Skipped when no account exists.";
    }

    @Override
    public Authenticator create(KeycloakSession session) {
        return INSTANCE;
    }
}
