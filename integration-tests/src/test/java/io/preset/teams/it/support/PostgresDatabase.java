package io.preset.teams.it.support;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Creates and drops a throw-away database on the local PostgreSQL (127.0.0.1:5432, user postgres, trust auth).
 * Host, port and user can be overridden with system properties {@code kc.pg.host}, {@code kc.pg.port},
 * {@code kc.pg.user} and {@code kc.pg.password}.
 */
final class PostgresDatabase {

    private static final String PREFIX = "preset_it_";
    private static final Pattern SAFE_NAME = Pattern.compile("[a-z0-9_]+");

    final String host = System.getProperty("kc.pg.host", "127.0.0.1");
    final int port = Integer.getInteger("kc.pg.port", 5432);
    final String user = System.getProperty("kc.pg.user", "postgres");
    /** trust auth ignores it, but Keycloak insists on a value */
    final String password = System.getProperty("kc.pg.password", "postgres");
    final String name;

    private PostgresDatabase(String name) {
        if (!SAFE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("unsafe database name " + name);
        }
        this.name = name;
    }

    static PostgresDatabase named(String name) {
        return new PostgresDatabase(name);
    }

    static PostgresDatabase createFresh() {
        long now = System.currentTimeMillis();
        PostgresDatabase db = new PostgresDatabase(PREFIX + now);
        db.dropAbandoned(now - Duration.ofDays(1).toMillis());
        db.exec("CREATE DATABASE " + db.name + " ENCODING 'UTF8' TEMPLATE template0");
        return db;
    }

    /**
     * Drops {@code preset_it_<millis>} databases created before {@code olderThanMillis}: leftovers of runs whose JVM
     * was killed and whose target/ was cleaned since (younger ones may belong to a concurrent run).
     */
    private void dropAbandoned(long olderThanMillis) {
        List<String> old = new ArrayList<>();
        try (Connection c = connect();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT datname FROM pg_database WHERE datname LIKE 'preset\\_it\\_%'")) {
            while (rs.next()) {
                String n = rs.getString(1);
                String suffix = n.substring(PREFIX.length());
                if (suffix.matches("[0-9]{13}") && Long.parseLong(suffix) < olderThanMillis) {
                    old.add(n);
                }
            }
        } catch (SQLException e) {
            return; // the CREATE right after reports connection problems properly
        }
        for (String n : old) {
            System.err.println("[it] dropping abandoned database " + n);
            named(n).dropQuietly();
        }
    }

    String jdbcUrl() {
        return jdbcUrl(name);
    }

    private String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    /** DROP DATABASE IF EXISTS ... WITH (FORCE); never throws. */
    void dropQuietly() {
        try {
            exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (RuntimeException e) {
            System.err.println("[it] could not drop database " + name + ": " + e.getMessage());
        }
    }

    private Connection connect() throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", password);
        props.setProperty("connectTimeout", "10");
        return DriverManager.getConnection(jdbcUrl("postgres"), props);
    }

    private void exec(String sql) {
        try (Connection c = connect();
             Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " on " + jdbcUrl("postgres") + " failed: " + e.getMessage()
                    + " (is PostgreSQL running? .ci/run starts it)", e);
        }
    }

    @Override
    public String toString() {
        return jdbcUrl();
    }
}
