package io.preset.teams.auth;

import io.preset.teams.team.TeamEntity;
import io.preset.teams.team.TeamStore;
import jakarta.ws.rs.core.HttpHeaders;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.representations.AccessToken;
import org.keycloak.services.managers.AppAuthManager;
import org.keycloak.services.managers.AuthenticationManager;

/**
 * The one place that decides who may call a team's SCIM endpoint. Accepts
 * {@code Authorization: Bearer <t>} and Okta's header mode {@code Authorization: <t>}, where
 * {@code <t>} is
 * <ul>
 *   <li>a per-team SCIM token ({@code pst_...}): valid for its own team only, until revoked or expired;</li>
 *   <li>a Keycloak access token of this realm issued to {@code okta-scim}, whose user administers the
 *       team in the URL at the moment of the call (effective role, so group-derived admin counts).</li>
 * </ul>
 * {@link #authenticate} answers 401 for a missing, unknown, expired or revoked credential;
 * {@link #authorize} 403 for a valid credential that may not provision this team. A valid access token
 * of another client is "valid but not allowed": 403.
 */
public class ScimAuthenticator {

    private final KeycloakSession session;
    private final RealmModel realm;

    public ScimAuthenticator(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    public ScimCaller authenticate(HttpHeaders headers) {
        String credential = tokenOf(headers.getRequestHeaders().getFirst(HttpHeaders.AUTHORIZATION));
        if (credential == null) {
            throw CallerRefused.unauthorized(
                    "Authentication required: send 'Authorization: Bearer <token>' or 'Authorization: <token>'");
        }
        return ScimTokenSecrets.looksLike(credential) ? scimToken(credential) : accessToken(credential);
    }

    public void authorize(ScimCaller caller, TeamEntity team) {
        if (caller.isScimToken()) {
            if (!team.getId().equals(caller.scimTokenTeamId())) {
                throw CallerRefused.forbidden("This SCIM token belongs to another team");
            }
            return;
        }
        if (!TeamAdmins.isAdmin(new TeamStore(session, realm), team, caller.user().getId())) {
            throw CallerRefused.forbidden("User '" + caller.user().getUsername()
                    + "' is not an administrator of team '" + team.getSlug() + "'");
        }
    }

    private ScimCaller scimToken(String secret) {
        ScimTokenStore tokens = new ScimTokenStore(session, realm);
        ScimTokenEntity token = tokens.findBySecret(secret)
                .orElseThrow(() -> CallerRefused.unauthorized("The SCIM token is not valid"));
        long now = System.currentTimeMillis();
        if (token.isRevoked()) {
            throw CallerRefused.unauthorized("The SCIM token was revoked");
        }
        if (token.isExpired(now)) {
            throw CallerRefused.unauthorized("The SCIM token has expired");
        }
        tokens.recordUse(token, now);
        return ScimCaller.scimToken(token);
    }

    private ScimCaller accessToken(String credential) {
        AuthenticationManager.AuthResult result = new AppAuthManager.BearerTokenAuthenticator(session)
                .setRealm(realm).setTokenString(credential).authenticate();
        if (result == null || result.getUser() == null) {
            throw CallerRefused.unauthorized("The access token is invalid or expired");
        }
        AccessToken token = result.getToken();
        if (!OktaScimClient.CLIENT_ID.equals(token.getIssuedFor())) {
            throw CallerRefused.forbidden("SCIM accepts access tokens issued to client '" + OktaScimClient.CLIENT_ID
                    + "' only; this one was issued to '" + token.getIssuedFor() + "'");
        }
        ClientModel client = OktaScimClient.of(realm);
        if (client == null || !client.isEnabled() || !granted(result.getSession(), client)) {
            throw CallerRefused.unauthorized("The grant of this access token was revoked; an administrator must re-authenticate");
        }
        return ScimCaller.oauth(result.getUser(), client, token);
    }

    /** The token's session still holds the client's grant, online or offline (revocation removes both). */
    private boolean granted(UserSessionModel userSession, ClientModel client) {
        if (userSession == null) {
            return false;
        }
        if (userSession.getAuthenticatedClientSessionByClient(client.getId()) != null) {
            return true;
        }
        if (userSession.isOffline()) {
            return false;
        }
        UserSessionModel offline = session.sessions().getOfflineUserSession(realm, userSession.getId());
        return offline != null && offline.getAuthenticatedClientSessionByClient(client.getId()) != null;
    }

    /** Bearer or bare token; null when absent or blank. */
    static String tokenOf(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            return null;
        }
        String value = authorization.strip();
        if (value.equalsIgnoreCase("Bearer")) {
            return null;
        }
        if (value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            value = value.substring(7).strip();
        }
        return value.isEmpty() || value.contains(" ") ? null : value;
    }
}
