package io.preset.teams.sso;

import org.keycloak.authentication.Authenticator;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.credential.PasswordCredentialModel;

public class IdentifierFirstAuthenticatorFactory extends TeamBrokerAuthenticatorFactory {

    public static final String ID = "preset-identifier-first";

    @Override
    public String getId() {
        return ID;
    }

    /** Like Keycloak's own password forms: the step asks for the password credential. */
    @Override
    public String getReferenceCategory() {
        return PasswordCredentialModel.TYPE;
    }

    @Override
    public String getDisplayType() {
        return "Preset: identifier first (team SSO by verified email domain, else password)";
    }

    @Override
    public String getHelpText() {
        return "Asks for the email first; an email in a domain that a Preset team verified goes to the team's "
                + "identity provider, any other gets the password page (the same page whether or not the account exists).";
    }

    @Override
    public Authenticator create(KeycloakSession session) {
        return new IdentifierFirstAuthenticator(session);
    }
}
