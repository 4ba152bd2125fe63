package io.preset.teams.bench;

import io.preset.teams.it.support.RunDatabase;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Seeds users straight into the database of the running Keycloak (PostgreSQL, or H2 through its automatic server)
 * with set-based SQL (a series of numbers, one row per user), in the
 * shape our SCIM create leaves behind: Keycloak's USER_ENTITY row, our PRESET_SCIM_USER account, and the
 * PRESET_TEAM_MEMBER row with the team's own view (userName spelling, profile document) and its filter-index rows. Only brand-new rows are inserted, so no cache of the
 * running server holds a stale copy of them. User {@code i} has id {@link #userId(int)} and userName
 * {@link #userName(int)}.
 */
final class Seeder implements AutoCloseable {

    private final Connection c;
    /** H2 spells a few things differently (series, md5, uuid, analyze); the rest of the SQL is common to both. */
    private final boolean h2;

    private Seeder(Connection c, boolean h2) {
        this.c = c;
        this.h2 = h2;
    }

    /** Connects to the database that LocalKeycloak created for this run ({@code db}: postgres or h2). */
    static Seeder connect(Path workDir, String db) {
        return db.equals("postgres") ? new Seeder(RunDatabase.connectPostgres(workDir), false)
                : new Seeder(RunDatabase.connectH2(workDir), true);
    }

    /** Rows {@code i} = from..to. */
    private String series(int from, int to) {
        return h2 ? " from (select x as i from system_range(" + from + ", " + to + ")) s"
                : " from generate_series(" + from + ", " + to + ") i";
    }

    private String md5(String expr) {
        return h2 ? "lower(rawtohex(hash('MD5', " + expr + ")))" : "md5(" + expr + ")";
    }

    private String uuid() {
        return h2 ? "cast(random_uuid() as varchar)" : "cast(gen_random_uuid() as varchar)";
    }

    private void analyze(String table) {
        run(h2 ? "analyze table " + table : "vacuum analyze " + table);
    }

    static String userId(int i) {
        return String.format("00000000-0000-4000-8000-%012d", i);
    }

    static String userName(int i) {
        return String.format("bench-user-%07d@example.test", i);
    }

    String realmId(String realm) {
        return single("select id from realm where name = ?", realm);
    }

    String teamId(String slug) {
        return single("select id from preset_team where slug = ?", slug);
    }

    /** Users {@code from..to} (inclusive): Keycloak user, SCIM account + index, active member of the team. */
    void seedUsers(int from, int to, String realmId, String teamId) {
        seedUsersOf(from, to, realmId, "'" + teamId + "'");
    }

    /**
     * The rest of a Preset realm: {@code teams} other teams ({@code other-0001} ...) and users {@code from..to}
     * spread over them round-robin, in the same shape as {@link #seedUsers}.
     */
    void seedOtherTeams(int teams, int from, int to, String realmId) {
        run("insert into preset_team (id, realm_id, slug, title, created_at) select " + md5("'other-team' || i") + ", '"
                + realmId + "', 'other-' || lpad(cast(i as varchar), 4, '0'), 'Other ' || i, 0" + series(1, teams));
        seedUsersOf(from, to, realmId, md5("'other-team' || (1 + mod(i, " + teams + "))"));
    }

    /** {@code teamIdSql}: the team of user {@code i}, an SQL expression over {@code i} (or a quoted constant). */
    private void seedUsersOf(int from, int to, String realmId, String teamIdSql) {
        String ids = series(from, to);
        String id = "'00000000-0000-4000-8000-' || lpad(cast(i as varchar), 12, '0')";
        String name = "'bench-user-' || lpad(cast(i as varchar), 7, '0') || '@example.test'";
        long now = System.currentTimeMillis() - 86_400_000L; // a day ago, so every seeded row sorts before new ones
        run("insert into user_entity (id, email, email_constraint, email_verified, enabled, realm_id, username,"
                + " first_name, last_name, created_timestamp, not_before)"
                + " select " + id + ", " + name + ", " + name + ", true, true, '" + realmId + "', " + name
                + ", 'Given' || i, 'Family' || i, " + now + " + i, 0" + ids);
        String memberId = md5(teamIdSql + " || i");
        String profile = "'{\"name\":{\"givenName\":\"Given' || i || '\",\"familyName\":\"Family' || i || '\"},"
                + "\"emails\":[{\"primary\":true,\"value\":\"' || " + name + " || '\",\"type\":\"work\"}],"
                + "\"displayName\":\"Given' || i || ' Family' || i || '\"}'";
        run("insert into preset_scim_user (user_id, realm_id, user_name, owner_team_id, created_by_scim)"
                + " select " + id + ", '" + realmId + "', " + name + ", " + teamIdSql + ", true" + ids);
        // the team's own view of each user: its userName spelling, profile and display name on the membership
        run("insert into preset_team_member (id, team_id, realm_id, user_id, active, team_role, external_id, user_name,"
                + " user_name_norm, profile, display_name, pending, requested_active, created_at, last_modified, version)"
                + " select " + memberId + ", " + teamIdSql + ", '" + realmId + "', " + id + ", true, 'User', '00u' || i, "
                + name + ", lower(" + name + "), " + profile + ", lower('Given' || i || ' Family' || i), false, true, "
                + now + " + i, " + now + " + i, 0" + ids);
        String[][] values = {
                {"name", "givenName", "lower('Given' || i)"},
                {"name", "familyName", "lower('Family' || i)"},
                {"emails", "primary", "'true'"},
                {"emails", "value", name},
                {"emails", "type", "'work'"},
                {"displayName", "-", "lower('Given' || i || ' Family' || i)"}};
        for (String[] v : values) {
            run("insert into preset_scim_user_value (id, user_id, member_id, attr, idx, sub, value_norm)"
                    + " select " + uuid() + ", " + id + ", " + memberId + ", '" + v[0] + "', 0, '" + v[1] + "', "
                    + v[2] + ids);
        }
    }

    /** Users {@code from..to} become direct members of the Keycloak group. */
    void seedGroupMembers(String groupId, int from, int to) {
        boolean typed = single("select cast(count(*) as varchar) from information_schema.columns"
                + " where upper(table_name) = 'USER_GROUP_MEMBERSHIP' and upper(column_name) = 'MEMBERSHIP_TYPE'", null)
                .equals("1");
        run("insert into user_group_membership (group_id, user_id" + (typed ? ", membership_type" : "") + ") select '"
                + groupId + "', '00000000-0000-4000-8000-' || lpad(cast(i as varchar), 12, '0')"
                + (typed ? ", 'UNMANAGED'" : "") + series(from, to));
    }

    /**
     * The forward state of every member of the team, as if the target had been told of each already: their direct
     * team role, no workspace roles, keyed by email (the userName of a seeded user). Enabling forwarding then
     * enqueues nothing for them; a later role change is one call per member.
     */
    void seedForwardState(String realmId, String teamId) {
        run("insert into preset_forward_state (id, realm_id, team_id, user_id, remote_key, team_role, workspace_roles, last_seq)"
                + " select " + md5("'fwd' || m.id") + ", '" + realmId + "', m.team_id, m.user_id, u.email, m.team_role, '', 0"
                + " from preset_team_member m join user_entity u on u.id = m.user_id where m.team_id = '" + teamId + "'");
        analyze("preset_forward_state");
    }

    /** The team's outbox rows by state. */
    java.util.Map<String, Long> outboxStates(String teamId) {
        java.util.Map<String, Long> out = new java.util.TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement("select state, count(*) from preset_forward_outbox where team_id = ?"
                + " group by state")) {
            ps.setString(1, teamId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getLong(2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        return out;
    }

    /** The ids of the team's outbox rows per remote key (the user's email), each user's in seq order. */
    java.util.Map<String, java.util.List<String>> outboxRowIdsBySeq(String teamId) {
        java.util.Map<String, java.util.List<String>> out = new java.util.HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("select s.remote_key, o.id from preset_forward_outbox o"
                + " join preset_forward_state s on s.team_id = o.team_id and s.user_id = o.user_id"
                + " where o.team_id = ? order by o.user_id, o.seq")) {
            ps.setString(1, teamId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getString(1), k -> new java.util.ArrayList<>()).add(rs.getString(2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        return out;
    }

    /**
     * Fresh planner statistics and visibility maps, as autovacuum would have them on a production database: without
     * the VACUUM, freshly bulk-inserted rows have no visibility map, so an index-only scan (a page query skipping
     * index entries) checks every entry against the table.
     */
    void analyze() {
        for (String t : new String[] {"user_entity", "user_group_membership", "preset_scim_user", "preset_scim_user_value",
                "preset_team_member", "preset_team"}) {
            analyze(t);
        }
    }

    private void run(String sql) {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    private String single(String sql, String param) {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (param != null) {
                ps.setString(1, param);
            }
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("no row for " + sql + " [" + param + "]");
                }
                return rs.getString(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            c.close();
        } catch (SQLException ignored) {
            // best effort
        }
    }
}
