package io.preset.teams.realmio;

import io.preset.teams.auth.ScimTokenStore;
import io.preset.teams.common.Persistence;
import io.preset.teams.common.DomainException;
import io.preset.teams.console.GroupMappings;
import io.preset.teams.group.TeamGroupStore;
import io.preset.teams.ownership.EmailDomainEntity;
import io.preset.teams.ownership.EmailDomainStore;
import io.preset.teams.ownership.TeamDomains;
import io.preset.teams.team.MemberEntity;
import io.preset.teams.team.TeamEntity;
import io.preset.teams.team.TeamStore;
import org.jboss.logging.Logger;
import org.keycloak.common.util.MultivaluedHashMap;
import org.keycloak.component.ComponentModel;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakTransaction;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.provider.ProviderEvent;
import org.keycloak.provider.ProviderEventListener;
import org.keycloak.representations.idm.ComponentExportRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.storage.ImportRealmFromRepresentationEvent;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Applies the teams a realm file declares ({@link DeclaredTeams}) when Keycloak imports the realm: at
 * {@code --import-realm}, {@code kc.sh import} and when an admin creates a realm from a file.
 *
 * <p>Keycloak imports the declarations as components of the new realm ({@link TeamDeclarationFactory} accepts them
 * only while the realm is being created). In the prepare phase of the import's own transaction (after Keycloak created the
 * realm, its users and groups, before the commit) they are checked together, written to the teams' tables and
 * removed from the realm, so that they never stay in the realm model: a failure there rolls the whole import back,
 * realm included. Imported teams forward nothing new (no outbox rows are added):
 * {@code POST .../forwarding/resync} brings a target in line.
 */
final class DeclaredTeamsImport implements ProviderEventListener {

    private static final Logger LOG = Logger.getLogger(DeclaredTeamsImport.class);
    private static final String IMPORTING = DeclaredTeamsImport.class.getName() + ".importing.";
    static final String IMPORTED_BY = "realm-import";

    @Override
    public void onEvent(ProviderEvent event) {
        if (event instanceof RealmModel.RealmCreationEvent created) {
            KeycloakSession session = created.getKeycloakSession();
            String realmId = created.getCreatedRealm().getId();
            session.setAttribute(IMPORTING + realmId, Boolean.TRUE);
            session.getTransactionManager().enlistPrepare(new KeycloakTransaction() {
                @Override
                public void begin() {
                }

                @Override
                public void commit() {
                    session.removeAttribute(IMPORTING + realmId);
                    apply(session, realmId);
                }

                @Override
                public void rollback() {
                    session.removeAttribute(IMPORTING + realmId);
                }

                @Override
                public void setRollbackOnly() {
                }

                @Override
                public boolean getRollbackOnly() {
                    return false;
                }

                @Override
                public boolean isActive() {
                    return true;
                }
            });
        } else if (event instanceof ImportRealmFromRepresentationEvent imported) {
            precheck(imported.getSession(), imported.getRealmRepresentation());
        }
    }

    /**
     * A realm created from a representation in one piece (the admin console's "Create realm", the admin REST API):
     * the declarations are checked against it before Keycloak imports anything, so that a bad entry is a 400 with
     * its message (a refusal in the commit's prepare phase would be a 500 there). Everything is checked again in
     * {@link #apply}, the only check for realm files of {@code kc.sh import} and {@code --import-realm}.
     */
    private static void precheck(KeycloakSession session, RealmRepresentation rep) {
        if (rep.getComponents() == null) {
            return;
        }
        DeclaredTeams declared = DeclaredTeams.of(rep.getComponents().get(DeclaredTeams.TYPE));
        for (DeclaredTeams.Team team : declared.teams()) {
            for (DeclaredTeams.Token t : team.tokens()) {
                checked("team '" + team.slug() + "', scim token '" + t.name() + "'", () -> {
                    ScimTokenStore.requireHashFree(session, t.sha256());
                    return t;
                });
            }
        }
        Set<String> users = new HashSet<>();
        if (rep.getUsers() != null) {
            rep.getUsers().forEach(u -> users.add(u.getUsername() == null ? "" : u.getUsername().toLowerCase(Locale.ROOT)));
        }
        for (DeclaredTeams.Team team : declared.teams()) {
            for (DeclaredTeams.Member m : team.members()) {
                if (!users.contains(m.userName().toLowerCase(Locale.ROOT))) {
                    throw DeclaredTeams.refused("team '" + team.slug() + "', member '" + m.userName() + "'",
                            "no user '" + m.userName() + "' in the realm (declare it in 'users')");
                }
            }
        }
    }

    /** Whether Keycloak is creating this realm in this session (then declarations are accepted as components). */
    static boolean importing(KeycloakSession session, RealmModel realm) {
        return session.getAttribute(IMPORTING + realm.getId()) != null;
    }

