package io.preset.teams.auth;

import io.preset.teams.team.TeamEntity;
import io.preset.teams.team.TeamStore;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserConsentModel;
import org.keycloak.models.UserModel;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Whether Okta provisions a team through OAuth ("Authenticate with Preset"): the team's active Admins who hold a
 * grant of {@code okta-scim} now (a consent, or a session of it). Okta's tokens work for the team only through them.
 */
public final class OktaConnections {

    /** One Admin through whom Okta is connected; {@code since} is when they consented (null: a session only). */
    public record Connection(String userId, Long since) {
    }

    private OktaConnections() {
    }

    public static List<Connection> of(KeycloakSession session, RealmModel realm, TeamEntity team) {
        ClientModel client = OktaScimClient.of(realm);
        if (client == null) {
            return List.of();
        }
        Set<String> holders = OktaGrantHolders.all(session, realm, client);
        Set<String> admins = TeamAdmins.adminsAmong(new TeamStore(session, realm), team, holders);
        List<Connection> connections = new ArrayList<>();
        for (String userId : admins) {
            UserConsentModel consent = session.users().getConsentByClient(realm, userId, client.getId());
            connections.add(new Connection(userId, consent == null ? null : consent.getCreatedDate()));
        }
        connections.sort(Comparator.comparing(Connection::userId));
        return connections;
    }

    /**
     * Disconnects Okta from the team: revokes the grants of every Admin through whom it is connected. A grant belongs
     * to a user, not to a team, so such an Admin re-authenticates Okta for their other teams too.
     *
     * @return the connections that were revoked
     */
    public static List<Connection> disconnect(KeycloakSession session, RealmModel realm, TeamEntity team) {
        List<Connection> connections = of(session, realm, team);
        for (Connection connection : connections) {
            UserModel user = session.users().getUserById(realm, connection.userId());
            if (user != null) {
                AdminRevocation.revokeOktaGrants(session, realm, user);
            }
        }
        return connections;
    }
}
