package io.preset.teams.portal;

import io.preset.teams.team.TeamEntity;
import io.preset.teams.team.TeamStore;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/** One authorized portal API request: the signed-in caller and the team they may manage. */
record PortalRequest(KeycloakSession session, RealmModel realm, PortalCaller caller, TeamStore store, TeamEntity team) {

    /** Authenticates the caller and checks their right to {@code slug}; a 401 or 403 otherwise. */
    static PortalRequest of(KeycloakSession session, String slug) {
        RealmModel realm = session.getContext().getRealm();
        PortalCaller caller = PortalCaller.authenticate(session, realm);
        TeamStore store = new TeamStore(session, realm);
        return new PortalRequest(session, realm, caller, store, PortalAccess.team(store, caller, slug));
    }

    String slug() {
        return team.getSlug();
    }

    void event(String resourceType, OperationType operation, String path, Object representation) {
        PortalEvents.record(session, realm, caller, resourceType, operation, "teams/" + slug() + "/" + path, representation);
    }
}
