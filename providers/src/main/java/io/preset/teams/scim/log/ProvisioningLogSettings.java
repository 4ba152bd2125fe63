package io.preset.teams.scim.log;

import io.preset.teams.common.Durations;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.models.RealmModel;

import java.util.concurrent.TimeUnit;

/**
 * The provisioning log's limits. Defaults for all teams are options of the {@code teams} realm resource
 * ({@code --spi-realm-restapi-extension--teams--provisioning-log-<option>}); retention and size have a per-team
 * override, the realm attributes {@value #RETENTION_PREFIX}{@code <slug>} and {@value #MAX_ROWS_PREFIX}{@code <slug>},
 * read at each pruning round so that an operator changes them at runtime. Durations are a number with a unit
 * ({@code 90s}, {@code 15m}, {@code 12h}, {@code 30d}).
 */
public final class ProvisioningLogSettings {

    public static final String RETENTION_PREFIX = "preset.teams.scim.log.retention.";
    public static final String MAX_ROWS_PREFIX = "preset.teams.scim.log.maxRows.";
    static final long DEFAULT_RETENTION_MS = TimeUnit.DAYS.toMillis(30);
    static final int DEFAULT_MAX_ROWS = 100_000;
    static final long DEFAULT_PRUNE_INTERVAL_MS = TimeUnit.MINUTES.toMillis(10);
    static final int DEFAULT_REFUSALS_PER_MINUTE = 60;

    private static final Logger LOG = Logger.getLogger(ProvisioningLogSettings.class);

    private static volatile long retentionMs = DEFAULT_RETENTION_MS;
    private static volatile int maxRows = DEFAULT_MAX_ROWS;
    private static volatile long pruneIntervalMs = DEFAULT_PRUNE_INTERVAL_MS;
    private static volatile int refusalsPerMinute = DEFAULT_REFUSALS_PER_MINUTE;

    private ProvisioningLogSettings() {
    }

    public static void configure(Config.Scope config) {
        retentionMs = duration("provisioning-log-retention", config.get("provisioning-log-retention"), DEFAULT_RETENTION_MS);
        maxRows = config.getInt("provisioning-log-max-rows", DEFAULT_MAX_ROWS);
        pruneIntervalMs = Math.max(1000, duration("provisioning-log-prune-interval",
                config.get("provisioning-log-prune-interval"), DEFAULT_PRUNE_INTERVAL_MS));
        refusalsPerMinute = config.getInt("provisioning-log-refusals-per-minute", DEFAULT_REFUSALS_PER_MINUTE);
        LOG.debugf("Provisioning log: retention %d ms, at most %d rows per team, pruned every %d ms, %d refusals per team"
                + " and minute", retentionMs, maxRows, pruneIntervalMs, refusalsPerMinute);
    }

    static long retentionMs(RealmModel realm, String slug) {
        String value = realm.getAttribute(RETENTION_PREFIX + slug);
        return value == null || value.isBlank() ? retentionMs : duration(RETENTION_PREFIX + slug, value, retentionMs);
    }

    static int maxRows(RealmModel realm, String slug) {
        String value = realm.getAttribute(MAX_ROWS_PREFIX + slug);
        if (value != null && !value.isBlank()) {
            try {
                return Integer.parseInt(value.strip());
            } catch (NumberFormatException e) {
                LOG.warnf("Ignoring realm attribute %s%s: '%s' is not an integer", MAX_ROWS_PREFIX, slug, value);
            }
        }
        return maxRows;
    }

    static long pruneIntervalMs() {
        return pruneIntervalMs;
    }

    static int refusalsPerMinute() {
        return refusalsPerMinute;
    }

    static long duration(String name, String value, long fallback) {
        return Durations.millis(name, value, fallback);
    }
}
