package io.preset.teams.it.support;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/** A JDBC connection to the PostgreSQL database that LocalKeycloak created for this run (recorded in its state file). */
public final class RunDatabase {

    private RunDatabase() {
    }

    /** {@code workDir} holds {@code kc-run-postgres.state}; fails when the run is not on PostgreSQL. */
    public static Connection connectPostgres(Path workDir) {
        Properties state = new Properties();
        try (Reader r = Files.newBufferedReader(workDir.resolve("kc-run-postgres.state"))) {
            state.load(r);
        } catch (IOException e) {
            throw new IllegalStateException("no kc-run-postgres.state in " + workDir + " (needs kc.db=postgres)", e);
        }
        String db = state.getProperty("pgDatabase");
        Properties props = new Properties();
        props.setProperty("user", System.getProperty("kc.pg.user", "postgres"));
        props.setProperty("password", System.getProperty("kc.pg.password", "postgres"));
        try {
            return DriverManager.getConnection("jdbc:postgresql://" + System.getProperty("kc.pg.host", "127.0.0.1")
                    + ":" + Integer.getInteger("kc.pg.port", 5432) + "/" + db, props);
        } catch (SQLException e) {
            throw new IllegalStateException("connecting to " + db, e);
        }
    }
}
