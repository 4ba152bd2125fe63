package io.preset.teams.scim.limit;

import io.preset.teams.common.ConstraintViolations;
import io.preset.teams.scim.protocol.ScimException;
import io.preset.teams.team.TeamEntity;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * The per-team SCIM rate limit, <b>one budget for the whole cluster</b>: a token bucket per team in the
 * database ({@link RateBuckets}), taken in a short transaction of its own, so that the row lock is held for
 * one statement and not for the request, and a request that fails later still counts. The bucket holds one
 * minute's worth of requests and refills continuously; an empty bucket answers 429 with an integer
 * {@code Retry-After}.
 *
 * <p>Requests per minute: realm attribute {@value #REALM_ATTRIBUTE_PREFIX}{@code <teamSlug>}, else the SPI option
 * {@code --spi-realm-restapi-extension--teams--rate-limit-per-minute}, else {@value #DEFAULT_PER_MINUTE}
 * (docs/security.md, "Limits", says where the figure comes from). 0 or less: no limit, and no database access.
 */
public final class ScimRateLimiter {

    public static final int DEFAULT_PER_MINUTE = 3000;
    public static final String REALM_ATTRIBUTE_PREFIX = "preset.teams.scim.rateLimitPerMinute.";

    private static final Logger LOG = Logger.getLogger(ScimRateLimiter.class);
    private static final TeamLimit PER_MINUTE = new TeamLimit("rate-limit-per-minute", REALM_ATTRIBUTE_PREFIX, DEFAULT_PER_MINUTE);

    private ScimRateLimiter() {
    }

    public static void configure(Config.Scope config) {
        PER_MINUTE.configure(config);
    }

    /** Takes one request from the team's bucket or throws 429. */
    public static void acquire(KeycloakSession session, RealmModel realm, TeamEntity team) {
        int limit = PER_MINUTE.of(realm, team.getSlug());
        if (limit <= 0) {
            return;
        }
        long retryAfter = take(session.getKeycloakSessionFactory(), team, limit);
        if (retryAfter > 0) {
            LOG.debugf("SCIM rate limit of team %s (%d/min) reached; Retry-After %d s", team.getSlug(), limit, retryAfter);
            throw ScimException.tooManyRequests("Too many requests for team '" + team.getSlug() + "': at most " + limit
                    + " per minute; retry after " + retryAfter + " s", retryAfter);
        }
    }

    private static long take(KeycloakSessionFactory factory, TeamEntity team, int limit) {
        String teamId = team.getId();
        for (int attempt = 1; ; attempt++) {
            long now = System.currentTimeMillis();
            try {
                return KeycloakModelUtils.runJobInTransactionWithResult(factory, s ->
                        RateBuckets.take(s.getProvider(JpaConnectionProvider.class).getEntityManager(), teamId, limit, now));
            } catch (RuntimeException e) {
                if (attempt == 1 && ConstraintViolations.isConstraintViolation(e)) {
                    continue; // a concurrent first request of the team inserted the bucket: take from it
                }
                return admitted(team, e);
            }
        }
    }

    /**
     * The bucket could not be read (database unavailable, pool exhausted): the request is let through rather than
     * refused for the server's own trouble; the per-node concurrency cap still bounds it.
     */
    private static long admitted(TeamEntity team, RuntimeException e) {
        LOG.warnf("SCIM rate limit of team %s not checked, request admitted: %s", team.getSlug(), e.toString());
        return 0;
    }
}
