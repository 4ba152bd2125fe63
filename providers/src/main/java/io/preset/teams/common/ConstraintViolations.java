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
}
