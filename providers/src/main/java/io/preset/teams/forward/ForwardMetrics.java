package io.preset.teams.forward;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Metrics;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code preset_forward_outbox_rows{state}} (rows of every team on this database, as counted at the
 * dispatcher's last poll) and {@code preset_forward_calls_total{outcome}} (calls made by this node),
 * in Micrometer's global registry, which Keycloak exposes on {@code /metrics}.
 */
final class ForwardMetrics {

    // static: the registry keeps the first object a gauge was registered with
    private static final AtomicLong PENDING = new AtomicLong();
    private static final AtomicLong IN_FLIGHT = new AtomicLong();
    private static final AtomicLong DEAD = new AtomicLong();

    private final Counter sent;
    private final Counter retry;
    private final Counter dead;

    ForwardMetrics() {
        gauge(OutboxEntity.PENDING, PENDING);
        gauge(OutboxEntity.IN_FLIGHT, IN_FLIGHT);
        gauge(OutboxEntity.DEAD, DEAD);
        sent = counter("sent");
        retry = counter("retry");
        dead = counter("dead");
    }

    private static Counter counter(String outcome) {
        return Counter.builder("preset.forward.calls")
                .description("Forwarding calls made by this node, by outcome")
                .tag("outcome", outcome)
                .register(Metrics.globalRegistry);
    }

    private static void gauge(String state, AtomicLong value) {
        Gauge.builder("preset.forward.outbox.rows", value, AtomicLong::get)
                .description("Forwarding outbox rows by state")
                .tag("state", state)
                .register(Metrics.globalRegistry);
    }

    void rows(Map<String, Long> byState) {
        PENDING.set(byState.getOrDefault(OutboxEntity.PENDING, 0L));
        IN_FLIGHT.set(byState.getOrDefault(OutboxEntity.IN_FLIGHT, 0L));
        DEAD.set(byState.getOrDefault(OutboxEntity.DEAD, 0L));
    }

    void call(Outcome outcome) {
        switch (outcome) {
            case SENT -> sent.increment();
            case RETRY -> retry.increment();
            case DEAD -> dead.increment();
        }
    }
}
