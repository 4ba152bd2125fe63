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
                + "brokered email or username without prompting only when the team owns and fully controls it (no "
                + "admin or client role, no credential, no other link, enabled, active member); hands any other "
                + "account with a password to the re-authentication steps that follow; refuses the rest. Without an "
                + "account: refuses unless the brokered email is in a verified domain of the team.";
    }

    @Override
    public Authenticator create(KeycloakSession session) {
        return INSTANCE;
    }
}
