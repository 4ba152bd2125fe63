package io.preset.teams.sso;

import org.keycloak.authentication.Authenticator;
import org.keycloak.models.KeycloakSession;

public class TeamJoinAuthenticatorFactory extends TeamBrokerAuthenticatorFactory {

    public static final String ID = "preset-team-jit-join";
    private static final TeamJoinAuthenticator INSTANCE = new TeamJoinAuthenticator();

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayType() {
        return "Preset team: just-in-time join";
    }

    @Override
    public String getHelpText() {
        return "After 'Create user if unique' in the first broker login of a Preset team's identity provider: the new "
                + "account joins the team as User, and SCIM finds it by userName.";
    }

    @Override
    public Authenticator create(KeycloakSession session) {
        return INSTANCE;
    }
}
