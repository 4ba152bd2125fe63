package io.preset.teams.forward;

import io.preset.teams.common.DomainException;
import io.preset.teams.team.TeamEntity;
import io.preset.teams.team.TeamStore;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakTransaction;
import org.keycloak.models.RealmModel;

import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Collects, for one Keycloak session, the teams and users whose effective roles may have changed,
 * and just before the database commit (a prepare-phase transaction, which Keycloak commits before the
 * JPA one and whose failure rolls everything back) writes the outbox rows of the teams that forward.
 * Recording costs a map entry; teams without forwarding cost one cached component lookup at commit.
 */
public final class ForwardTracker implements KeycloakTransaction {

    private static final Logger LOG = Logger.getLogger(ForwardTracker.class);
    private static final String ATTRIBUTE = ForwardTracker.class.getName();

    /** A touched team: its realm, and the users to recompute (null: all of them). */
    private static final class Touched {
        final RealmModel realm;
        Set<String> userIds = new HashSet<>();

        Touched(RealmModel realm) {
            this.realm = realm;
        }
    }

    private final KeycloakSession session;
    private final Map<String, Touched> teams = new TreeMap<>(); // by team id: a stable lock order
    private boolean active = true;
    private boolean rollbackOnly;

    private ForwardTracker(KeycloakSession session) {
        this.session = session;
    }

    /** The roles of {@code userIds} in {@code team} may change in this session's transaction. */
    public static void touch(KeycloakSession session, RealmModel realm, TeamEntity team, Collection<String> userIds) {
        Touched touched = of(session).entry(realm, team.getId());
        if (touched != null && touched.userIds != null) {
            touched.userIds.addAll(userIds);
        }
    }

    /** Any member's roles in {@code team} may change (group mapping, group or workspace deleted). */
    public static void touchAll(KeycloakSession session, RealmModel realm, TeamEntity team) {
        touchAll(session, realm, team.getId());
    }

    public static void touchAll(KeycloakSession session, RealmModel realm, String teamId) {
        Touched touched = of(session).entry(realm, teamId);
        if (touched != null) {
            touched.userIds = null;
        }
    }

    private static ForwardTracker of(KeycloakSession session) {
        ForwardTracker tracker = session.getAttribute(ATTRIBUTE, ForwardTracker.class);
        if (tracker == null) {
            tracker = new ForwardTracker(session);
            session.setAttribute(ATTRIBUTE, tracker);
            session.getTransactionManager().enlistPrepare(tracker);
        }
        return tracker;
    }

    private Touched entry(RealmModel realm, String teamId) {
        if (!active) {
            return null; // already committing: a change made now belongs to nobody's diff
        }
        return teams.computeIfAbsent(teamId, id -> new Touched(realm));
    }

    @Override
    public void begin() {
    }

    @Override
    public void commit() {
        active = false;
        if (teams.isEmpty()) {
            return;
        }
        for (Map.Entry<String, Touched> entry : teams.entrySet()) {
            TeamEntity team = TeamStore.anyRealmTeam(session, entry.getKey());
            if (team == null) {
                continue; // deleted in this transaction, its rows with it
            }
            RealmModel realm = entry.getValue().realm;
            Optional<ForwardConfig> config;
            try {
                config = new ForwardConfigs(realm).find(team.getSlug());
            } catch (DomainException e) {
                // a component edited into nonsense must not fail the change itself
                LOG.warnf("Forwarding settings of team %s are unusable, change not forwarded: %s", team.getSlug(), e.getMessage());
                continue;
            }
            if (config.isEmpty() || !config.get().enabled()) {
                continue;
            }
            int rows = new OutboxWriter(session, realm, new TeamStore(session, realm))
                    .sync(team, config.get(), entry.getValue().userIds);
            if (rows > 0) {
                LOG.debugf("Enqueued %d forwarding calls of team %s", rows, team.getSlug());
            }
        }
    }

    @Override
    public void rollback() {
        active = false;
    }

    @Override
    public void setRollbackOnly() {
        rollbackOnly = true;
    }

    @Override
    public boolean getRollbackOnly() {
        return rollbackOnly;
    }

    @Override
    public boolean isActive() {
        return active;
    }
}