    /** Writes the declarations of the new realm, if it has any, and removes them from it. */
    static void apply(KeycloakSession session, String realmId) {
        RealmModel realm = session.realms().getRealm(realmId);
        if (realm == null) {
            return; // removed again in this transaction
        }
        List<ComponentModel> stored = realm.getComponentsStream(realm.getId(), DeclaredTeams.TYPE).toList();
        if (!stored.isEmpty()) {
            List<ComponentExportRepresentation> declarations = new ArrayList<>();
            for (ComponentModel top : stored) {
                List<ComponentModel> children = realm.getComponentsStream(top.getId()).toList();
                declarations.add(representation(top, children));
                children.forEach(realm::removeComponent);
                realm.removeComponent(top);
            }
            apply(session, realm, DeclaredTeams.of(declarations));
        }
        // the console's mapping entries of the file waited for the teams written just now
        new GroupMappings(session, realm).applyImported();
        // a constraint that fails fails here, inside the import's transaction
        flushChecked(session);
    }

    private static ComponentExportRepresentation representation(ComponentModel top, List<ComponentModel> children) {
        ComponentExportRepresentation rep = representation(top);
        MultivaluedHashMap<String, ComponentExportRepresentation> subs = new MultivaluedHashMap<>();
        for (ComponentModel child : children) {
            subs.add(child.getProviderType(), representation(child));
        }
        rep.setSubComponents(subs);
        return rep;
    }

    private static ComponentExportRepresentation representation(ComponentModel model) {
        ComponentExportRepresentation rep = new ComponentExportRepresentation();
        rep.setName(model.getName());
        rep.setProviderId(model.getProviderId());
        rep.setConfig(new MultivaluedHashMap<>(model.getConfig()));
        return rep;
    }

    static void apply(KeycloakSession session, RealmModel realm, DeclaredTeams declared) {
        if (!declared.rows().isEmpty()) {
            int restored = TeamRowStore.restore(session, realm.getId(), declared.rows());
            LOG.infof("Realm %s: restored %d rows of Preset teams from the realm file", realm.getName(), restored);
        }
        TeamStore teams = new TeamStore(session, realm);
        TeamGroupStore groups = new TeamGroupStore(session, realm);
        ScimTokenStore tokens = new ScimTokenStore(session, realm);
        TeamDomains domains = TeamDomains.of(session);
        EmailDomainStore domainStore = new EmailDomainStore(session);
        for (DeclaredTeams.Team declaredTeam : declared.teams()) {
            String where = "team '" + declaredTeam.slug() + "'";
            TeamEntity team = checked(where, () -> teams.createTeam(declaredTeam.slug(), declaredTeam.title()));
            for (DeclaredTeams.Workspace w : declaredTeam.workspaces()) {
                checked(where + ", workspace '" + w.name() + "'", () -> teams.createWorkspace(team, w.name(), w.title()));
            }
            for (DeclaredTeams.PushedGroup g : declaredTeam.groups()) {
                String gWhere = where + ", pushed group '" + g.name() + "'";
                checked(gWhere, () -> {
                    GroupModel parent = groups.parent(team, true);
                    GroupModel group = session.groups().getGroupByName(realm, parent, g.name());
                    return group == null ? groups.create(team, g.name(), g.externalId()) : groups.adopt(team, group, g.externalId());
                });
            }
            for (DeclaredTeams.Member m : declaredTeam.members()) {
                String mWhere = where + ", member '" + m.userName() + "'";
                UserModel user = session.users().getUserByUsername(realm, m.userName());
                if (user == null) {
                    throw DeclaredTeams.refused(mWhere, "no user '" + m.userName() + "' in the realm (declare it in 'users')");
                }
                checked(mWhere, () -> {
                    MemberEntity member = teams.addMember(team, user.getId());
                    teams.setDirectRoles(member, m.teamRole(), teams.resolveWorkspaceRoles(team, m.workspaceRoles()));
                    return member;
                });
            }
            for (DeclaredTeams.Token t : declaredTeam.tokens()) {
                checked(where + ", scim token '" + t.name() + "'",
                        () -> tokens.importHash(team, t.name(), t.sha256(), t.expiresAt(), IMPORTED_BY));
            }
            for (String domain : declaredTeam.domains()) {
                checked(where + ", verified domain '" + domain + "'", () -> {
                    EmailDomainEntity claim = domains.claim(team, domain);
                    domainStore.markVerified(claim, "operator");
                    return claim;
                });
            }
            LOG.infof("Realm %s: imported Preset team %s (%d workspaces, %d members, %d pushed groups, %d SCIM tokens,"
                            + " %d verified domains)", realm.getName(), team.getSlug(), declaredTeam.workspaces().size(),
                    declaredTeam.members().size(), declaredTeam.groups().size(), declaredTeam.tokens().size(),
                    declaredTeam.domains().size());
        }
    }

    /** Flushes the import's rows; a unique key they break (data already in the database) is a 400, not a 500. */
    private static void flushChecked(KeycloakSession session) {
        try {
            Persistence.flush(session);
        } catch (RuntimeException e) {
            if (Persistence.isConstraintViolation(e)) {
                throw DeclaredTeams.refused("the realm file's teams", "they conflict with data already in the"
                        + " database (the same rows or SCIM token hashes imported into another realm?): "
                        + rootMessage(e));
            }
            throw e;
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = String.valueOf(root.getMessage());
        return message.length() > 300 ? message.substring(0, 300) + "..." : message;
    }

    private interface Step<T> {
        T run();
    }

    private static <T> T checked(String where, Step<T> step) {
        try {
            return step.run();
        } catch (DomainException e) {
            throw DeclaredTeams.refused(where, e.getMessage());
        }
    }
}
