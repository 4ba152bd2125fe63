package io.preset.teams.portal;

import io.preset.teams.auth.CallerRefused;
import org.keycloak.models.AdminRoles;
import org.keycloak.events.Details;
import org.keycloak.models.ClientModel;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.representations.AccessToken;
import org.keycloak.services.managers.AppAuthManager;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.services.resources.admin.AdminAuth;

/**
 * The person behind a portal API request: a valid, active access token of this realm in the
 * {@code Authorization: Bearer} header, issued to the portal client ({@code azp = preset-portal}). Tokens of
 * any other client (the Preset web app, Okta's {@code okta-scim}, the admin console) are refused, so a token
 * leaked from elsewhere cannot drive the portal. Cookies are never read: no CSRF.
 */
public record PortalCaller(UserModel user, AccessToken token, ClientModel client, boolean operator,
                           String identityProvider) {

    public static final String CLIENT_ID = "preset-portal";

    /** The caller, or a 401 refusal. */
    static PortalCaller authenticate(KeycloakSession session, RealmModel realm) {
        AuthenticationManager.AuthResult result = new AppAuthManager.BearerTokenAuthenticator(session)
                .setRealm(realm)
                .setUriInfo(session.getContext().getUri())
                .setConnection(session.getContext().getConnection())
                .setHeaders(session.getContext().getRequestHeaders())
                .authenticate();
        if (result == null || result.getUser() == null || result.getToken() == null) {
            throw CallerRefused.unauthorized("Sign in to the team portal: a valid access token of client '"
                    + CLIENT_ID + "' is required");
        }
        if (!CLIENT_ID.equals(result.getToken().getIssuedFor()) || result.getClient() == null
                || !CLIENT_ID.equals(result.getClient().getClientId())) {
            throw CallerRefused.unauthorized("This access token was not issued to the team portal (client '"
                    + CLIENT_ID + "'); sign in to the portal itself");
        }
        if (!result.getUser().isEnabled()) {
            throw CallerRefused.unauthorized("The account is disabled");
        }
        // the identity provider this session signed in through, if any (the portal's "test sign-in" shows it)
        String idp = result.getSession() == null ? null : result.getSession().getNote(Details.IDENTITY_PROVIDER);
        return new PortalCaller(result.getUser(), result.getToken(), result.getClient(),
                hasManageUsers(realm, result.getUser()), idp);
    }

    /** A realm operator: holds {@code manage-users} of {@code realm-management} (directly, by composite or group). */
    private static boolean hasManageUsers(RealmModel realm, UserModel user) {
        ClientModel management = realm.getClientByClientId(Constants.REALM_MANAGEMENT_CLIENT_ID);
        RoleModel manageUsers = management == null ? null : management.getRole(AdminRoles.MANAGE_USERS);
        return manageUsers != null && user.hasRole(manageUsers);
    }

    /** For admin events: who did it, through which client. */
    AdminAuth adminAuth(RealmModel realm) {
        return new AdminAuth(realm, token, user, client);
    }
}
