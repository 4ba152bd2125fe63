package io.preset.teams.store;

import io.preset.teams.forward.ForwardTracker;
import io.preset.teams.forward.OutboxStore;
import io.preset.teams.group.ScimGroupEntity;
import io.preset.teams.group.TeamGroupStore;
import io.preset.teams.ownership.EmailDomainStore;
import io.preset.teams.scim.log.ProvisioningLogStore;
import io.preset.teams.scim.user.ScimUserStore;
import io.preset.teams.team.MemberEntity;
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

import java.util.List;

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
            TeamStore teams = new TeamStore(em(session), removed.getRealm());
            // the target is told the user left each team (by the key kept in the forward state)
            for (MemberEntity member : teams.membershipsOf(removed.getUser().getId())) {
                ForwardTracker.touch(session, removed.getRealm(), member.getTeam(), List.of(removed.getUser().getId()));
            }
            ScimUserStore.deleteAllOfUser(em(session), removed.getUser().getId());
            teams.deleteAllOfUser(removed.getUser().getId());
            LOG.debugf("Removed team memberships of deleted user %s", removed.getUser().getId());
        } else if (event instanceof GroupModel.GroupRemovedEvent removed) {
            // a pushed group deleted in the admin console: its SCIM row and role mappings go with it
            ScimGroupEntity pushed = em(removed.getKeycloakSession()).find(ScimGroupEntity.class, removed.getGroup().getId());
            if (pushed != null) {
                ForwardTracker.touchAll(removed.getKeycloakSession(), removed.getRealm(), pushed.getTeamId());
            }
            TeamGroupStore.deleteAllOfGroup(em(removed.getKeycloakSession()), removed.getGroup().getId());
        } else if (event instanceof RealmModel.RealmRemovedEvent removed) {
            ScimUserStore.deleteAllOfRealm(em(removed.getKeycloakSession()), removed.getRealm().getId());
            new OutboxStore(removed.getKeycloakSession()).deleteAllOfRealm(removed.getRealm().getId());
            ProvisioningLogStore.deleteAllOfRealm(em(removed.getKeycloakSession()), removed.getRealm().getId());
            EmailDomainStore.deleteAllOfRealm(em(removed.getKeycloakSession()), removed.getRealm().getId());
            TeamStore.deleteAllOfRealm(em(removed.getKeycloakSession()), removed.getRealm().getId());
            LOG.debugf("Removed teams of deleted realm %s", removed.getRealm().getName());
        }
    }

    private static EntityManager em(KeycloakSession session) {
        return session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }
}
