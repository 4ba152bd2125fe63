package io.preset.teams.auth;

import org.keycloak.models.ClientModel;
import org.keycloak.models.RealmModel;

/**
 * The OAuth client through which Okta's "Authenticate with Preset" obtains access tokens for SCIM
 * (see realm-config). Its client attribute {@link #MARKER_ATTRIBUTE} selects it for the realm's
 * client policy that refuses tokens to users who no longer administer a team.
 */
public final class OktaScimClient {

    public static final String CLIENT_ID = "okta-scim";
    public static final String MARKER_ATTRIBUTE = "preset.teams.scim-oauth";

    private OktaScimClient() {
    }

    public static ClientModel of(RealmModel realm) {
        return realm.getClientByClientId(CLIENT_ID);
    }
}
