package io.preset.teams.portal;

import io.preset.teams.events.AdminEvents;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;

/**
 * Admin events of changes made in the team portal: the same resource types and paths as the admin API, attributed
 * to the signed-in person and client {@code preset-portal}, with detail {@code channel=team-portal}, so that one audit
 * query sees every change whatever the channel (and the console's mirror of group mappings follows).
 */
final class PortalEvents {

    static final String CHANNEL = "team-portal";

    private PortalEvents() {
    }

    static void record(KeycloakSession session, RealmModel realm, PortalCaller caller, String resourceType,
                       OperationType operation, String resourcePath, Object representation) {
        AdminEventBuilder builder = new AdminEventBuilder(realm, caller.adminAuth(realm), session,
                session.getContext().getConnection()).detail("channel", CHANNEL);
        AdminEvents.record(builder, resourceType, operation, resourcePath, representation);
    }
}
