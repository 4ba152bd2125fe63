package io.preset.teams.console;

import io.preset.teams.common.DomainException;
import io.preset.teams.team.TeamRole;
import io.preset.teams.team.WorkspaceRole;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.component.ComponentModel;
import org.keycloak.component.ComponentValidationException;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.ModelException;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.provider.ProviderEvent;
import org.keycloak.services.ui.extend.UiPageProviderFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The admin-console page "Preset group roles" (Keycloak's declarative UI, feature {@code declarative-ui}):
 * one entry per pushed group, mapping it to a team role and workspace roles. Entries are realm
 * components, so they travel with a realm export and import; the mapping rows that decide effective
 * roles are written through {@link GroupMappings} in the same transaction (see there for how both stay
 * one).
 *
 * <p>A refused entry fails {@link #validateConfiguration} with the admin API's message, which the console
 * shows; nothing is saved.
 */
public class GroupMappingsPageFactory implements UiPageProviderFactory<ComponentModel> {

    public static final String ID = "preset-group-roles";
    /**
     * A config property the console has no editor for: it renders no form field, but the page's list can
     * show it as a column (the server derives its value).
     */
    static final String DERIVED_TYPE = "PresetDerived";

    private static final Logger LOG = Logger.getLogger(GroupMappingsPageFactory.class);

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getHelpText() {
        return "Which team role and workspace roles each pushed group grants its members: one entry per group."
                + " Changes apply to members' effective roles at once.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        List<String> teamRoles = new ArrayList<>();
        teamRoles.add(GroupMappingDeclaration.NO_TEAM_ROLE);
        for (int i = TeamRole.values().length - 1; i >= 0; i--) {
            teamRoles.add(TeamRole.values()[i].name());
        }
        StringBuilder roles = new StringBuilder();
        for (int i = WorkspaceRole.values().length - 1; i >= 0; i--) {
            WorkspaceRole role = WorkspaceRole.values()[i];
            roles.append(roles.isEmpty() ? "" : ", ").append(role.name()).append(" (").append(role.displayName()).append(')');
        }
        return ProviderConfigurationBuilder.create()
                .property().name(GroupMappingDeclaration.TEAM).label("Team").type(ProviderConfigProperty.STRING_TYPE)
                .required(true)
                .helpText("Slug of the team that pushed the group, e.g. acme.").add()
                .property().name(GroupMappingDeclaration.GROUP).label("Pushed group").type(ProviderConfigProperty.GROUP_TYPE)
                .required(true)
                .helpText("A group the team's identity provider pushed: a subgroup of 'team:<slug>'.").add()
                .property().name(GroupMappingDeclaration.TEAM_ROLE).label("Team role").type(ProviderConfigProperty.LIST_TYPE)
                .options(teamRoles).defaultValue(GroupMappingDeclaration.NO_TEAM_ROLE)
                .helpText("Team role the group's members get (the highest of this and their other roles counts).").add()
                .property().name(GroupMappingDeclaration.WORKSPACE_ROLES).label("Workspace roles").type(ProviderConfigProperty.MAP_TYPE)
                .helpText("Key: a workspace name of the team. Value: one of " + roles + ".").add()
                .property().name(GroupMappingDeclaration.SUMMARY).label("Workspace roles granted").type(DERIVED_TYPE).add()
                .property().name(GroupMappingDeclaration.STATUS).label("Status").type(DERIVED_TYPE).add()
                .build();
    }

    @Override
    public Map<String, Object> getTypeMetadata() {
        return Map.of("displayFields", List.of(GroupMappingDeclaration.GROUP, GroupMappingDeclaration.TEAM,
                GroupMappingDeclaration.TEAM_ROLE, GroupMappingDeclaration.SUMMARY, GroupMappingDeclaration.STATUS));
    }

    // --- the entry's life cycle: validate, then write the mapping rows in the same transaction

    @Override
    public void validateConfiguration(KeycloakSession session, RealmModel realm, ComponentModel model)
            throws ComponentValidationException {
        boolean importing = GroupMappings.importing(session, realm);
        try {
            GroupMappingDeclaration declaration = GroupMappingDeclaration.of(model);
            if (GroupMappings.syncing(session)) {
                return; // written by GroupMappings from the mapping rows
            }
            if (importing) {
                // the realm's teams do not exist yet: applied once they and the group do (GroupMappings.applyWaiting)
                declaration.writeTo(model, null, "Waiting for the realm import to finish");
                return;
            }
            if (!declaration.grantsSomething()) {
                throw DomainException.invalid("This mapping grants nothing: choose a team role or a role in at least"
                        + " one workspace (delete the entry to remove a group's mapping)");
            }
            GroupMappings mappings = new GroupMappings(session, realm);
            GroupMappings.Resolved resolved = mappings.resolveStrictly(declaration);
            String groupId = resolved.group().getGroupId();
            if (mappings.otherEntryFor(model.getId(), declaration.team(), declaration.groupPath(), groupId).isPresent()) {
                throw DomainException.conflict("Group '" + declaration.groupPath() + "' already has a mapping: edit that entry instead");
            }
            declaration.writeTo(model, groupId, GroupMappingDeclaration.APPLIED);
        } catch (DomainException e) {
            if (importing) {
                // Keycloak's realm import answers a ModelException with its message (400), anything else with a 500
                throw new ModelException("Preset group roles, entry " + model.get(GroupMappingDeclaration.GROUP)
                        + ": " + e.getMessage());
            }
            throw new MappingRefused(e.getMessage());
        }
    }

    @Override
    public void onCreate(KeycloakSession session, RealmModel realm, ComponentModel model) {
        if (GroupMappings.syncing(session) || GroupMappings.importing(session, realm)) {
            return;
        }
        write(session, realm, model);
    }

    @Override
    public void onUpdate(KeycloakSession session, RealmModel realm, ComponentModel oldModel, ComponentModel newModel) {
        if (GroupMappings.syncing(session)) {
            return;
        }
        String oldGroupId = oldModel.get(GroupMappingDeclaration.GROUP_ID);
        String newGroupId = newModel.get(GroupMappingDeclaration.GROUP_ID);
        if (oldGroupId != null && !oldGroupId.equals(newGroupId)) {
            clear(session, realm, oldModel);
        }
        write(session, realm, newModel);
    }

    @Override
    public void preRemove(KeycloakSession session, RealmModel realm, ComponentModel model) {
        if (GroupMappings.syncing(session)) {
            return;
        }
        clear(session, realm, model);
    }

    private static void write(KeycloakSession session, RealmModel realm, ComponentModel model) {
        GroupMappings mappings = new GroupMappings(session, realm);
        try {
            GroupMappings.Resolved resolved = mappings.resolveStrictly(GroupMappingDeclaration.of(model));
            var rep = mappings.apply(resolved);
            ConsoleAdminEvents.mappingChanged(session, realm, resolved.team().getSlug(), resolved.group().getGroupId(), rep);
            LOG.debugf("Console mapping of group %s of team %s: %s", resolved.groupPath(), resolved.team().getSlug(), rep);
        } catch (DomainException e) {
            throw new MappingRefused(e.getMessage()); // validated in this transaction already; never expected
        }
    }

    private static void clear(KeycloakSession session, RealmModel realm, ComponentModel model) {
        String groupId = model.get(GroupMappingDeclaration.GROUP_ID);
        String team = model.get(GroupMappingDeclaration.TEAM);
        if (groupId == null || team == null) {
            return; // an entry that waits has written nothing
        }
        new GroupMappings(session, realm).clear(team, groupId)
                .ifPresent(rep -> ConsoleAdminEvents.mappingChanged(session, realm, team, groupId, rep));
    }

    // --- Keycloak's model events

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(this::onProviderEvent);
    }

    private void onProviderEvent(ProviderEvent event) {
        if (event instanceof RealmModel.RealmCreationEvent created) {
            GroupMappings.importStarted(created.getKeycloakSession(), created.getCreatedRealm());
        } else if (event instanceof RealmModel.RealmPostCreateEvent created) {
            GroupMappings.importFinished(created.getKeycloakSession(), created.getCreatedRealm());
            safely("applying the imported group mappings of realm " + created.getCreatedRealm().getName(),
                    created.getKeycloakSession(), created.getCreatedRealm(), GroupMappings::applyWaiting);
        } else if (event instanceof GroupModel.GroupRemovedEvent removed) {
            safely("removing the console mapping of deleted group " + removed.getGroup().getId(),
                    removed.getKeycloakSession(), removed.getRealm(), m -> m.groupRemoved(removed.getGroup().getId()));
        } else if (event instanceof GroupModel.GroupUpdatedEvent updated) {
            safely("updating the console mapping of renamed group " + updated.getGroup().getId(),
                    updated.getKeycloakSession(), updated.getRealm(), m -> m.groupRenamed(updated.getGroup()));
        }
    }

    private static void safely(String what, KeycloakSession session, RealmModel realm, Consumer<GroupMappings> action) {
        if (session == null || realm == null) {
            return;
        }
        try {
            action.accept(new GroupMappings(session, realm));
        } catch (RuntimeException e) {
            LOG.warnf(e, "Failed %s", what);
        }
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void close() {
    }

    /**
     * A refused entry. Keycloak formats the message of a {@link ComponentValidationException} with
     * {@link java.text.MessageFormat} before the console shows it, so quotes and braces are escaped there;
     * logs show the plain message.
     */
    static final class MappingRefused extends ComponentValidationException {

        private final String plain;

        MappingRefused(String message) {
            super(message.replace("'", "''").replace("{", "'{'").replace("}", "'}'"));
            this.plain = message;
        }

        @Override
        public String getLocalizedMessage() {
            return plain;
        }
    }
}
