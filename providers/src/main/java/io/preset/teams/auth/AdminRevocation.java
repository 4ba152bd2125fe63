package io.preset.teams.auth;

import io.preset.teams.team.TeamEntity;
import io.preset.teams.team.TeamStore;
import org.jboss.logging.Logger;
import org.keycloak.models.AuthenticatedClientSessionModel;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.services.managers.UserConsentManager;
import org.keycloak.services.managers.UserSessionManager;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Ends Okta's OAuth grants of users who stop being an administrator of a team: their consent to
 * {@code okta-scim}, its offline sessions and its client sessions go, so that their refresh tokens
 * fail ({@code invalid_grant}) and their access tokens are refused at once; Okta then asks another
 * admin to re-authenticate.
 *
 * <p>A Keycloak grant belongs to a user, not to a team, so a user who still administers another team
 * loses the grant too and re-authenticates there: the contract asks that the token and its refresh
 * token stop working when its user loses admin rights.
 *
 * <p>Use around a change that may take admin rights away:
 * <pre>{@code
 * AdminRevocation revocation = AdminRevocation.watch(session, realm, team, userIds); // before
 * ... change roles, memberships, group mappings ...
 * revocation.afterChange();                                                       // after
 * }</pre>
 * Group memberships that Keycloak changes (SCIM group PATCH, the admin console) are covered by
 * {@code AdminLossListener}; a client policy refuses refreshes of users who administer no team at all,
 * whatever path took their rights away.
 */
public final class AdminRevocation {

    private static final Logger LOG = Logger.getLogger(AdminRevocation.class);

    private final KeycloakSession session;
    private final RealmModel realm;
    private final TeamEntity team;
    private final Set<String> admins;

    private AdminRevocation(KeycloakSession session, RealmModel realm, TeamEntity team, Set<String> admins) {
        this.session = session;
        this.realm = realm;
        this.team = team;
        this.admins = admins;
    }

    /** Remembers which of {@code userIds} administer {@code team} now, before a change. */
    public static AdminRevocation watch(KeycloakSession session, RealmModel realm, TeamEntity team,
                                        Collection<String> userIds) {
        Set<String> now = TeamAdmins.adminsAmong(new TeamStore(session, realm), team, userIds);
        Set<String> admins = new LinkedHashSet<>();
        for (String userId : userIds) {
            if (now.contains(userId)) {
                admins.add(userId);
            }
        }
        return new AdminRevocation(session, realm, team, admins);
    }

    /** After the change: revokes the grants of the watched admins who are admins no more. */
    public void afterChange() {
        afterChange(session, realm, team, admins);
    }

    /**
     * Revokes the Okta grants of those {@code formerAdminIds} who do not administer {@code team} now.
     * Pass only users who were admins before the change (a user who never was keeps their grants).
     */
    public static void afterChange(KeycloakSession session, RealmModel realm, TeamEntity team,
                                   Collection<String> formerAdminIds) {
        if (formerAdminIds.isEmpty()) {
            return;
        }
        Set<String> stillAdmins = TeamAdmins.adminsAmong(new TeamStore(session, realm), team, formerAdminIds);
        List<String> lost = formerAdminIds.stream().filter(id -> !stillAdmins.contains(id)).distinct().toList();
        ClientModel client = OktaScimClient.of(realm);
        if (lost.isEmpty() || client == null) {
            return;
        }
        Set<String> holders = OktaGrantHolders.among(session, realm, client, lost);
        for (String userId : lost) {
            if (!holders.contains(userId)) {
                continue; // no consent and no session of okta-scim: nothing to revoke
            }
            UserModel user = session.users().getUserById(realm, userId);
            if (user != null && revokeOktaGrants(session, realm, user)) {
                LOG.infof("Revoked the %s grants of user %s: no longer an administrator of team %s",
                        OktaScimClient.CLIENT_ID, userId, team.getSlug());
            }
        }
    }

    /**
     * Which of {@code userIds} hold an Okta grant (a consent to {@code okta-scim} or a session of it): those whose
     * grants {@link #afterChange} revokes if they stop administering a team. For previews; changes nothing.
     */
    public static Set<String> oktaGrantHolders(KeycloakSession session, RealmModel realm, Collection<String> userIds) {
        ClientModel client = OktaScimClient.of(realm);
        return client == null || userIds.isEmpty() ? Set.of() : OktaGrantHolders.among(session, realm, client, userIds);
    }

    /** Revokes the user's consent to {@code okta-scim}, its offline sessions and client sessions. */
    public static boolean revokeOktaGrants(KeycloakSession session, RealmModel realm, UserModel user) {
        ClientModel client = OktaScimClient.of(realm);
        if (client == null) {
            return false;
        }
        boolean revoked = UserConsentManager.revokeConsentForClient(session, realm, user, client.getId());
        revoked |= new UserSessionManager(session).revokeOfflineToken(user, client);
        for (UserSessionModel userSession : session.sessions().getUserSessionsStream(realm, user).toList()) {
            AuthenticatedClientSessionModel clientSession = userSession.getAuthenticatedClientSessionByClient(client.getId());
            if (clientSession != null) {
                clientSession.detachFromUserSession();
                revoked = true;
            }
        }
        return revoked;
    }
}
