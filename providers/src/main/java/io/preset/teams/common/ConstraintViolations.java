package io.preset.teams.common;

import java.sql.SQLException;

/** Recognises a unique or foreign-key violation (SQLState class 23) anywhere in a cause chain. */
public final class ConstraintViolations {

    private ConstraintViolations() {
    }

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
}
