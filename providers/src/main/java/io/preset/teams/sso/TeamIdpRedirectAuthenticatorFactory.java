package io.preset.teams.sso;

import org.keycloak.authentication.Authenticator;
import org.keycloak.models.KeycloakSession;

public class TeamIdpRedirectAuthenticatorFactory extends TeamBrokerAuthenticatorFactory {

    public static final String ID = "preset-team-idp-redirector";
    private static final TeamIdpRedirectAuthenticator INSTANCE = new TeamIdpRedirectAuthenticator();

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayType() {
        return "Preset team: SSO by email domain";
    }

    @Override
    public String getHelpText() {
        return "Browser flow: sends a user whose login_hint email belongs to an email domain of a Preset team's "
                + "identity provider to that identity provider.";
    }

    @Override
    public Authenticator create(KeycloakSession session) {
        return INSTANCE;
    }
}
