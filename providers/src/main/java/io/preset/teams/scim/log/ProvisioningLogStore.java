package io.preset.teams.scim.log;

import io.preset.teams.forward.OutboxEntity;
import jakarta.persistence.EntityManager;
import org.keycloak.models.KeycloakSession;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import jakarta.persistence.TypedQuery;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads of a team's provisioning log, newest first, as database queries on the indexes
 * {@code (TEAM_ID, LOGGED_AT)}, {@code (TEAM_ID, RESOURCE_ID)} and {@code (TEAM_ID, RESOURCE_NAME)}; and the deletes
 * of a team's or realm's rows.
 */
public final class ProvisioningLogStore {

    /** Which rows to read: statuses in {@code [statusFrom, statusTo]}, about one user (SCIM id or userName), since a time. */
    public record Filter(int statusFrom, int statusTo, String user, Long since) {
    }

    private final EntityManager em;

    public ProvisioningLogStore(KeycloakSession session) {
        this(session.getProvider(JpaConnectionProvider.class).getEntityManager());
    }

    public ProvisioningLogStore(EntityManager em) {
        this.em = em;
    }

    public List<ProvisioningLogEntity> list(String teamId, Filter filter, int first, int max) {
        StringBuilder jpql = new StringBuilder("select l from ProvisioningLogEntity l where l.teamId = :teamId"
                + " and l.status >= :statusFrom and l.status <= :statusTo");
        if (filter.user() != null) {
            jpql.append(" and l.resourceType = 'Users' and (l.resourceId = :user or l.resourceName = :userName)");
        }
        if (filter.since() != null) {
            jpql.append(" and l.loggedAt >= :since");
        }
        jpql.append(" order by l.loggedAt desc, l.id desc");
        TypedQuery<ProvisioningLogEntity> query = em.createQuery(jpql.toString(), ProvisioningLogEntity.class)
                .setParameter("teamId", teamId)
                .setParameter("statusFrom", filter.statusFrom())
                .setParameter("statusTo", filter.statusTo());
        if (filter.user() != null) {
            query.setParameter("user", filter.user()).setParameter("userName", filter.user().toLowerCase(Locale.ROOT));
        }
        if (filter.since() != null) {
            query.setParameter("since", filter.since());
        }
        return query.setFirstResult(first).setMaxResults(max).getResultList();
    }

    /** Requests of the team since {@code since}, by exact status. */
    public Map<Integer, Long> statusesSince(String teamId, long since) {
        Map<Integer, Long> out = new HashMap<>();
        for (Object[] row : em.createNamedQuery("presetScimLog.statusesOfTeamSince", Object[].class)
                .setParameter("teamId", teamId).setParameter("since", since).getResultList()) {
            out.put(((Number) row[0]).intValue(), ((Number) row[1]).longValue());
        }
        return out;
    }

    /** Each client of the team with the time of its last successful request (kind, id, name, time). */
    public List<Object[]> lastSuccessPerClient(String teamId) {
        return em.createNamedQuery("presetScimLog.clientsOfTeam", Object[].class).setParameter("teamId", teamId).getResultList();
    }

    /** The team's forwarding outbox rows by state. */
    public Map<String, Long> outboxByState(String teamId) {
        Map<String, Long> out = new HashMap<>();
        for (Object[] row : em.createQuery("select o.state, count(o) from OutboxEntity o where o.teamId = :teamId group by o.state",
                Object[].class).setParameter("teamId", teamId).getResultList()) {
            out.put((String) row[0], ((Number) row[1]).longValue());
        }
        out.putIfAbsent(OutboxEntity.PENDING, 0L);
        out.putIfAbsent(OutboxEntity.IN_FLIGHT, 0L);
        out.putIfAbsent(OutboxEntity.DEAD, 0L);
        return out;
    }

    /**
     * Deletes the team's rows older than {@code retentionMs} and beyond its newest {@code maxRows}; idempotent, so
     * that nodes pruning at the same time only repeat each other's work. Returns the rows deleted.
     */
    int prune(String teamId, long now, long retentionMs, int maxRows) {
        int deleted = em.createNamedQuery("presetScimLog.deleteOfTeamBefore")
                .setParameter("teamId", teamId).setParameter("before", now - retentionMs).executeUpdate();
        if (maxRows > 0) {
            List<Long> cut = em.createNamedQuery("presetScimLog.timesOfTeamNewestFirst", Long.class)
                    .setParameter("teamId", teamId).setFirstResult(maxRows).setMaxResults(1).getResultList();
            if (!cut.isEmpty()) {
                // rows of the same millisecond as the first one too many go with it: at most maxRows are kept
                deleted += em.createNamedQuery("presetScimLog.deleteOfTeamBefore")
                        .setParameter("teamId", teamId).setParameter("before", cut.get(0) + 1).executeUpdate();
            }
        }
        return deleted;
    }

    public void add(ProvisioningLogEntity row) {
        em.persist(row);
    }

    public void deleteAllOfTeam(String teamId) {
        em.createNamedQuery("presetScimLog.deleteOfTeam").setParameter("teamId", teamId).executeUpdate();
    }

    public static void deleteAllOfRealm(EntityManager em, String realmId) {
        em.createNamedQuery("presetScimLog.deleteOfRealm").setParameter("realmId", realmId).executeUpdate();
    }
}
