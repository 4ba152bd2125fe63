package io.preset.teams.admin;

import io.preset.teams.team.TeamStore;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/** What every resource below {@code /teams/{slug}} works with: the request's session, permissions, events and store. */
abstract class TeamSubResource {

    protected final KeycloakSession session;
    protected final AdminPermissionEvaluator auth;
    protected final AdminEventBuilder adminEvent;
    protected final TeamStore store;
    protected final String slug;

    TeamSubResource(KeycloakSession session, AdminPermissionEvaluator auth, AdminEventBuilder adminEvent,
                    TeamStore store, String slug) {
        this.session = session;
        this.auth = auth;
        this.adminEvent = adminEvent;
        this.store = store;
        this.slug = slug;
    }
}
