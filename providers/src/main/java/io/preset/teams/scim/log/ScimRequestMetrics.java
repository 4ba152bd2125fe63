package io.preset.teams.scim.log;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * {@code preset_scim_requests_total{team,resource,method,status}} (SCIM requests answered by this node) and
 * {@code preset_scim_request_duration_seconds{resource,method}} (a histogram with fixed buckets), in Micrometer's
 * global registry, which Keycloak exposes on the management port's {@code /metrics}. Every label has a bounded set
 * of values (docs/admin-api.md, "Metrics"): {@code team} is the slug of an existing team, else {@code unknown} (a
 * slug in a URL is never a label by itself); {@code resource} one of {@code Users, Groups, discovery, other};
 * {@code method} one of GET, POST, PUT, PATCH, DELETE, else {@code other}; {@code status} one of {@link #STATUSES},
 * else its class ({@code 2xx} ... {@code 5xx}). The histogram has no team label: its buckets would multiply the series
 * of every team.
 */
final class ScimRequestMetrics {

    static final Set<Integer> STATUSES = Set.of(200, 201, 204, 400, 401, 403, 404, 405, 409, 412, 413, 415, 429, 500, 503);
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");
    private static final Duration[] BUCKETS = {
            Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
            Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
            Duration.ofSeconds(10)};
    private static final Counter.Builder DROPPED = Counter.builder("preset.scim.log.dropped")
            .description("Provisioning log rows of cheap refusals not written by this node (over the refusal budget)");

    private ScimRequestMetrics() {
    }

    static void record(String team, String resource, String method, int status, long nanos) {
        String m = METHODS.contains(method) ? method : "other";
        Counter.builder("preset.scim.requests")
                .description("SCIM requests answered by this node")
                .tag("team", team == null ? "unknown" : team)
                .tag("resource", resource)
                .tag("method", m)
                .tag("status", STATUSES.contains(status) ? Integer.toString(status) : (status / 100) + "xx")
                .register(Metrics.globalRegistry)
                .increment();
        Timer.builder("preset.scim.request.duration")
                .description("Time to answer a SCIM request on this node")
                .tag("resource", resource)
                .tag("method", m)
                .serviceLevelObjectives(BUCKETS)
                .register(Metrics.globalRegistry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    static void dropped() {
        DROPPED.register(Metrics.globalRegistry).increment();
    }
}
