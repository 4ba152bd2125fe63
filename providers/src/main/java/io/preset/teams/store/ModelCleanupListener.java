package io.preset.teams.store;

import io.preset.teams.group.TeamGroupStore;
import io.preset.teams.scim.user.ScimUserStore;
import io.preset.teams.team.TeamStore;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.provider.ProviderEvent;
import org.keycloak.provider.ProviderEventListener;

/**
 * Removes the extension's rows of a deleted user or realm, in the transaction that deletes them
 * (no foreign keys into Keycloak's own tables, whose deletes bypass JPA cascades).
 */
class ModelCleanupListener implements ProviderEventListener {

    private static final Logger LOG = Logger.getLogger(ModelCleanupListener.class);

    @Override
    public void onEvent(ProviderEvent event) {
        if (event instanceof UserModel.UserRemovedEvent removed) {
            KeycloakSession session = removed.getKeycloakSession();
            new TeamStore(em(session), removed.getRealm()).deleteAllOfUser(removed.getUser().getId());
            ScimUserStore.deleteAllOfUser(em(session), removed.getUser().getId());
            LOG.debugf("Removed team memberships of deleted user %s", removed.getUser().getId());
        } else if (event instanceof GroupModel.GroupRemovedEvent removed) {
            // a pushed group deleted in the admin console: its SCIM row and role mappings go with it
            TeamGroupStore.deleteAllOfGroup(em(removed.getKeycloakSession()), removed.getGroup().getId());
        } else if (event instanceof RealmModel.RealmRemovedEvent removed) {
            ScimUserStore.deleteAllOfRealm(em(removed.getKeycloakSession()), removed.getRealm().getId());
            TeamStore.deleteAllOfRealm(em(removed.getKeycloakSession()), removed.getRealm().getId());
            LOG.debugf("Removed teams of deleted realm %s", removed.getRealm().getName());
        }
    }

    private static EntityManager em(KeycloakSession session) {
        return session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }
}
