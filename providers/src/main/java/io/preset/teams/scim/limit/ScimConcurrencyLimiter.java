package io.preset.teams.scim.limit;

import io.preset.teams.scim.protocol.ScimException;
import io.preset.teams.team.TeamEntity;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.models.RealmModel;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Caps the SCIM requests a team has in flight <b>on this node</b>, and, lower, its list requests
 * ({@code GET /Users}, {@code GET /Groups}), so that one team cannot hold all of a node's database connections
 * (each node has its own pool, so a per-node count is the one that protects it). Over a cap: 429 with
 * {@code Retry-After: 1}, which Okta and Entra both wait for before they retry.
 *
 * <p>Caps: realm attributes {@value #REQUESTS_ATTRIBUTE_PREFIX}{@code <slug>} and
 * {@value #LISTS_ATTRIBUTE_PREFIX}{@code <slug>}, else the SPI options {@code concurrent-requests} and
 * {@code concurrent-list-requests} of the {@code teams} realm resource, else {@value #DEFAULT_REQUESTS} and
 * {@value #DEFAULT_LISTS}. 0 or less: no cap.
 */
public final class ScimConcurrencyLimiter {

    public static final int DEFAULT_REQUESTS = 16;
    public static final int DEFAULT_LISTS = 8;
    public static final String REQUESTS_ATTRIBUTE_PREFIX = "preset.teams.scim.concurrentRequests.";
    public static final String LISTS_ATTRIBUTE_PREFIX = "preset.teams.scim.concurrentListRequests.";
    static final long RETRY_AFTER_SECONDS = 1;

    private static final Logger LOG = Logger.getLogger(ScimConcurrencyLimiter.class);
    private static final TeamLimit REQUESTS = new TeamLimit("concurrent-requests", REQUESTS_ATTRIBUTE_PREFIX, DEFAULT_REQUESTS);
    private static final TeamLimit LISTS = new TeamLimit("concurrent-list-requests", LISTS_ATTRIBUTE_PREFIX, DEFAULT_LISTS);
    private static final ConcurrentMap<String, AtomicInteger> IN_FLIGHT = new ConcurrentHashMap<>();
    private static final ConcurrentMap<String, AtomicInteger> LISTING = new ConcurrentHashMap<>();
    /** No permit: nothing to give back. */
    public static final Permit NONE = () -> { };

    /** Held for the length of a request; closing it more than once gives it back once. */
    public interface Permit extends AutoCloseable {
        @Override
        void close();
    }

    private ScimConcurrencyLimiter() {
    }

    public static void configure(Config.Scope config) {
        REQUESTS.configure(config);
        LISTS.configure(config);
    }

    /**
     * A permit for one request of the team, or 429 when the team has its cap in flight on this node. A list
     * request takes its list permit first, so that a refused list says which cap it met.
     */
    public static Permit acquire(RealmModel realm, TeamEntity team, boolean list) {
        String key = realm.getId() + "/" + team.getId();
        Permit listing = list ? take(LISTING, key, LISTS.of(realm, team.getSlug()), team, true) : NONE;
        try {
            Permit request = take(IN_FLIGHT, key, REQUESTS.of(realm, team.getSlug()), team, false);
            return list ? () -> {
                request.close();
                listing.close();
            } : request;
        } catch (RuntimeException e) {
            listing.close();
            throw e;
        }
    }

    private static Permit take(ConcurrentMap<String, AtomicInteger> counts, String key, int cap, TeamEntity team, boolean list) {
        if (cap <= 0) {
            return NONE;
        }
        AtomicInteger count = counts.computeIfAbsent(key, k -> new AtomicInteger());
        if (count.incrementAndGet() > cap) {
            count.decrementAndGet();
            LimitMetrics.throttledByCap(list);
            String what = list ? "list requests" : "requests";
            LOG.debugf("SCIM team %s has %d %s in flight on this node; refused", team.getSlug(), cap, what);
            throw ScimException.tooManyRequests("Too many concurrent " + what + " for team '" + team.getSlug()
                    + "': at most " + cap + " at a time; retry after " + RETRY_AFTER_SECONDS + " s", RETRY_AFTER_SECONDS);
        }
        AtomicBoolean open = new AtomicBoolean(true);
        return () -> {
            if (open.compareAndSet(true, false)) {
                count.decrementAndGet();
            }
        };
    }
}
