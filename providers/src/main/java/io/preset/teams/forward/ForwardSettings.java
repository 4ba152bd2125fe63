package io.preset.teams.forward;

import org.keycloak.Config;

/** The dispatcher's options ({@code --spi-preset-forwarder--default--<name>}). */
public record ForwardSettings(long pollIntervalMs, long backoffBaseMs, long backoffMaxMs, int maxAttempts,
                              long timeoutMs, long leaseMs) {

    public static final ForwardSettings DEFAULTS = new ForwardSettings(1000, 1000, 300_000, 10, 10_000, 60_000);

    public static ForwardSettings from(Config.Scope config) {
        ForwardSettings settings = new ForwardSettings(
                config.getLong("poll-interval-ms", DEFAULTS.pollIntervalMs()),
                config.getLong("backoff-base-ms", DEFAULTS.backoffBaseMs()),
                config.getLong("backoff-max-ms", DEFAULTS.backoffMaxMs()),
                config.getInt("max-attempts", DEFAULTS.maxAttempts()),
                config.getLong("timeout-ms", DEFAULTS.timeoutMs()),
                config.getLong("lease-ms", DEFAULTS.leaseMs()));
        settings.validate();
        return settings;
    }

    /** Refuses settings that cannot work, at start-up rather than at the first failure. */
    public void validate() {
        require(pollIntervalMs >= 10, "poll-interval-ms must be at least 10");
        require(backoffBaseMs >= 1, "backoff-base-ms must be at least 1");
        require(backoffMaxMs >= backoffBaseMs, "backoff-max-ms must be at least backoff-base-ms");
        require(maxAttempts >= 1, "max-attempts must be at least 1");
        require(timeoutMs >= 1, "timeout-ms must be at least 1");
        // a lease shorter than a call would let another node send the row while this one still waits
        require(leaseMs > timeoutMs * 2, "lease-ms must be more than twice timeout-ms (connect + response)");
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException("Invalid option of SPI preset-forwarder: " + message);
        }
    }
}
