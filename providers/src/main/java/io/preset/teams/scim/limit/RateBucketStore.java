package io.preset.teams.scim.limit;

import io.preset.teams.common.Persistence;
import jakarta.persistence.EntityManager;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;

import java.util.List;

/**
 * The token buckets of the SCIM rate limit, one row per team in {@code PRESET_SCIM_RATE}, shared by every node
 * on the database. A bucket holds up to one minute's worth of requests ({@code perMinute}) and refills
 * continuously; the time is the caller's clock in epoch milliseconds ({@code REFILLED_AT} never goes back, so
 * a node whose clock is behind refills nothing rather than a negative amount).
 *
 * <p>Taking is one conditional {@code UPDATE}: it refills and takes in one statement, and the row lock lasts
 * only as long as the caller's (short, separate) transaction. Only a nearly empty bucket costs a second
 * {@code UPDATE}, a refused request or a team's first one a read or an insert. On PostgreSQL the transaction
 * commits asynchronously.
 */
final class RateBucketStore {

    // typed parameters: H2 would otherwise take :perMs for a BIGINT (from REFILLED_AT) and round it to 0
    private static final String REFILLED = "LEAST(CAST(:cap AS DOUBLE PRECISION), TOKENS"
            + " + (GREATEST(:now, REFILLED_AT) - REFILLED_AT) * CAST(:perMs AS DOUBLE PRECISION))";

    private static final String TAKE = "UPDATE PRESET_SCIM_RATE SET TOKENS = " + REFILLED + " - :n,"
            + " REFILLED_AT = GREATEST(:now, REFILLED_AT) WHERE TEAM_ID = :team AND " + REFILLED + " >= :n";

    private RateBucketStore() {
    }

    /** What a take got: {@code granted} requests (0 when refused), else the seconds until one is back. */
    record Grant(int granted, long retryAfter) {
    }

    /**
     * Takes {@code want} requests from the team's bucket, or one when fewer are left; when none is left, the whole
     * seconds (at least 1) until one is back. The first request of a team inserts its bucket; a concurrent first
     * request then fails with a constraint violation and may simply be retried.
     */
    static Grant take(KeycloakSession session, String teamId, int perMinute, int want, long now) {
        return take(session.getProvider(JpaConnectionProvider.class).getEntityManager(), teamId, perMinute, want, now);
    }

    static Grant take(EntityManager em, String teamId, int perMinute, int want, long now) {
        if (Persistence.isPostgres(em)) {
            // a bucket is advisory: losing its last updates in a crash of the database is harmless, so the
            // commit need not wait for the WAL to reach the disk
            em.createNativeQuery("SET LOCAL synchronous_commit TO OFF").executeUpdate();
        }
        double cap = perMinute;
        double perMs = perMinute / 60_000.0;
        for (int n = Math.max(1, want); ; n = 1) {
            int taken = em.createNativeQuery(TAKE)
                    .setParameter("cap", cap).setParameter("now", now).setParameter("perMs", perMs)
                    .setParameter("n", n).setParameter("team", teamId)
                    .executeUpdate();
            if (taken == 1) {
                return new Grant(n, 0);
            }
            if (n == 1) {
                break;
            }
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT TOKENS, REFILLED_AT FROM PRESET_SCIM_RATE WHERE TEAM_ID = :team")
                .setParameter("team", teamId).getResultList();
        if (rows.isEmpty()) {
            int n = Math.max(1, Math.min(want, perMinute));
            em.createNativeQuery("INSERT INTO PRESET_SCIM_RATE (TEAM_ID, TOKENS, REFILLED_AT)"
                            + " VALUES (:team, CAST(:tokens AS DOUBLE PRECISION), :now)")
                    .setParameter("team", teamId).setParameter("tokens", cap - n).setParameter("now", now)
                    .executeUpdate();
            return new Grant(n, 0);
        }
        double tokens = ((Number) rows.get(0)[0]).doubleValue();
        long refilledAt = ((Number) rows.get(0)[1]).longValue();
        double available = Math.min(cap, tokens + Math.max(0, now - refilledAt) * perMs);
        return new Grant(0, Math.max(1, (long) Math.ceil((1 - available) / perMs / 1000)));
    }
}
