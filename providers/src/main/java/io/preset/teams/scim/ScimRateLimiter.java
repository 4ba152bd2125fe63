package io.preset.teams.scim;

import io.preset.teams.scim.protocol.ScimException;
import io.preset.teams.team.TeamEntity;
import org.jboss.logging.Logger;
import org.keycloak.models.RealmModel;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Per-team SCIM rate limit: a token bucket per team, in memory, <b>per Keycloak node</b> (a cluster of
 * n nodes admits up to n times the limit). The bucket holds one minute's worth of requests and refills
 * continuously; an empty bucket answers 429 with an integer {@code Retry-After}.
 *
 * <p>The limit in requests per minute comes from, first match wins:
 * <ol>
 *   <li>realm attribute {@value #REALM_ATTRIBUTE_PREFIX}{@code <teamSlug>} (read per request, so an operator
 *       can raise or lower one team's limit at runtime);</li>
 *   <li>the SPI option {@code --spi-realm-restapi-extension--teams--rate-limit-per-minute};</li>
 *   <li>{@value #DEFAULT_PER_MINUTE}.</li>
 * </ol>
 * A limit of 0 or less disables limiting for that team.
 */
public final class ScimRateLimiter {

    public static final int DEFAULT_PER_MINUTE = 600;
    public static final String SPI_OPTION = "rate-limit-per-minute";
    public static final String REALM_ATTRIBUTE_PREFIX = "preset.teams.scim.rateLimitPerMinute.";

    private static final Logger LOG = Logger.getLogger(ScimRateLimiter.class);
    private static final ConcurrentMap<String, Bucket> BUCKETS = new ConcurrentHashMap<>();
    private static volatile int defaultPerMinute = DEFAULT_PER_MINUTE;

    private ScimRateLimiter() {
    }

    static void configure(int perMinute) {
        defaultPerMinute = perMinute;
        LOG.debugf("SCIM rate limit: %d requests per minute per team per node by default", perMinute);
    }

    /** Takes one request from the team's bucket or throws 429. */
    public static void acquire(RealmModel realm, TeamEntity team) {
        int limit = limit(realm, team.getSlug());
        if (limit <= 0) {
            return;
        }
        String key = realm.getId() + "/" + team.getId();
        Bucket bucket = BUCKETS.compute(key, (k, b) -> b == null || b.limit != limit ? new Bucket(limit) : b);
        long retryAfter = bucket.take(System.nanoTime());
        if (retryAfter > 0) {
            LOG.debugf("SCIM rate limit of team %s (%d/min) reached; Retry-After %d s", team.getSlug(), limit, retryAfter);
            throw ScimException.tooManyRequests("Too many requests for team '" + team.getSlug() + "': at most " + limit
                    + " per minute; retry after " + retryAfter + " s", retryAfter);
        }
    }

    static int limit(RealmModel realm, String slug) {
        String value = realm.getAttribute(REALM_ATTRIBUTE_PREFIX + slug);
        if (value != null && !value.isBlank()) {
            try {
                return Integer.parseInt(value.strip());
            } catch (NumberFormatException e) {
                LOG.warnf("Ignoring realm attribute %s%s: '%s' is not an integer", REALM_ATTRIBUTE_PREFIX, slug, value);
            }
        }
        return defaultPerMinute;
    }

    /** Holds up to {@code limit} requests, refilled at {@code limit} per minute. */
    static final class Bucket {
        private final int limit;
        private final double perNano;
        private double tokens;
        private long last;

        Bucket(int limit) {
            this.limit = limit;
            this.perNano = limit / 60e9;
            this.tokens = limit;
            this.last = System.nanoTime();
        }

        /** 0 when a request may pass, else the whole seconds until one token is back (at least 1). */
        synchronized long take(long now) {
            tokens = Math.min(limit, tokens + (now - last) * perNano);
            last = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            double seconds = (1 - tokens) / (perNano * 1e9);
            return Math.max(1, (long) Math.ceil(seconds));
        }
    }
}
