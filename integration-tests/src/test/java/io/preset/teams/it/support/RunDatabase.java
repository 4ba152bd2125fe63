package io.preset.teams.it.support;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/** A JDBC connection to the database that LocalKeycloak created for this run. */
public final class RunDatabase {

    /** The credentials LocalKeycloak gives its H2 database on the command line, so that the bench's seeder knows them. */
    public static final String H2_USER = "sa";
    public static final String H2_PASSWORD = "password";

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

    /**
     * The H2 file of run {@code kc-run-h2} under {@code workDir}, beside the running Keycloak: only when that server
     * was started with {@code -Dkc.h2.auto.server=true} (the bench is), and with the H2 driver of Keycloak's own
     * version on the class path.
     */
    public static Connection connectH2(Path workDir) {
        Path file = workDir.resolve("kc-run-h2/data/h2/keycloakdb");
        try {
            return DriverManager.getConnection("jdbc:h2:file:" + file + ";AUTO_SERVER=TRUE;NON_KEYWORDS=VALUE",
                    H2_USER, H2_PASSWORD);
        } catch (SQLException e) {
            throw new IllegalStateException("connecting to " + file, e);
        }
    }
}
