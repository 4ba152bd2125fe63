package io.preset.teams.auth;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;


import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;

/**
 * Which of many users hold any Okta grant at all (a consent to {@code okta-scim}, or an online or offline
 * session of it), found with a few set queries. Only they can lose something, so revoking for a mapping change
 * of a 10k-member group visits them instead of asking three questions per member.
 */
final class OktaGrantHolders {

    private static final int CHUNK = 1000;

    private OktaGrantHolders() {
    }

    static Set<String> among(KeycloakSession session, RealmModel realm, ClientModel client, Collection<String> userIds) {
        Set<String> wanted = new HashSet<>(userIds);
        Set<String> holders = new HashSet<>();
        ConsentStore consents = new ConsentStore(session);
        List<String> ids = new ArrayList<>(wanted);
        for (int from = 0; from < ids.size(); from += CHUNK) {
            holders.addAll(consents.consentingAmong(client.getId(), ids.subList(from, Math.min(ids.size(), from + CHUNK))));
        }
        session.sessions().getUserSessionsStream(realm, client).map(OktaGrantHolders::userId)
                .filter(wanted::contains).forEach(holders::add);
        session.sessions().getOfflineUserSessionsStream(realm, client, null, null).map(OktaGrantHolders::userId)
                .filter(wanted::contains).forEach(holders::add);
        holders.remove(null);
        return holders;
    }

    /** Every user of the realm who holds an Okta grant, for the few questions that cannot start from a user list. */
    static Set<String> all(KeycloakSession session, RealmModel realm, ClientModel client) {
        Set<String> holders = new HashSet<>();
        holders.addAll(new ConsentStore(session).consenting(client.getId()));
        session.sessions().getUserSessionsStream(realm, client).map(OktaGrantHolders::userId).forEach(holders::add);
        session.sessions().getOfflineUserSessionsStream(realm, client, null, null).map(OktaGrantHolders::userId)
                .forEach(holders::add);
        holders.remove(null);
        return holders;
    }

    private static String userId(UserSessionModel userSession) {
        UserModel user = userSession.getUser();
        return user == null ? null : Objects.requireNonNull(user.getId());
    }
}
