package io.preset.teams.scim.limit;

import io.preset.teams.common.Persistence;
import io.preset.teams.scim.protocol.ScimException;
import io.preset.teams.team.TeamEntity;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * The per-team SCIM rate limit, <b>one budget for the whole cluster</b>: a token bucket per team in the
 * database ({@link RateBucketStore}), taken in a short transaction of its own, so that the row lock is held for
 * one statement and not for the request, and a request that fails later still counts. The bucket holds one
 * minute's worth of requests and refills continuously; an empty bucket answers 429 with an integer
 * {@code Retry-After}.
 *
 * <p>So that a request seldom pays for the database, a node takes up to {@link #batch(int) a tenth of a
 * second's worth} of requests at once and admits them from memory until they are used up. Every admitted
 * request was taken from the shared bucket first, so the cluster admits no more than the budget, plus at most
 * one unused batch per node (taken before a limit was lowered, or left on a node the client stopped using).
 *
 * <p>Requests per minute: realm attribute {@value #REALM_ATTRIBUTE_PREFIX}{@code <teamSlug>}, else the SPI option
 * {@code --spi-realm-restapi-extension--teams--rate-limit-per-minute}, else {@value #DEFAULT_PER_MINUTE}
 * (docs/security.md, "Limits", says where the figure comes from). 0 or less: no limit, and no database access.
 */
public final class ScimRateLimiter {

    public static final int DEFAULT_PER_MINUTE = 3000;
    public static final String REALM_ATTRIBUTE_PREFIX = "preset.teams.scim.rateLimitPerMinute.";
    static final int MAX_BATCH = 20;

    private static final Logger LOG = Logger.getLogger(ScimRateLimiter.class);
    private static final TeamLimit PER_MINUTE = new TeamLimit("rate-limit-per-minute", REALM_ATTRIBUTE_PREFIX, DEFAULT_PER_MINUTE);
    /** Requests taken from a team's bucket by this node and not yet admitted. */
    private static final ConcurrentMap<String, int[]> ALLOWANCES = new ConcurrentHashMap<>();

    private ScimRateLimiter() {
    }

    public static void configure(Config.Scope config) {
        PER_MINUTE.configure(config);
    }

    /** Admits one request of the team or throws 429. */
    public static void acquire(KeycloakSession session, RealmModel realm, TeamEntity team) {
        int limit = PER_MINUTE.of(realm, team.getSlug());
        if (limit <= 0) {
            return;
        }
        int[] allowance = ALLOWANCES.computeIfAbsent(realm.getId() + "/" + team.getId(), k -> new int[1]);
        long retryAfter;
        // one taker per team and node at a time: the others wait for its batch instead of taking their own
        synchronized (allowance) {
            if (allowance[0] > 0) {
                allowance[0]--;
                return;
            }
            long start = System.nanoTime();
            RateBucketStore.Grant grant = take(session.getKeycloakSessionFactory(), team, limit);
            LimitMetrics.CHECK.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            if (grant.granted() > 0) {
                allowance[0] = grant.granted() - 1;
                return;
            }
            retryAfter = grant.retryAfter();
        }
        LimitMetrics.throttledByRate();
        LOG.debugf("SCIM rate limit of team %s (%d/min) reached; Retry-After %d s", team.getSlug(), limit, retryAfter);
        throw ScimException.tooManyRequests("Too many requests for team '" + team.getSlug() + "': at most " + limit
                + " per minute; retry after " + retryAfter + " s", retryAfter);
    }

    /** A tenth of a second's worth of the limit, 1 to {@value #MAX_BATCH}: exact for small limits. */
    static int batch(int perMinute) {
        return Math.max(1, Math.min(MAX_BATCH, perMinute / 600));
    }

    private static RateBucketStore.Grant take(KeycloakSessionFactory factory, TeamEntity team, int limit) {
        String teamId = team.getId();
        int want = batch(limit);
        for (int attempt = 1; ; attempt++) {
            long now = System.currentTimeMillis();
            try {
                return KeycloakModelUtils.runJobInTransactionWithResult(factory, s ->
                        RateBucketStore.take(s, teamId, limit, want, now));
            } catch (RuntimeException e) {
                if (attempt == 1 && Persistence.isConstraintViolation(e)) {
                    continue; // a concurrent first request of the team inserted the bucket: take from it
                }
                // the database did not answer (down, pool exhausted): let the request through rather than refuse it
                // for the server's own trouble; the per-node concurrency cap still bounds it
                LOG.warnf("SCIM rate limit of team %s not checked, request admitted: %s", team.getSlug(), e.toString());
                return new RateBucketStore.Grant(1, 0);
            }
        }
    }
}
