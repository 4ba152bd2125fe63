package io.preset.teams.forward;

import io.preset.teams.testdb.FreshPostgres;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The dispatcher's queries on a real database (H2): which rows are due, and that a claim is won once. */
class OutboxQueriesTest {

    private static final long NOW = 1_000_000L;
    private static SessionFactory sessions;

    @BeforeAll
    static void database() {
        sessions = new Configuration()
                .setProperty("hibernate.connection.url", "jdbc:h2:mem:outbox;DB_CLOSE_DELAY=-1")
                .setProperty("hibernate.connection.username", "sa")
                .setProperty("hibernate.connection.password", "")
                .setProperty("hibernate.hbm2ddl.auto", "create-drop")
                .addAnnotatedClass(OutboxEntity.class)
                .buildSessionFactory();
        sessions.inTransaction(s -> {
            // u1: a dead row blocks its later row
            s.persist(row("u1-1", "t1", "u1", 1, OutboxEntity.DEAD, null, null));
            s.persist(row("u1-2", "t1", "u1", 2, OutboxEntity.PENDING, NOW - 10, null));
            // u2: sent rows do not block; the next one is due
            s.persist(row("u2-1", "t1", "u2", 1, OutboxEntity.SENT, null, null));
            s.persist(row("u2-2", "t1", "u2", 2, OutboxEntity.PENDING, NOW - 5, null));
            s.persist(row("u2-3", "t1", "u2", 3, OutboxEntity.PENDING, NOW - 5, null));
            // u3: backing off
            s.persist(row("u3-1", "t1", "u3", 1, OutboxEntity.PENDING, NOW + 500, null));
            // u4: its sender died, the lease ran out; u5: still being sent
            s.persist(row("u4-1", "t1", "u4", 1, OutboxEntity.IN_FLIGHT, NOW - 100, NOW - 1));
            s.persist(row("u5-1", "t1", "u5", 1, OutboxEntity.IN_FLIGHT, NOW - 100, NOW + 1000));
            s.persist(row("u5-2", "t1", "u5", 2, OutboxEntity.PENDING, NOW - 100, null));
            // another team whose forwarding is not enabled
            s.persist(row("x-1", "t2", "u1", 1, OutboxEntity.PENDING, NOW - 100, null));
        });
    }

    @AfterAll
    static void close() {
        sessions.close();
    }

    private static OutboxEntity row(String id, String team, String user, long seq, String state, Long next, Long lease) {
        OutboxEntity row = new OutboxEntity();
        row.setId(id);
        row.setRealmId("r");
        row.setTeamId(team);
        row.setUserId(user);
        row.setSeq(seq);
        row.setMethod("PUT");
        row.setPath("/v1/x");
        row.setState(state);
        row.setCreatedAt(NOW - 1000 + seq);
        row.setNextAttemptAt(next);
        row.setLeaseUntil(lease);
        return row;
    }

    @Test
    void dueRowsAreFirstInLineForTheirUserAndOfEnabledTeamsOnly() {
        // the lapsed lease first (a node died sending it), then the pending rows by due time
        assertEquals(List.of("u4-1", "u2-2"), due(List.of("t1"), 16));
        assertEquals(List.of("u4-1"), due(List.of("t1"), 1), "no more than asked for");
        // pending rows of both teams in due order: x-1 (due 100 ms ago) before u2-2 (5 ms ago)
        assertEquals(List.of("u4-1", "x-1", "u2-2"), due(List.of("t1", "t2"), 16));
    }

    private static List<String> due(List<String> teams, int max) {
        return sessions.fromTransaction(s -> new OutboxStore(s).due(teams, NOW, max).stream()
                .map(OutboxEntity::getId).toList());
    }

    @Test
    void aRowIsClaimedOnceUntilItsLeaseRunsOut() {
        // rows of their own team, so that the other tests do not depend on the order of the tests
        sessions.inTransaction(s -> {
            s.persist(row("c-1", "t3", "u1", 1, OutboxEntity.PENDING, NOW - 5, null));
            s.persist(row("c-2", "t3", "u2", 1, OutboxEntity.IN_FLIGHT, NOW - 5, NOW + 1000));
            s.persist(row("c-3", "t3", "u3", 1, OutboxEntity.PENDING, NOW + 500, null));
        });
        int first = claim("c-1", NOW, "a");
        int second = claim("c-1", NOW, "b");
        int afterLease = claim("c-1", NOW + 6000, "c");
        assertEquals(List.of(1, 0, 1), List.of(first, second, afterLease));
        assertEquals(0, claim("c-2", NOW, "d"), "a live lease is not taken over");
        assertEquals(0, claim("c-3", NOW, "e"), "a row backing off is not claimed");
        sessions.inTransaction(s -> assertEquals("c", s.find(OutboxEntity.class, "c-1").getLeaseOwner()));
    }

    @Test
    void countsByStateAndTeamsWithWork() {
        Map<String, Long> counts = sessions.fromTransaction(s -> s.createNamedQuery("presetOutbox.countByState", Object[].class)
                .getResultList().stream().collect(Collectors.toMap(r -> (String) r[0], r -> (Long) r[1])));
        assertEquals(1L, counts.get(OutboxEntity.DEAD));
        assertEquals(1L, counts.get(OutboxEntity.SENT));
        List<String> teams = sessions.fromTransaction(s -> s.createNamedQuery("presetOutbox.teamsWithWork", Object[].class)
                .getResultList().stream().map(r -> (String) r[1]).filter(t -> !t.equals("t3")).sorted().toList());
        assertEquals(List.of("t1", "t2"), teams);
    }

    /** The refresh after a bulk enqueue runs on PostgreSQL (an ANALYZE of the outbox) and is a no-op on H2. */
    @Test
    void statisticsRefreshRunsOnPostgresAndIsANoOpElsewhere() throws Exception {
        sessions.inTransaction(s -> new OutboxStore(s).refreshStatistics());
        FreshPostgres.run("preset_outbox_stats", (c, url) -> {
            try (SessionFactory pg = new Configuration()
                    .setProperty("hibernate.connection.url", url)
                    .setProperty("hibernate.connection.username", "postgres")
                    .setProperty("hibernate.connection.password", "")
                    .setProperty("hibernate.hbm2ddl.auto", "create-drop")
                    .setProperty("hibernate.connection.pool_size", "2")
                    .addAnnotatedClass(OutboxEntity.class)
                    .buildSessionFactory()) {
                pg.inTransaction(s -> s.persist(row("pg-1", "t1", "u1", 1, OutboxEntity.PENDING, NOW, null)));
                pg.inTransaction(s -> new OutboxStore(s).refreshStatistics());
                long analyzed = pg.fromTransaction(s -> ((Number) s.createNativeQuery("select count(*) from pg_stat_user_tables"
                        + " where relname = 'preset_forward_outbox' and last_analyze is not null", Long.class)
                        .getSingleResult()).longValue());
                assertEquals(1L, analyzed, "the outbox was analyzed");
            }
        });
    }

    private static int claim(String id, long now, String owner) {
        return sessions.fromTransaction(s -> s.createNamedQuery("presetOutbox.claim")
                .setParameter("id", id).setParameter("now", now)
                .setParameter("leaseUntil", now + 5000).setParameter("owner", owner).executeUpdate());
    }
}
