package io.preset.teams.console;

import io.preset.teams.mapping.GroupRolesRep;
import io.preset.teams.events.AdminEvents;
import org.jboss.logging.Logger;
import org.keycloak.Token;
import org.keycloak.common.util.Encode;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.representations.AccessToken;
import org.keycloak.services.resources.admin.AdminAuth;
import org.keycloak.services.resources.admin.AdminEventBuilder;

/**
 * Admin events of mapping changes made in the admin console. Keycloak records the console's component
 * change itself (resource type {@code COMPONENT}); this adds the same {@code PRESET_GROUP_ROLES} event as
 * {@code PUT /teams/{slug}/groups/{id}/roles}, attributed to the same admin, so that one audit query sees
 * every mapping change whatever the channel.
 */
final class ConsoleAdminEvents {

    private static final Logger LOG = Logger.getLogger(ConsoleAdminEvents.class);

    private ConsoleAdminEvents() {
    }

    static void mappingChanged(KeycloakSession session, RealmModel realm, String teamSlug, String groupId,
                               GroupRolesRep mapping) {
        AdminAuth auth = adminAuth(session);
        if (auth == null) {
            LOG.debugf("No admin request behind the mapping change of group %s; no admin event", groupId);
            return;
        }
        AdminEventBuilder builder = new AdminEventBuilder(realm, auth, session, session.getContext().getConnection())
                .detail("channel", "admin-console");
        AdminEvents.record(builder, AdminEvents.GROUP_ROLES, OperationType.UPDATE,
                "teams/" + teamSlug + "/groups/" + groupId + "/roles", mapping);
    }

    /** The admin of the current admin REST request, as Keycloak's admin endpoints authenticated them. */
    private static AdminAuth adminAuth(KeycloakSession session) {
        Token bearer = session.getContext().getBearerToken();
        if (!(bearer instanceof AccessToken token) || token.getIssuer() == null) {
            return null;
        }
        String issuer = token.getIssuer();
        RealmModel authRealm = session.realms().getRealmByName(Encode.decodePath(issuer.substring(issuer.lastIndexOf('/') + 1)));
        if (authRealm == null) {
            return null;
        }
        // by the token's "sub", or (a lightweight token has none) through the session Keycloak verified it with
        UserModel user = session.getContext().getUser();
        ClientModel client = token.getIssuedFor() == null ? null : authRealm.getClientByClientId(token.getIssuedFor());
        if (user == null || client == null) {
            return null;
        }
        return new AdminAuth(authRealm, token, user, client);
    }
}
