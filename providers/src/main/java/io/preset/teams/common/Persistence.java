package io.preset.teams.common;

import jakarta.persistence.EntityManager;
import org.hibernate.Session;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;

import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the transaction boundaries (SCIM endpoint, admin API, portal, realm import) need of JPA, in one place: a
 * flush, so that a write lost to a concurrent request fails inside the request and not at commit, and the
 * recognition of the database's refusals anywhere in a cause chain.
 */
public final class Persistence {

    /** PostgreSQL's "query_canceled" (statement timeout or cancel request), also used by H2 for a timeout. */
    static final String CANCELED = "57014";

    private static final Map<Object, Boolean> POSTGRES = new ConcurrentHashMap<>();

    private Persistence() {
    }

    /**
     * Whether {@code em} talks to PostgreSQL, asked of the driver once per persistence unit: for the statements only
     * PostgreSQL has (planner settings, asynchronous commit, ANALYZE).
     */
    public static boolean isPostgres(EntityManager em) {
        return POSTGRES.computeIfAbsent(em.getEntityManagerFactory(), f -> {
            String product = em.unwrap(Session.class).doReturningWork(c -> c.getMetaData().getDatabaseProductName());
            return product != null && product.toLowerCase(Locale.ROOT).contains("postgres");
        });
    }

    /** Sends the session's pending writes now. */
    public static void flush(KeycloakSession session) {
        session.getProvider(JpaConnectionProvider.class).getEntityManager().flush();
    }

    /** A unique or foreign-key violation (SQLState class 23). */
    public static boolean isConstraintViolation(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("23")) {
                return true;
            }
            if (t.getClass().getName().equals("org.hibernate.exception.ConstraintViolationException")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Recognises a write that lost to a concurrent transaction without breaking a constraint: lock timeout,
     * deadlock, serialization failure or optimistic lock (SQLState class 40, PostgreSQL 55P03, H2 HYT00).
     */
    public static boolean isConcurrencyFailure(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof jakarta.persistence.PessimisticLockException || t instanceof jakarta.persistence.LockTimeoutException
                    || t instanceof jakarta.persistence.OptimisticLockException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("40") || state.equals("55P03") || state.equals("HYT00")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A statement cancelled by its timeout. */
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
}
