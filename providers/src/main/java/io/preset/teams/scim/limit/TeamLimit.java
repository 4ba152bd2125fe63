package io.preset.teams.scim.limit;

import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.models.RealmModel;

/**
 * One per-team SCIM limit: a default for all teams (SPI option of the {@code teams} realm resource, e.g.
 * {@code --spi-realm-restapi-extension--teams--rate-limit-per-minute}) and a per-team override, the realm
 * attribute {@code <prefix><teamSlug>}, read per request so that an operator can change one team's limit at
 * runtime. A value of 0 or less means no limit.
 */
final class TeamLimit {

    private static final Logger LOG = Logger.getLogger(TeamLimit.class);

    private final String option;
    private final String attributePrefix;
    private final int builtIn;
    private volatile int fallback;

    TeamLimit(String option, String attributePrefix, int builtIn) {
        this.option = option;
        this.attributePrefix = attributePrefix;
        this.builtIn = builtIn;
        this.fallback = builtIn;
    }

    void configure(Config.Scope config) {
        fallback = config.getInt(option, builtIn);
        LOG.debugf("SCIM limit %s: %d per team by default", option, fallback);
    }

    int of(RealmModel realm, String slug) {
        String value = realm.getAttribute(attributePrefix + slug);
        if (value != null && !value.isBlank()) {
            try {
                return Integer.parseInt(value.strip());
            } catch (NumberFormatException e) {
                LOG.warnf("Ignoring realm attribute %s%s: '%s' is not an integer", attributePrefix, slug, value);
            }
        }
        return fallback;
    }
}
