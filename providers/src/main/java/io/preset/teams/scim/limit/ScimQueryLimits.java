package io.preset.teams.scim.limit;

import io.preset.teams.scim.filter.FilterCost;
import io.preset.teams.scim.protocol.ScimException;
import io.preset.teams.team.TeamEntity;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import org.hibernate.Session;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.models.RealmModel;

import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bounds the database work of one SCIM list request: each of its queries runs with a statement timeout
 * ({@value #DEFAULT_TIMEOUT_SECONDS} s by default), enforced by the JDBC driver, which cancels the statement in the
 * database when the time is up (H2 and PostgreSQL both stop the work then). A timeout answers
 * {@code 503} with {@code Retry-After} ({@link #isTimeout}, mapped by the endpoint): the filter was within its
 * budget ({@link FilterCost}), so the server was too busy to answer in time.
 *
 * <p>Timeout: the realm attribute {@value #TIMEOUT_ATTRIBUTE_PREFIX}{@code <slug>}, else the SPI option
 * {@code query-timeout-seconds} of the {@code teams} realm resource, else {@value #DEFAULT_TIMEOUT_SECONDS}; 0 or
 * less: none. The filter budget is the SPI option {@code filter-cost-budget}.
 *
 * <p>On PostgreSQL, a list transaction also turns off JIT compilation (which costs more than most of these
 * queries run) and generic plans (a generic plan of {@code like ?} cannot use the prefix index, and the driver
 * switches prepared statements to server-side plans after a few executions).
 */
public final class ScimQueryLimits {

    public static final int DEFAULT_TIMEOUT_SECONDS = 5;
    public static final String TIMEOUT_ATTRIBUTE_PREFIX = "preset.teams.scim.queryTimeoutSeconds.";
    /** PostgreSQL's "query_canceled" (statement timeout or cancel request), also used by H2 for a timeout. */
    static final String CANCELED = "57014";

    private static final Logger LOG = Logger.getLogger(ScimQueryLimits.class);
    private static final TeamLimit TIMEOUT = new TeamLimit("query-timeout-seconds", TIMEOUT_ATTRIBUTE_PREFIX,
            DEFAULT_TIMEOUT_SECONDS);
    private static final String PG_SETTINGS = "select set_config('jit', 'off', true), "
            + "set_config('plan_cache_mode', 'force_custom_plan', true)";
    private static final Map<Object, Boolean> POSTGRES = new ConcurrentHashMap<>();

    private final int timeoutSeconds;

    private ScimQueryLimits(int timeoutSeconds) {
        this.timeoutSeconds = timeoutSeconds;
    }

    public static void configure(Config.Scope config) {
        TIMEOUT.configure(config);
        FilterCost.configure(config.getInt("filter-cost-budget", FilterCost.DEFAULT_BUDGET));
    }

    /** The limits of one list request of {@code team}; prepares the transaction on PostgreSQL. */
    public static ScimQueryLimits forList(EntityManager em, RealmModel realm, TeamEntity team) {
        prepare(em);
        return ofSeconds(TIMEOUT.of(realm, team.getSlug()));
    }

    static ScimQueryLimits ofSeconds(int timeoutSeconds) {
        return new ScimQueryLimits(timeoutSeconds);
    }

    /** The transaction-local planner settings on PostgreSQL; nothing elsewhere. */
    static void prepare(EntityManager em) {
        if (isPostgres(em)) {
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

    /** True when {@code error} is a statement cancelled by its timeout. */
    public static boolean isTimeout(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof jakarta.persistence.QueryTimeoutException) {
                return true;
            }
            if (t instanceof SQLException sql && CANCELED.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** The answer to a timed-out list: 503, come back in a few seconds. */
    public static ScimException busy() {
        return ScimException.unavailable("The query did not finish within its time limit: the server is busy. Retry "
                + "later, or narrow the filter", DEFAULT_TIMEOUT_SECONDS);
    }

    private static boolean isPostgres(EntityManager em) {
        return POSTGRES.computeIfAbsent(em.getEntityManagerFactory(), f -> {
            String product = em.unwrap(Session.class).doReturningWork(c -> c.getMetaData().getDatabaseProductName());
            LOG.debugf("SCIM list queries run on %s", product);
            return product != null && product.toLowerCase(Locale.ROOT).contains("postgres");
        });
    }
}
