package io.preset.teams.scim.limit;

import io.preset.teams.testdb.FreshPostgres;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.Configuration;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The cluster-wide token bucket ({@link RateBucketStore}) on the schema of the changelog, on H2 and on PostgreSQL
 * (127.0.0.1:5432, a fresh database dropped afterwards; skipped where none answers): the budget, the refill,
 * the {@code Retry-After}, batches, exactly the budget admitted when many connections (as many nodes would) take at once,
 * and what one take costs, each in its own transaction (printed, and bounded generously).
 */
class RateBucketStoreTest {

    private static final String CHANGELOG = "META-INF/preset-teams-changelog.xml";
    private static final long T0 = 1_700_000_000_000L;

    @Test
    void onH2() throws Exception {
        String url = "jdbc:h2:mem:rate;DB_CLOSE_DELAY=-1";
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            bucketsHold(c, url, "sa");
        }
    }

    @Test
    void onPostgres() throws Exception {
        FreshPostgres.run("preset_rate", (c, url) -> bucketsHold(c, url, "postgres"));
    }

    private static void bucketsHold(Connection c, String url, String user) throws Exception {
        c.setAutoCommit(true);
        exec(c, "CREATE TABLE USER_ENTITY (ID VARCHAR(36) PRIMARY KEY, USERNAME VARCHAR(255))");
        new Liquibase(CHANGELOG, new ClassLoaderResourceAccessor(), new JdbcConnection(c)).update(new Contexts(), new LabelExpression());
        c.setAutoCommit(true); // Liquibase turned it off
        for (String team : List.of("small", "batched", "shared", "timed")) {
            exec(c, "INSERT INTO PRESET_TEAM VALUES ('" + team + "', 'r', '" + team + "', 'T', 0)");
        }
        try (SessionFactory sessions = new Configuration()
                .setProperty("hibernate.connection.url", url)
                .setProperty("hibernate.connection.username", user)
                .setProperty("hibernate.connection.password", "")
                .setProperty("hibernate.connection.pool_size", "10")
                .buildSessionFactory()) {
            budgetRefillAndRetryAfter(sessions);
            batchesThenSingles(sessions);
            concurrentTakersGetExactlyTheBudget(sessions);
            costOfOneTake(sessions, url);
        }
        exec(c, "DELETE FROM PRESET_TEAM WHERE ID = 'small'");
        assertEquals(0, count(c, "SELECT count(*) FROM PRESET_SCIM_RATE WHERE TEAM_ID = 'small'"), "the bucket goes with its team");
    }

    private static void budgetRefillAndRetryAfter(SessionFactory sessions) {
        // 6 per minute: a bucket of 6, one back every 10 s
        List<Long> first = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            first.add(take(sessions, "small", 6, T0));
        }
        assertEquals(List.of(0L, 0L, 0L, 0L, 0L, 0L, 10L), first, "six pass, the seventh waits 10 s");
        assertEquals(7L, take(sessions, "small", 6, T0 + 3_000), "3 s later: 7 s to go (rounded up)");
        assertEquals(10L, take(sessions, "small", 6, T0 - 20_000), "a node whose clock is behind refills nothing");
        assertEquals(0L, take(sessions, "small", 6, T0 + 10_010), "10 s later one passes");
        assertEquals(10L, take(sessions, "small", 6, T0 + 10_010), "and the next waits 10 s again");
        // a long pause refills up to one minute's worth, not more
        List<Long> later = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            later.add(take(sessions, "small", 6, T0 + 3_600_000));
        }
        assertEquals(List.of(0L, 0L, 0L, 0L, 0L, 0L, 10L), later);
        // a raised limit counts at once: the cap and the refill rate are those of the request
        assertEquals(0L, take(sessions, "small", 600, T0 + 3_600_100), "600/min refill one request in 100 ms");
    }

    /** A node takes a batch while there is one, then what is left, one at a time. */
    private static void batchesThenSingles(SessionFactory sessions) {
        assertEquals(new RateBucketStore.Grant(5, 0), take(sessions, "batched", 12, 5, T0), "a first batch from a full bucket of 12");
        assertEquals(new RateBucketStore.Grant(5, 0), take(sessions, "batched", 12, 5, T0));
        assertEquals(new RateBucketStore.Grant(1, 0), take(sessions, "batched", 12, 5, T0), "two left: one of them");
        assertEquals(new RateBucketStore.Grant(1, 0), take(sessions, "batched", 12, 5, T0));
        assertEquals(new RateBucketStore.Grant(0, 5), take(sessions, "batched", 12, 5, T0), "empty: one is back in 5 s");
        assertEquals(1, ScimRateLimiter.batch(60));
        assertEquals(5, ScimRateLimiter.batch(ScimRateLimiter.DEFAULT_PER_MINUTE));
        assertEquals(ScimRateLimiter.MAX_BATCH, ScimRateLimiter.batch(1_000_000));
    }

    /** 8 connections, 400 takes at one instant (no refill) on a bucket of 100: exactly 100 pass. */
    private static void concurrentTakersGetExactlyTheBudget(SessionFactory sessions) throws Exception {
        assertEquals(0L, take(sessions, "shared", 100, T0));
        AtomicInteger admitted = new AtomicInteger(1);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> all = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                all.add(pool.submit(() -> {
                    for (int i = 0; i < 50; i++) {
                        if (take(sessions, "shared", 100, T0) == 0) {
                            admitted.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : all) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(100, admitted.get(), "admitted of a budget of 100");
    }

    private static void costOfOneTake(SessionFactory sessions, String url) {
        int n = 2000;
        long[] micros = new long[n];
        for (int i = 0; i < n; i++) {
            long start = System.nanoTime();
            take(sessions, "timed", 1_000_000, T0 + i);
            micros[i] = (System.nanoTime() - start) / 1000;
        }
        Arrays.sort(micros);
        long p50 = micros[n / 2];
        long p99 = micros[n * 99 / 100];
        System.out.printf("[rate] %s: one take in its own transaction: p50 %d us, p99 %d us (%d takes)%n", url, p50, p99, n);
        assertTrue(p50 < 20_000, () -> "p50 of a take: " + p50 + " us");
    }

    /** One request: 0 when it passes, else the Retry-After. */
    private static long take(SessionFactory sessions, String team, int perMinute, long now) {
        RateBucketStore.Grant grant = take(sessions, team, perMinute, 1, now);
        return grant.granted() == 1 ? 0 : grant.retryAfter();
    }

    private static RateBucketStore.Grant take(SessionFactory sessions, String team, int perMinute, int want, long now) {
        return sessions.fromTransaction(s -> RateBucketStore.take(s, team, perMinute, want, now));
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
