package io.preset.teams.scim.limit;

import io.preset.teams.common.Persistence;
import io.preset.teams.team.TeamEntity;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import org.keycloak.models.RealmModel;


/**
 * The JPA side of {@link ScimQueryLimits}: the queries of one SCIM list request, each with the team's statement
 * timeout (a JDBC query timeout, which makes H2 and PostgreSQL stop the statement's work when the time is up), in
 * a transaction prepared for them on PostgreSQL (no JIT compilation, which costs more than most of these queries
 * run, and no generic plans: a generic plan of {@code like ?} cannot use the prefix index, and the driver switches
 * prepared statements to server-side plans after a few executions).
 */
public final class ListQueries {

    private static final String PG_SETTINGS = "select set_config('jit', 'off', true), "
            + "set_config('plan_cache_mode', 'force_custom_plan', true)";

    private final int timeoutSeconds;

    private ListQueries(int timeoutSeconds) {
        this.timeoutSeconds = timeoutSeconds;
    }

    /** The queries of one list request of {@code team}; prepares the transaction on PostgreSQL. */
    public static ListQueries forList(EntityManager em, RealmModel realm, TeamEntity team) {
        prepare(em);
        return ofSeconds(ScimQueryLimits.timeoutSeconds(realm, team));
    }

    static ListQueries ofSeconds(int timeoutSeconds) {
        return new ListQueries(timeoutSeconds);
    }

    /** The transaction-local planner settings on PostgreSQL; nothing elsewhere. */
    static void prepare(EntityManager em) {
        if (Persistence.isPostgres(em)) {
            em.createNativeQuery(PG_SETTINGS).getSingleResult();
        }
    }

    /** {@code query} with the statement timeout. */
    public <Q extends Query> Q bound(Q query) {
        if (timeoutSeconds > 0) {
            query.setHint("org.hibernate.timeout", timeoutSeconds);
        }
        return query;
    }

}
