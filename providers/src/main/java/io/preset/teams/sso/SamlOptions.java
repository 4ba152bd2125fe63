package io.preset.teams.sso;

import io.preset.teams.common.Durations;
import org.jboss.logging.Logger;
import org.keycloak.Config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Options of the teams' SAML identity providers, read once at start from SPI {@code realm-restapi-extension},
 * provider {@code teams} ({@code --spi-realm-restapi-extension--teams--saml-…}).
 */
public final class SamlOptions {

    static final long DEFAULT_REFRESH_MS = TimeUnit.HOURS.toMillis(6);
    static final long DEFAULT_ROLLOVER_MS = TimeUnit.DAYS.toMillis(7);
    static final int DEFAULT_FETCH_TIMEOUT_MS = 10_000;
    private static final Logger LOG = Logger.getLogger(SamlOptions.class);

    private static volatile long refreshIntervalMs = DEFAULT_REFRESH_MS;
    private static volatile long rolloverMs = DEFAULT_ROLLOVER_MS;
    private static volatile int fetchTimeoutMs = DEFAULT_FETCH_TIMEOUT_MS;
    private static volatile Set<String> privateHosts = Set.of();

    private SamlOptions() {
    }

    public static void configure(Config.Scope config) {
        refreshIntervalMs = Math.max(1000, Durations.millis("saml-metadata-refresh-interval",
                config.get("saml-metadata-refresh-interval"), DEFAULT_REFRESH_MS));
        rolloverMs = Durations.millis("saml-certificate-rollover", config.get("saml-certificate-rollover"),
                DEFAULT_ROLLOVER_MS);
        fetchTimeoutMs = (int) Math.min(60_000, Durations.millis("saml-metadata-fetch-timeout",
                config.get("saml-metadata-fetch-timeout"), DEFAULT_FETCH_TIMEOUT_MS));
        String hosts = config.get("saml-metadata-private-hosts", "");
        privateHosts = Arrays.stream(hosts.split(",")).map(h -> h.strip().toLowerCase(Locale.ROOT))
                .filter(h -> !h.isEmpty()).collect(Collectors.toUnmodifiableSet());
        if (!privateHosts.isEmpty()) {
            LOG.warnf("SAML metadata may be fetched over http and from private addresses of %s "
                    + "(saml-metadata-private-hosts): for development and tests only", privateHosts);
        }
    }

    /** How often a metadata URL is fetched again in the background. */
    public static long refreshIntervalMs() {
        return refreshIntervalMs;
    }

    /** How long certificates replaced by new metadata or settings are still accepted. */
    public static long rolloverMs() {
        return rolloverMs;
    }

    static int fetchTimeoutMs() {
        return fetchTimeoutMs;
    }

    /**
     * Host names whose metadata may be fetched from loopback or private addresses, and over http. Empty in
     * production: a team's Admin must not make Keycloak call into its own network.
     */
    static Set<String> privateHosts() {
        return privateHosts;
    }
}
