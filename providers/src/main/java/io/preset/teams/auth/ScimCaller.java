package io.preset.teams.auth;

import org.keycloak.models.ClientModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.representations.AccessToken;
import org.keycloak.services.resources.admin.AdminAuth;

/**
 * Who is calling SCIM: the user and client of a Keycloak access token. Admin events of SCIM changes
 * are attributed to them.
 */
public record ScimCaller(UserModel user, ClientModel client, AccessToken token) {

    public AdminAuth adminAuth(RealmModel realm) {
        return new AdminAuth(realm, token, user, client);
    }
}
