package io.preset.teams.store;

import io.preset.teams.testdb.FreshPostgres;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The tenant-boundary changeSet on data written before it, on H2 and on PostgreSQL (127.0.0.1:5432, a fresh
 * database dropped afterwards; skipped where no PostgreSQL answers): every membership gets the userName the
 * account was provisioned with; only the team that created an account keeps the profile and the filter-index
 * rows it sent; other teams' views start empty; nothing becomes pending.
 */
class TenantBoundaryMigrationTest {

    private static final String CHANGELOG = "META-INF/preset-teams-changelog.xml";

    @Test
    void onH2() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:migration;DB_CLOSE_DELAY=-1", "sa", "")) {
            existingDataGetsTheOwnerItsHistoryImplies(c);
        }
    }

    @Test
    void onPostgres() throws Exception {
        FreshPostgres.run("preset_migration", (c, url) -> {
            existingDataGetsTheOwnerItsHistoryImplies(c);
            if (!c.getAutoCommit()) {
                c.rollback(); // the refused UPDATE above ended the transaction that Liquibase left open
            }
            // changeSet 8: the lookup index serves like 'prefix%' (sw) under any locale, the member index covers filters
            assertEquals(List.of("idx_preset_scim_value_lookup|CREATE INDEX idx_preset_scim_value_lookup ON "
                            + "public.preset_scim_user_value USING btree (attr, sub, value_norm varchar_pattern_ops)",
                    "idx_preset_scim_value_member|CREATE INDEX idx_preset_scim_value_member ON "
                            + "public.preset_scim_user_value USING btree (member_id, attr, sub, value_norm, idx)"),
                    rows(c, "SELECT indexname, indexdef FROM pg_indexes WHERE indexname IN ('idx_preset_scim_value_lookup',"
                            + " 'idx_preset_scim_value_member') ORDER BY indexname"));
        });
    }

    private static void existingDataGetsTheOwnerItsHistoryImplies(Connection c) throws Exception {
        c.setAutoCommit(true);
        exec(c, "CREATE TABLE USER_ENTITY (ID VARCHAR(36) PRIMARY KEY, USERNAME VARCHAR(255))");
        Liquibase liquibase = new Liquibase(CHANGELOG, new ClassLoaderResourceAccessor(), new JdbcConnection(c));
        liquibase.update(5, new Contexts(), new LabelExpression());

        exec(c, "INSERT INTO PRESET_TEAM VALUES ('acme', 'r', 'acme', 'Acme', 0)");
        exec(c, "INSERT INTO PRESET_TEAM VALUES ('globex', 'r', 'globex', 'Globex', 0)");
        exec(c, "INSERT INTO USER_ENTITY VALUES ('u1', 'ann@acme.test')");
        exec(c, "INSERT INTO USER_ENTITY VALUES ('u2', 'ops')");
        // u1: created by acme's SCIM, then joined globex; u2: made in the console, added by the admin API
        exec(c, "INSERT INTO PRESET_SCIM_USER (USER_ID, REALM_ID, USER_NAME, OWNER_TEAM_ID, CREATED_BY_SCIM, DISPLAY_NAME, PROFILE)"
                + " VALUES ('u1', 'r', 'Ann@Acme.test', 'acme', TRUE, 'ann lee', '{\"title\":\"CFO\",\"displayName\":\"Ann Lee\"}')");
        member(c, "m1", "acme", "u1");
        member(c, "m2", "globex", "u1");
        member(c, "m3", "acme", "u2");
        exec(c, "INSERT INTO PRESET_SCIM_USER_VALUE VALUES ('v1', 'u1', 'title', 0, '-', 'cfo')");
        exec(c, "INSERT INTO PRESET_SCIM_USER_VALUE VALUES ('v2', 'u1', 'displayName', 0, '-', 'ann lee')");

        liquibase.update(new Contexts(), new LabelExpression());

        assertEquals(List.of(
                "m1|Ann@Acme.test|ann@acme.test|{\"title\":\"CFO\",\"displayName\":\"Ann Lee\"}|ann lee|false",
                "m2|Ann@Acme.test|ann@acme.test|null|null|false",
                "m3|ops|ops|null|null|false"),
                rows(c, "SELECT ID, USER_NAME, USER_NAME_NORM, PROFILE, DISPLAY_NAME, PENDING FROM PRESET_TEAM_MEMBER ORDER BY ID"));
        assertEquals(List.of("v1|m1", "v2|m1"), rows(c, "SELECT ID, MEMBER_ID FROM PRESET_SCIM_USER_VALUE ORDER BY ID"));
        assertEquals(List.of("u1|acme"), rows(c, "SELECT USER_ID, OWNER_TEAM_ID FROM PRESET_SCIM_USER"));

        // the index rows now go with their membership, and a verified domain belongs to one team
        exec(c, "DELETE FROM PRESET_TEAM_MEMBER WHERE ID = 'm1'");
        assertEquals(List.of(), rows(c, "SELECT ID FROM PRESET_SCIM_USER_VALUE"));
        exec(c, "INSERT INTO PRESET_EMAIL_DOMAIN (ID, REALM_ID, TEAM_ID, DOMAIN, VERIFIED_DOMAIN, TOKEN, CREATED_AT)"
                + " VALUES ('d1', 'r', 'acme', 'acme.test', 'acme.test', 't', 0)");
        exec(c, "INSERT INTO PRESET_EMAIL_DOMAIN (ID, REALM_ID, TEAM_ID, DOMAIN, TOKEN, CREATED_AT)"
                + " VALUES ('d2', 'r', 'globex', 'acme.test', 't', 0)");
        assertThrows(SQLException.class, () -> exec(c, "UPDATE PRESET_EMAIL_DOMAIN SET VERIFIED_DOMAIN = DOMAIN WHERE ID = 'd2'"));
    }

    private static void member(Connection c, String id, String team, String user) throws SQLException {
        exec(c, "INSERT INTO PRESET_TEAM_MEMBER (ID, TEAM_ID, REALM_ID, USER_ID, ACTIVE, TEAM_ROLE, CREATED_AT, LAST_MODIFIED, VERSION)"
                + " VALUES ('" + id + "', '" + team + "', 'r', '" + user + "', TRUE, 'User', 0, 0, 1)");
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static List<String> rows(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    String value = rs.getString(i);
                    // booleans print as TRUE/FALSE on H2 and t/f on PostgreSQL
                    if (rs.getMetaData().getColumnType(i) == java.sql.Types.BOOLEAN || rs.getMetaData().getColumnType(i) == java.sql.Types.BIT) {
                        value = String.valueOf(rs.getBoolean(i));
                    }
                    row.append(i > 1 ? "|" : "").append(value);
                }
                out.add(row.toString());
            }
        }
        return out;
    }
}
