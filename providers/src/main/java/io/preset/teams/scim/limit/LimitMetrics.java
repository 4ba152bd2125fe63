package io.preset.teams.scim.limit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;

/**
 * {@code preset_scim_rate_limit_check_seconds} (what taking from a team's bucket in the database costs a request on
 * this node) and {@code preset_scim_throttled_total{limit}} (429s answered by this node, by the limit that was met:
 * {@code rate}, {@code requests}, {@code lists}), in Micrometer's global registry, which Keycloak exposes on
 * {@code /metrics}. A rising count means a team's client (an Entra job may be quarantined after many) needs a
 * higher limit.
 */
final class LimitMetrics {

    static final Timer CHECK = Timer.builder("preset.scim.rate.limit.check")
            .description("Taking one request from a team's SCIM budget in the database")
            .register(Metrics.globalRegistry);

    private static final Counter RATE = throttled("rate");
    private static final Counter REQUESTS = throttled("requests");
    private static final Counter LISTS = throttled("lists");

    private LimitMetrics() {
    }

    static void throttledByRate() {
        RATE.increment();
    }

    static void throttledByCap(boolean list) {
        (list ? LISTS : REQUESTS).increment();
    }

    private static Counter throttled(String limit) {
        return Counter.builder("preset.scim.throttled")
                .description("SCIM requests answered 429 by this node, by the limit they met")
                .tag("limit", limit)
                .register(Metrics.globalRegistry);
    }
}
