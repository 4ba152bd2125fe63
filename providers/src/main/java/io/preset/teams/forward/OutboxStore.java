package io.preset.teams.forward;

import io.preset.teams.common.DomainException;
import io.preset.teams.common.Persistence;
import io.preset.teams.team.TeamEntity;
import jakarta.persistence.EntityManager;
import org.keycloak.models.KeycloakSession;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import jakarta.persistence.TypedQuery;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The outbox and the forward state of each member: what the writer adds and diffs against, what the dispatcher
 * claims and settles, and what operators read and mend (a page of rows, retrying or dropping a dead one).
 */
public final class OutboxStore {

    private static final int IN_LIST = 500;

    private final EntityManager em;

    public OutboxStore(KeycloakSession session) {
        this(session.getProvider(JpaConnectionProvider.class).getEntityManager());
    }

    public OutboxStore(EntityManager em) {
        this.em = em;
    }

    // --- the writer

    /** What the target was last told of each member of the team. */
    public List<ForwardStateEntity> statesOfTeam(TeamEntity team) {
        return em.createNamedQuery("presetForwardState.ofTeam", ForwardStateEntity.class)
                .setParameter("teamId", team.getId()).getResultList();
    }

    /** What the target was last told of these users of the team (those it was told anything of). */
    public List<ForwardStateEntity> statesOfUsers(TeamEntity team, List<String> userIds) {
        List<ForwardStateEntity> out = new ArrayList<>();
        for (int i = 0; i < userIds.size(); i += IN_LIST) {
            out.addAll(em.createNamedQuery("presetForwardState.ofUsers", ForwardStateEntity.class)
                    .setParameter("teamId", team.getId())
                    .setParameter("userIds", userIds.subList(i, Math.min(userIds.size(), i + IN_LIST))).getResultList());
        }
        return out;
    }

    public void add(OutboxEntity row) {
        em.persist(row);
    }

    public void add(ForwardStateEntity state) {
        em.persist(state);
    }

    /** Forgets everything of the team's forwarding but the rows already sent (forwarding deleted). */
    public void dropUnsent(String teamId) {
        em.createNamedQuery("presetOutbox.deleteUnsentOfTeam").setParameter("teamId", teamId).executeUpdate();
        em.createNamedQuery("presetForwardState.deleteOfTeam").setParameter("teamId", teamId).executeUpdate();
    }

    /** The team is going away: its rows go too. */
    public void deleteAllOfTeam(String teamId) {
        em.createNamedQuery("presetOutbox.deleteOfTeam").setParameter("teamId", teamId).executeUpdate();
        em.createNamedQuery("presetForwardState.deleteOfTeam").setParameter("teamId", teamId).executeUpdate();
    }

    public void deleteAllOfRealm(String realmId) {
        em.createNamedQuery("presetOutbox.deleteOfRealm").setParameter("realmId", realmId).executeUpdate();
        em.createNamedQuery("presetForwardState.deleteOfRealm").setParameter("realmId", realmId).executeUpdate();
    }

    // --- the dispatcher

    /** A team with rows due or in flight, and its realm. */
    public record TeamWithWork(String realmId, String teamId) {
    }

    /** The number of rows in each state, over every team. */
    public Map<String, Long> countByState() {
        Map<String, Long> counts = new HashMap<>();
        for (Object[] row : em.createNamedQuery("presetOutbox.countByState", Object[].class).getResultList()) {
            counts.put((String) row[0], (Long) row[1]);
        }
        return counts;
    }

    public void deleteSentBefore(long before) {
        em.createNamedQuery("presetOutbox.deleteSentBefore").setParameter("before", before).executeUpdate();
    }

    public List<TeamWithWork> teamsWithWork() {
        List<TeamWithWork> out = new ArrayList<>();
        for (Object[] row : em.createNamedQuery("presetOutbox.teamsWithWork", Object[].class).getResultList()) {
            out.add(new TeamWithWork((String) row[0], (String) row[1]));
        }
        return out;
    }

    /**
     * Up to {@code max} rows of these teams due at {@code now}, each first in line for its user: rows whose lease
     * lapsed (a node died sending them) first, then pending rows by due time.
     */
    public List<OutboxEntity> due(Collection<String> teamIds, long now, int max) {
        List<String> teams = new ArrayList<>(teamIds);
        List<OutboxEntity> due = new ArrayList<>(em.createNamedQuery("presetOutbox.dueLapsed", OutboxEntity.class)
                .setParameter("teamIds", teams).setParameter("now", now).setMaxResults(max).getResultList());
        if (due.size() < max) {
            due.addAll(em.createNamedQuery("presetOutbox.duePending", OutboxEntity.class)
                    .setParameter("teamIds", teams).setParameter("now", now).setMaxResults(max - due.size())
                    .getResultList());
        }
        return due;
    }

    /**
     * Fresh planner statistics of the outbox, on PostgreSQL (nothing elsewhere). A mapping change of a large group
     * enqueues its rows in one transaction; until autovacuum's next analyze the planner still sees the table as it
     * was (small), and plans the due query as a sort of every due row (366 ms at 100k rows, against 0.09 ms).
     */
    public void refreshStatistics() {
        if (Persistence.isPostgres(em)) {
            em.createNativeQuery("ANALYZE PRESET_FORWARD_OUTBOX").executeUpdate();
        }
    }

    /** Leases the row to {@code owner} until {@code leaseUntil}; false when another node claimed it first. */
    public boolean claim(String rowId, String owner, long now, long leaseUntil) {
        return em.createNamedQuery("presetOutbox.claim")
                .setParameter("id", rowId).setParameter("now", now)
                .setParameter("leaseUntil", leaseUntil).setParameter("owner", owner)
                .executeUpdate() == 1;
    }

    public OutboxEntity find(String rowId) {
        return em.find(OutboxEntity.class, rowId);
    }

    // --- operators

    /** A page of the team's rows, in one state or all. */
    public List<OutboxEntity> page(TeamEntity team, String state, int first, int max) {
        TypedQuery<OutboxEntity> query = state == null
                ? em.createNamedQuery("presetOutbox.ofTeam", OutboxEntity.class)
                : em.createNamedQuery("presetOutbox.ofTeamInState", OutboxEntity.class).setParameter("state", state);
        return query.setParameter("teamId", team.getId()).setFirstResult(first).setMaxResults(max).getResultList();
    }

    /** The team's dead row {@code id}: a 404 for a row of another team or none, a 409 for one not dead. */
    public OutboxEntity dead(TeamEntity team, String id) {
        OutboxEntity row = id == null || id.length() > 36 ? null : em.find(OutboxEntity.class, id);
        if (row == null || !team.getId().equals(row.getTeamId())) {
            throw DomainException.notFound("Outbox row '" + id + "' not found in team '" + team.getSlug() + "'");
        }
        if (!OutboxEntity.DEAD.equals(row.getState())) {
            throw DomainException.conflict("Outbox row '" + id + "' is " + row.getState() + ", not dead");
        }
        return row;
    }

    /** Sends the dead row again from its first attempt. */
    public void retry(OutboxEntity row) {
        row.setState(OutboxEntity.PENDING);
        row.setAttempts(0);
        row.setNextAttemptAt(System.currentTimeMillis());
    }

    public void drop(OutboxEntity row) {
        em.remove(row);
    }
}
