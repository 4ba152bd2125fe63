package io.preset.teams.auth;

import io.preset.teams.team.TeamEntity;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.AuthDetails;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.representations.AccessToken;
import org.keycloak.services.resources.admin.AdminAuth;
import org.keycloak.services.resources.admin.AdminEventBuilder;

import java.util.Optional;

/**
 * Who is calling SCIM: either a team admin through an {@code okta-scim} access token, or a per-team
 * SCIM token. Admin events of SCIM changes are attributed to them.
 */
public final class ScimCaller {

    private final UserModel user;
    private final ClientModel client;
    private final AccessToken accessToken;
    private final String scimTokenId;
    private final String scimTokenName;
    private final String scimTokenTeamId;
    private final TeamEntity scimTokenTeam;

    private ScimCaller(UserModel user, ClientModel client, AccessToken accessToken,
                       String scimTokenId, String scimTokenName, TeamEntity scimTokenTeam) {
        this.user = user;
        this.client = client;
        this.accessToken = accessToken;
        this.scimTokenId = scimTokenId;
        this.scimTokenName = scimTokenName;
        this.scimTokenTeam = scimTokenTeam;
        this.scimTokenTeamId = scimTokenTeam == null ? null : scimTokenTeam.getId();
    }

    static ScimCaller oauth(UserModel user, ClientModel client, AccessToken accessToken) {
        return new ScimCaller(user, client, accessToken, null, null, null);
    }

    static ScimCaller scimToken(ScimTokenEntity token) {
        return new ScimCaller(null, null, null, token.getId(), token.getName(), token.getTeam());
    }

    public boolean isScimToken() {
        return scimTokenId != null;
    }

    /** The admin behind an access token; null for a SCIM token. */
    public UserModel user() {
        return user;
    }

    public ClientModel client() {
        return client;
    }

    public String scimTokenId() {
        return scimTokenId;
    }

    /** The SCIM token's name; null for an access token. */
    public String scimTokenName() {
        return scimTokenName;
    }

    String scimTokenTeamId() {
        return scimTokenTeamId;
    }

    /**
     * The team of a SCIM token, loaded with the token (one query for both), or empty for an access token. Only
     * which team the token belongs to; {@link ScimAuthenticator#authorize} decides what it may do.
     */
    public Optional<TeamEntity> scimTokenTeam() {
        return Optional.ofNullable(scimTokenTeam);
    }

    /**
     * A builder of admin events by this caller. Keycloak's builder needs a user and a client; a SCIM
     * token has neither, so its events carry only the realm and IP address, and the token's id and
     * name as details (never its secret or hash).
     */
    public AdminEventBuilder adminEvent(KeycloakSession session, RealmModel realm) {
        String ip = session.getContext().getConnection().getRemoteHost();
        if (!isScimToken()) {
            return new AdminEventBuilder(realm, new AdminAuth(realm, accessToken, user, client), session,
                    session.getContext().getConnection());
        }
        AdminEvent event = new AdminEvent();
        event.setRealmId(realm.getId());
        AuthDetails auth = new AuthDetails();
        auth.setRealmId(realm.getId());
        auth.setRealmName(realm.getName());
        auth.setIpAddress(ip);
        event.setAuthDetails(auth);
        return new TokenEventBuilder(realm, session, ip, event)
                .detail("scimTokenId", scimTokenId)
                .detail("scimTokenName", scimTokenName);
    }

    /** Keycloak's builder, started from a prepared event instead of an {@link AdminAuth}. */
    private static final class TokenEventBuilder extends AdminEventBuilder {
        TokenEventBuilder(RealmModel realm, KeycloakSession session, String ip, AdminEvent prepared) {
            super(realm, null, session, ip, prepared);
        }
    }
}
