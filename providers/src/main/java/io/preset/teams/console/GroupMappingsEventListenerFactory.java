package io.preset.teams.console;

import io.preset.teams.events.AdminEvents;
import io.preset.teams.team.TeamStore;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;

/**
 * Keeps the console's mapping entries in step with changes made elsewhere, driven by the admin events
 * every change records (a global listener: it needs no realm configuration). It runs inside the request
 * that made the change, in its transaction:
 * <ul>
 *   <li>{@code PRESET_GROUP_ROLES} (admin API {@code PUT .../groups/{id}/roles}): the group's entry shows
 *       the new mapping;</li>
 *   <li>a team, workspace or pushed group created: imported entries waiting for them are applied;</li>
 *   <li>a team deleted: its entries go; a workspace deleted: its team's entries drop it.</li>
 * </ul>
 * Group renames and deletes come from Keycloak's model events (see {@link GroupMappingsPageFactory}).
 */
public class GroupMappingsEventListenerFactory implements EventListenerProviderFactory {

    public static final String ID = "preset-group-roles-console";
    private static final Logger LOG = Logger.getLogger(GroupMappingsEventListenerFactory.class);

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new Listener(session);
    }

    @Override
    public boolean isGlobal() {
        return true;
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }

    static final class Listener implements EventListenerProvider {

        private final KeycloakSession session;

        Listener(KeycloakSession session) {
            this.session = session;
        }

        @Override
        public void onEvent(Event event) {
        }

        @Override
        public void onEvent(AdminEvent event, boolean includeRepresentation) {
            String type = event.getResourceTypeAsString();
            if (type == null || GroupMappings.syncing(session)) {
                return;
            }
            boolean mapping = type.equals(AdminEvents.GROUP_ROLES);
            boolean teamOrWorkspace = type.equals(AdminEvents.TEAM) || type.equals(AdminEvents.WORKSPACE);
            boolean groupCreatedOrRenamed = type.equals(ResourceType.GROUP.name())
                    && (event.getOperationType() == OperationType.CREATE || event.getOperationType() == OperationType.UPDATE);
            if (!mapping && !teamOrWorkspace && !groupCreatedOrRenamed) {
                return;
            }
            RealmModel realm = session.realms().getRealm(event.getRealmId());
            if (realm == null) {
                return;
            }
            GroupMappings mappings = new GroupMappings(session, realm);
            if (!mappings.consoleEnabled()) {
                return;
            }
            try {
                String[] path = event.getResourcePath() == null ? new String[0] : event.getResourcePath().split("/");
                if (mapping && path.length == 5 && "teams".equals(path[0]) && "groups".equals(path[2])) {
                    new TeamStore(session, realm).findTeam(path[1]).ifPresent(team -> mappings.mirror(team, path[3]));
                } else if (teamOrWorkspace && event.getOperationType() == OperationType.DELETE && path.length >= 2) {
                    if (path.length == 2) {
                        mappings.teamRemoved(path[1]);
                    } else {
                        mappings.mirrorTeam(path[1]);
                    }
                } else if (event.getOperationType() == OperationType.CREATE || groupCreatedOrRenamed) {
                    mappings.applyWaiting();
                }
            } catch (RuntimeException e) {
                LOG.warnf(e, "Could not bring the console's group mappings of realm %s in step with %s %s %s",
                        realm.getName(), type, event.getOperationType(), event.getResourcePath());
            }
        }

        @Override
        public void close() {
        }
    }
}
