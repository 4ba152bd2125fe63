package io.preset.teams.auth;

import io.preset.teams.scim.protocol.ScimException;
import io.preset.teams.team.TeamEntity;
import jakarta.ws.rs.core.HttpHeaders;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.Constants;
import org.keycloak.models.AdminRoles;
import org.keycloak.services.managers.AppAuthManager;
import org.keycloak.services.managers.AuthenticationManager;

/**
 * The one place that decides who may call a team's SCIM endpoint. {@link #authenticate} answers 401
 * for a missing or invalid credential, {@link #authorize} 403 for a valid one without rights on the
 * team. Accepts {@code Authorization: Bearer <t>} and Okta's header mode {@code Authorization: <t>}.
 */
public class ScimAuthenticator {

    private final KeycloakSession session;
    private final RealmModel realm;

    public ScimAuthenticator(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    public ScimCaller authenticate(HttpHeaders headers) {
        String token = tokenOf(headers.getRequestHeaders().getFirst(HttpHeaders.AUTHORIZATION));
        if (token == null) {
            throw ScimException.unauthorized("Authentication required: send 'Authorization: Bearer <token>'");
        }
        AuthenticationManager.AuthResult result = new AppAuthManager.BearerTokenAuthenticator(session)
                .setRealm(realm).setTokenString(token).authenticate();
        if (result == null || result.getUser() == null) {
            throw ScimException.unauthorized("The access token is invalid or expired");
        }
        return new ScimCaller(result.getUser(), result.getClient(), result.getToken());
    }

    /** Until team-admin OAuth lands: a realm user allowed to manage users may provision any team. */
    public void authorize(ScimCaller caller, TeamEntity team) {
        if (!canManageUsers(caller.user())) {
            throw ScimException.forbidden("The caller may not provision team '" + team.getSlug() + "'");
        }
    }

    private boolean canManageUsers(UserModel user) {
        ClientModel realmManagement = realm.getClientByClientId(Constants.REALM_MANAGEMENT_CLIENT_ID);
        if (realmManagement == null) {
            return false;
        }
        RoleModel manageUsers = realmManagement.getRole(AdminRoles.MANAGE_USERS);
        return manageUsers != null && user.hasRole(manageUsers);
    }

    /** Bearer or bare token; null when absent or blank. */
    static String tokenOf(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            return null;
        }
        String value = authorization.strip();
        if (value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            value = value.substring(7).strip();
        }
        return value.isEmpty() || value.contains(" ") ? null : value;
    }
}
