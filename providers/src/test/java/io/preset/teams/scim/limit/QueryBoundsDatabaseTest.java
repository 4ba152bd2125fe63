package io.preset.teams.scim.limit;

import io.preset.teams.common.Persistence;
import io.preset.teams.scim.protocol.ScimException;
import io.preset.teams.scim.user.ScimValueEntity;
import io.preset.teams.team.MemberEntity;
import io.preset.teams.team.TeamEntity;
import io.preset.teams.testdb.FreshPostgres;
import jakarta.persistence.PersistenceException;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.Configuration;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The statement timeout of a SCIM list on a real database (H2, and PostgreSQL where one answers): a query far
 * slower than the timeout is cancelled by the database when the time is up, the failure is recognised as a timeout
 * (the endpoint answers 503 with Retry-After), and on PostgreSQL no statement of it is left running afterwards.
 */
class QueryBoundsDatabaseTest {

    /** Three members of 2,000 cross-joined: eight billion rows, minutes of work without the timeout. */
    private static final String SLOW = "select count(a) from MemberEntity a, MemberEntity b, MemberEntity c"
            + " where a.team.id = :team and a.userNameNorm <> c.userNameNorm and b.userId <> c.userId";

    @Test
    void onH2() {
        try (SessionFactory sessions = boot("jdbc:h2:mem:querybounds;DB_CLOSE_DELAY=-1", "sa")) {
            seed(sessions, "system_range(1, 2000)", "x");
            aSlowQueryStopsAtItsTimeout(sessions);
        }
    }

    @Test
    void onPostgres() throws Exception {
        FreshPostgres.run("preset_querybounds", (c, url) -> {
            try (SessionFactory sessions = boot(url, "postgres")) {
                seed(sessions, "generate_series(1, 2000) as t(x)", "x");
                aSlowQueryStopsAtItsTimeout(sessions);
                // the planner settings hold inside the list's transaction only
                assertEquals(List.of("off", "force_custom_plan"), sessions.fromTransaction(s -> {
                    ListQueries.prepare(s);
                    return List.of(
                            (String) s.createNativeQuery("select current_setting('jit')", String.class).getSingleResult(),
                            (String) s.createNativeQuery("select current_setting('plan_cache_mode')", String.class)
                                    .getSingleResult());
                }));
                assertEquals("auto", sessions.fromTransaction(s -> (String) s.createNativeQuery(
                        "select current_setting('plan_cache_mode')", String.class).getSingleResult()));
                assertEquals(0, runningQueries(c, url.substring(url.lastIndexOf('/') + 1)));
            }
        });
    }

    private static void aSlowQueryStopsAtItsTimeout(SessionFactory sessions) {
        long start = System.nanoTime();
        PersistenceException e = assertThrows(PersistenceException.class, () -> sessions.inTransaction(s -> {
            ListQueries.prepare(s);
            ListQueries.ofSeconds(1).bound(s.createQuery(SLOW, Long.class)).setParameter("team", "t1")
                    .getSingleResult();
        }));
        double seconds = (System.nanoTime() - start) / 1e9;
        assertTrue(Persistence.isTimeout(e), () -> "not recognised as a timeout: " + e);
        assertTrue(seconds < 4, "the query ran " + seconds + " s with a timeout of 1 s");
        ScimException answer = ScimQueryLimits.busy();
        assertEquals(503, answer.status());
        assertTrue(answer.retryAfter() > 0);
        // a query that fits in its time is untouched by the bound
        long members = sessions.fromTransaction(s -> ListQueries.ofSeconds(1).bound(
                s.createQuery("select count(m) from MemberEntity m where m.team.id = :team", Long.class))
                .setParameter("team", "t1").getSingleResult());
        assertEquals(2000L, members);
    }

    private static SessionFactory boot(String url, String user) {
        Configuration cfg = new Configuration()
                .setProperty("hibernate.connection.url", url)
                .setProperty("hibernate.connection.username", user)
                .setProperty("hibernate.connection.password", "")
                .setProperty("hibernate.hbm2ddl.auto", "create-drop")
                .setProperty("hibernate.connection.pool_size", "2");
        for (Class<?> c : List.of(TeamEntity.class, MemberEntity.class, ScimValueEntity.class)) {
            cfg.addAnnotatedClass(c);
        }
        return cfg.buildSessionFactory();
    }

    /** Team t1 with 2,000 members, written by one set-based insert over {@code range} (column {@code x}). */
    private static void seed(SessionFactory sessions, String range, String x) {
        sessions.inTransaction(s -> {
            TeamEntity team = new TeamEntity();
            team.setId("t1");
            team.setRealmId("realm");
            team.setSlug("t1");
            team.setTitle("t1");
            s.persist(team);
        });
        sessions.inTransaction(s -> s.createNativeMutationQuery("insert into PRESET_TEAM_MEMBER (ID, TEAM_ID, REALM_ID,"
                + " USER_ID, ACTIVE, TEAM_ROLE, USER_NAME, USER_NAME_NORM, PENDING, REQUESTED_ACTIVE, CREATED_AT,"
                + " LAST_MODIFIED, VERSION) select concat('m', " + x + "), 't1', 'realm', concat('u', " + x + "), true,"
                + " 'User', concat('user', " + x + "), concat('user', " + x + "), false, false, 0, 0, 0 from " + range)
                .executeUpdate());
    }

    private static int runningQueries(Connection c, String db) throws Exception {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select count(*) from pg_stat_activity where datname = '" + db
                     + "' and state = 'active' and pid <> pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
