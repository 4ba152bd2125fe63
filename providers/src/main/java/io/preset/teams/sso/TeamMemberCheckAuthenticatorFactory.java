package io.preset.teams.sso;

import org.keycloak.authentication.Authenticator;
import org.keycloak.models.KeycloakSession;

public class TeamMemberCheckAuthenticatorFactory extends TeamBrokerAuthenticatorFactory {

    public static final String ID = "preset-team-member-check";
    private static final TeamMemberCheckAuthenticator INSTANCE = new TeamMemberCheckAuthenticator();

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayType() {
        return "Preset team: active member";
    }

    @Override
    public String getHelpText() {
        return "Post broker login of a Preset team's identity provider: only active members of the team get through.";
    }

    @Override
    public Authenticator create(KeycloakSession session) {
        return INSTANCE;
    }
}
