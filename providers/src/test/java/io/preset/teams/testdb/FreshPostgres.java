package io.preset.teams.testdb;

import org.junit.jupiter.api.Assumptions;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** A fresh PostgreSQL database on 127.0.0.1:5432 (user postgres) for one test, dropped afterwards; the test is skipped where none answers. */
public final class FreshPostgres {

    public static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";

    /** The work of a test on its database. */
    public interface Work {
        void run(Connection c, String url) throws Exception;
    }

    private FreshPostgres() {
    }

    public static void run(String prefix, Work work) throws Exception {
        String db = prefix + "_" + System.currentTimeMillis();
        Connection admin;
        try {
            admin = DriverManager.getConnection(SERVER + "test", "postgres", "");
        } catch (SQLException e) {
            Assumptions.abort("no PostgreSQL at " + SERVER + ": " + e.getMessage());
            return;
        }
        try (admin) {
            exec(admin, "CREATE DATABASE " + db);
            try (Connection c = DriverManager.getConnection(SERVER + db, "postgres", "")) {
                work.run(c, SERVER + db);
            } finally {
                exec(admin, "DROP DATABASE " + db + " WITH (FORCE)");
            }
        }
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
