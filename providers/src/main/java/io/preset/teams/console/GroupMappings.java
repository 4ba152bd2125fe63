package io.preset.teams.console;

import io.preset.teams.mapping.GroupRolesRep;
import io.preset.teams.common.DomainException;
import io.preset.teams.group.ScimGroupEntity;
import io.preset.teams.group.TeamGroupStore;
import io.preset.teams.mapping.GroupRoleMappings;
import io.preset.teams.team.TeamEntity;
import io.preset.teams.team.TeamRole;
import io.preset.teams.team.TeamStore;
import io.preset.teams.team.WorkspaceEntity;
import io.preset.teams.team.WorkspaceRole;
import org.jboss.logging.Logger;
import org.keycloak.component.ComponentModel;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.services.ui.extend.UiPageProvider;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The admin-console entries of group-to-role mappings (realm components of {@link GroupMappingsPageFactory})
 * and the mapping rows of {@link TeamGroupStore} kept as one: the rows decide effective roles, and every
 * entry that is {@link GroupMappingDeclaration#APPLIED} holds exactly what the rows of its group hold.
 *
 * <ul>
 *   <li>Console writes resolve through the domain stores (the admin API's checks and messages) and write the
 *       rows through {@link TeamGroupStore#setMapping}, in the request's transaction.</li>
 *   <li>Admin API writes (and deletes of groups, teams and workspaces) are mirrored into the entries.</li>
 *   <li>Entries imported with a realm wait ({@code status} says for what) until their team, pushed group
 *       and workspaces exist; they are applied when those are created.</li>
 * </ul>
 * While this class writes entries itself, the component hooks only validate ({@link #syncing}).
 */
public final class GroupMappings {

    private static final Logger LOG = Logger.getLogger(GroupMappings.class);
    private static final String SYNCING = GroupMappings.class.getName() + ".syncing";
    private static final String IMPORTING = GroupMappings.class.getName() + ".importing.";

    private final KeycloakSession session;
    private final RealmModel realm;
    private final TeamStore store;
    private final TeamGroupStore groups;

    public GroupMappings(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
        this.store = new TeamStore(session, realm);
        this.groups = new TeamGroupStore(session, realm);
    }

    /** A declaration resolved against the database: everything it names exists. */
    public record Resolved(TeamEntity team, ScimGroupEntity group, String groupPath, TeamRole teamRole,
                           Map<WorkspaceEntity, WorkspaceRole> workspaceRoles, List<String> missingWorkspaces) {
    }

    // --- resolution (the same stores, checks and messages as PUT /teams/{slug}/groups/{id}/roles)

    /** Resolves every name or refuses with the admin API's message; nothing is written. */
    public Resolved resolveStrictly(GroupMappingDeclaration declaration) {
        TeamEntity team = store.team(declaration.team());
        ScimGroupEntity group = pushedGroup(team, declaration.groupPath());
        Map<String, WorkspaceRole> byName = new LinkedHashMap<>(declaration.workspaceRoles());
        return new Resolved(team, group, declaration.groupPath(), declaration.teamRole(),
                store.resolveWorkspaceRoles(team, byName), List.of());
    }

    /**
     * Resolves what exists now (imported entries): empty if the team or the group is missing; workspaces
     * that do not exist yet are left out and listed.
     */
    public Optional<Resolved> resolveLeniently(GroupMappingDeclaration declaration) {
        Optional<TeamEntity> team = store.findTeam(declaration.team());
        if (team.isEmpty()) {
            return Optional.empty();
        }
        Optional<GroupModel> group = findGroup(declaration.groupPath());
        Optional<ScimGroupEntity> pushed = group.flatMap(g -> groups.find(team.get(), g.getId()));
        if (pushed.isEmpty()) {
            return Optional.empty();
        }
        Map<WorkspaceEntity, WorkspaceRole> resolved = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        declaration.workspaceRoles().forEach((name, role) -> store.findWorkspace(team.get(), name)
                .ifPresentOrElse(w -> resolved.put(w, role), () -> missing.add(name)));
        return Optional.of(new Resolved(team.get(), pushed.get(), declaration.groupPath(), declaration.teamRole(),
                resolved, missing));
    }

    /** Why an imported declaration cannot be applied yet, for its {@code status}. */
    public String waitingFor(GroupMappingDeclaration declaration) {
        Optional<TeamEntity> team = store.findTeam(declaration.team());
        if (team.isEmpty()) {
            return "Waiting for team '" + declaration.team() + "'";
        }
        return "Waiting for pushed group '" + declaration.groupPath() + "' of team '" + declaration.team() + "'";
    }

    private ScimGroupEntity pushedGroup(TeamEntity team, String path) {
        GroupModel group = findGroup(path).orElseThrow(() -> DomainException.notFound("Group '" + path + "' not found"));
        Optional<ScimGroupEntity> pushed = groups.find(team, group.getId());
        if (pushed.isPresent()) {
            return pushed.get();
        }
        Optional<TeamEntity> owner = groups.teamOfGroup(group.getId());
        if (owner.isPresent()) {
            throw DomainException.invalid("Group '" + path + "' is a pushed group of team '" + owner.get().getSlug()
                    + "', not of team '" + team.getSlug() + "'");
        }
        throw DomainException.invalid("Group '" + path + "' is not a pushed group of team '" + team.getSlug()
                + "': choose a group under '" + TeamGroupStore.PARENT_PREFIX + team.getSlug()
                + "' that Okta or Entra pushed through SCIM");
    }

    private Optional<GroupModel> findGroup(String path) {
        try {
            return Optional.ofNullable(KeycloakModelUtils.findGroupByPath(session, realm, path));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    // --- writing the rows

    /**
     * Replaces the group's mapping rows, revoking the Okta grants of members who stop being team
     * administrators by it, and returns the mapping as the admin API shows it.
     */
    public GroupRolesRep apply(Resolved resolved) {
        return apply(resolved, true);
    }

    /** {@code live} false: a realm import's entries, written as rows only ({@link GroupRoleMappings#applyImported}). */
    private GroupRolesRep apply(Resolved resolved, boolean live) {
        GroupRoleMappings mappings = new GroupRoleMappings(session, realm);
        GroupRoleMappings.Change change = new GroupRoleMappings.Change(resolved.team(), resolved.group(),
                resolved.teamRole(), resolved.workspaceRoles());
        return GroupRolesRep.of(live ? mappings.apply(change) : mappings.applyImported(change));
    }

    /** True if the group's rows already hold what the entry says (an export's rows came back with it). */
    private boolean holds(Resolved resolved) {
        TeamGroupStore.Mapping now = groups.mapping(resolved.group().getGroupId());
        Map<String, WorkspaceRole> wanted = new TreeMap<>();
        resolved.workspaceRoles().forEach((w, role) -> {
            if (role != WorkspaceRole.PresetNoAccess) {
                wanted.put(w.getName(), role);
            }
        });
        return now.teamRole() == resolved.teamRole() && new TreeMap<>(now.workspaceRoles()).equals(wanted);
    }

    /** Takes everything the group grants away (its console entry is deleted or moved to another group). */
    public Optional<GroupRolesRep> clear(String teamSlug, String groupId) {
        Optional<TeamEntity> team = store.findTeam(teamSlug);
        if (team.isEmpty() || groups.find(team.get(), groupId).isEmpty()) {
            return Optional.empty();
        }
        ScimGroupEntity group = groups.find(team.get(), groupId).get();
        return Optional.of(apply(new Resolved(team.get(), group, null, null, Map.of(), List.of())));
    }

    // --- the console entries

    public List<ComponentModel> entries() {
        return realm.getComponentsStream(realm.getId(), UiPageProvider.class.getName())
                .filter(c -> GroupMappingsPageFactory.ID.equals(c.getProviderId()))
                .toList();
    }

    /** Another entry for the same group (by id, or by team and path while it waits), if any. */
    public Optional<ComponentModel> otherEntryFor(String exceptId, String teamSlug, String groupPath, String groupId) {
        return entries().stream()
                .filter(c -> !Objects.equals(c.getId(), exceptId))
                .filter(c -> (groupId != null && groupId.equals(c.get(GroupMappingDeclaration.GROUP_ID)))
                        || (teamSlug.equals(c.get(GroupMappingDeclaration.TEAM))
                        && groupPath.equals(c.get(GroupMappingDeclaration.GROUP))))
                .findFirst();
    }

    /** True if the page's provider is deployed (the {@code declarative-ui} feature is on). */
    public boolean consoleEnabled() {
        return session.getKeycloakSessionFactory().getProviderFactory(UiPageProvider.class, GroupMappingsPageFactory.ID) != null;
    }

    /**
     * Makes the console entry of a pushed group show what its rows hold (after an admin API write):
     * creates, updates or, when the group grants nothing any more, deletes it.
     */
    public void mirror(TeamEntity team, String groupId) {
        if (!consoleEnabled()) {
            return;
        }
        Optional<ScimGroupEntity> pushed = groups.find(team, groupId);
        GroupModel group = pushed.isPresent() ? session.groups().getGroupById(realm, groupId) : null;
        if (group == null) {
            return;
        }
        String path = KeycloakModelUtils.buildGroupPath(group);
        TeamGroupStore.Mapping mapping = groups.mapping(groupId);
        GroupMappingDeclaration declaration = new GroupMappingDeclaration(team.getSlug(), path, mapping.teamRole(),
                new TreeMap<>(mapping.workspaceRoles()));
        Optional<ComponentModel> existing = otherEntryFor(null, team.getSlug(), path, groupId);
        syncing(() -> {
            if (!declaration.grantsSomething()) {
                existing.ifPresent(realm::removeComponent);
                return;
            }
            ComponentModel entry = existing.map(ComponentModel::new).orElseGet(this::newEntry);
            declaration.writeTo(entry, groupId, GroupMappingDeclaration.APPLIED);
            if (existing.isPresent()) {
                realm.updateComponent(entry);
            } else {
                realm.addComponentModel(entry);
            }
        });
        LOG.debugf("Console entry of group %s of team %s mirrors its mapping", groupId, team.getSlug());
    }

    /** Mirrors every applied entry of a team again (a workspace of the team was deleted). */
    public void mirrorTeam(String teamSlug) {
        store.findTeam(teamSlug).ifPresent(team -> entries().stream()
                .filter(c -> teamSlug.equals(c.get(GroupMappingDeclaration.TEAM)))
                .map(c -> c.get(GroupMappingDeclaration.GROUP_ID))
                .filter(Objects::nonNull)
                .toList()
                .forEach(groupId -> mirror(team, groupId)));
    }

    /** The group was renamed: its entry shows the new path. */
    public void groupRenamed(GroupModel group) {
        String path = KeycloakModelUtils.buildGroupPath(group);
        for (ComponentModel entry : copies()) {
            if (group.getId().equals(entry.get(GroupMappingDeclaration.GROUP_ID))
                    && !path.equals(entry.get(GroupMappingDeclaration.GROUP))) {
                GroupMappingDeclaration declaration = GroupMappingDeclaration.of(entry).withGroupPath(path);
                declaration.writeTo(entry, group.getId(), entry.get(GroupMappingDeclaration.STATUS));
                syncing(() -> realm.updateComponent(entry));
            }
        }
    }

    /** The group is being deleted: so are its entries (its rows go with the group). */
    public void groupRemoved(String groupId) {
        for (ComponentModel entry : entries()) {
            if (groupId.equals(entry.get(GroupMappingDeclaration.GROUP_ID))) {
                syncing(() -> realm.removeComponent(entry));
            }
        }
    }

    /** The team was deleted: so are its entries. */
    public void teamRemoved(String teamSlug) {
        for (ComponentModel entry : entries()) {
            if (teamSlug.equals(entry.get(GroupMappingDeclaration.TEAM))) {
                syncing(() -> realm.removeComponent(entry));
            }
        }
    }

    /**
     * Applies the entries that wait (imported with the realm before their team, group or workspaces
     * existed) as far as what they name exists now.
     */
    public void applyWaiting() {
        applyWaiting(true);
    }

    /**
     * Applies the waiting entries of a realm being imported, once the import has written its teams (realm files that
     * declare teams, or carry an export's rows): in the import's own transaction, so they come back applied.
     * Entries that still name something missing keep waiting, their status says for what.
     */
    public void applyImported() {
        applyWaiting(false);
    }

    private void applyWaiting(boolean live) {
        for (ComponentModel entry : copies()) {
            if (GroupMappingDeclaration.APPLIED.equals(entry.get(GroupMappingDeclaration.STATUS))) {
                continue;
            }
            GroupMappingDeclaration declaration;
            try {
                declaration = GroupMappingDeclaration.of(entry);
            } catch (DomainException e) {
                continue; // refused at import already; nothing to apply
            }
            Optional<Resolved> resolved = resolveLeniently(declaration);
            if (resolved.isEmpty()) {
                String status = waitingFor(declaration);
                if (!status.equals(entry.get(GroupMappingDeclaration.STATUS))) {
                    declaration.writeTo(entry, null, status);
                    syncing(() -> realm.updateComponent(entry));
                }
                continue;
            }
            String groupId = resolved.get().group().getGroupId();
            if (otherEntryFor(entry.getId(), declaration.team(), declaration.groupPath(), groupId)
                    .filter(c -> groupId.equals(c.get(GroupMappingDeclaration.GROUP_ID))).isPresent()) {
                declaration.writeTo(entry, null, "Not applied: group '" + declaration.groupPath()
                        + "' already has a mapping");
                syncing(() -> realm.updateComponent(entry));
                continue;
            }
            if (live || !holds(resolved.get())) {
                apply(resolved.get(), live);
            }
            List<String> missing = resolved.get().missingWorkspaces();
            String status = missing.isEmpty() ? GroupMappingDeclaration.APPLIED
                    : "Applied; waiting for workspaces " + String.join(", ", missing);
            declaration.writeTo(entry, groupId, status);
            syncing(() -> realm.updateComponent(entry));
            LOG.infof("Applied the imported mapping of group %s of team %s (%s)", declaration.groupPath(),
                    declaration.team(), status);
        }
    }

    /** Entries to change: copies, never the realm cache's own objects. */
    private List<ComponentModel> copies() {
        return entries().stream().map(ComponentModel::new).toList();
    }

    private ComponentModel newEntry() {
        ComponentModel entry = new ComponentModel();
        entry.setParentId(realm.getId());
        entry.setProviderType(UiPageProvider.class.getName());
        entry.setProviderId(GroupMappingsPageFactory.ID);
        return entry;
    }

    // --- guards

    private void syncing(Runnable action) {
        Object before = session.getAttribute(SYNCING);
        session.setAttribute(SYNCING, Boolean.TRUE);
        try {
            action.run();
        } finally {
            if (before == null) {
                session.removeAttribute(SYNCING);
            }
        }
    }

    /** True while this class writes entries itself: the component hooks must not write back. */
    static boolean syncing(KeycloakSession session) {
        return session.getAttribute(SYNCING) != null;
    }

    static void importStarted(KeycloakSession session, RealmModel realm) {
        session.setAttribute(IMPORTING + realm.getId(), Boolean.TRUE);
    }

    static void importFinished(KeycloakSession session, RealmModel realm) {
        session.removeAttribute(IMPORTING + realm.getId());
    }

    /** True while Keycloak imports the realm (entries arrive without {@code onCreate}). */
    static boolean importing(KeycloakSession session, RealmModel realm) {
        return session.getAttribute(IMPORTING + realm.getId()) != null;
    }
}
