package io.preset.teams.scim.limit;

import io.preset.teams.scim.filter.FilterCost;
import io.preset.teams.scim.protocol.ScimException;
import io.preset.teams.team.TeamEntity;
import org.keycloak.Config;
import org.keycloak.models.RealmModel;

/**
 * Bounds the database work of one SCIM list request: each of its queries runs with a statement timeout
 * ({@value #DEFAULT_TIMEOUT_SECONDS} s by default, applied by {@link ListQueries}), which cancels the statement in
 * the database when the time is up. A timeout answers {@code 503} with {@code Retry-After} ({@link #busy}, mapped by
 * the endpoint): the filter was within its budget ({@link FilterCost}), so the server was too busy to answer in time.
 *
 * <p>Timeout: the realm attribute {@value #TIMEOUT_ATTRIBUTE_PREFIX}{@code <slug>}, else the SPI option
 * {@code query-timeout-seconds} of the {@code teams} realm resource, else {@value #DEFAULT_TIMEOUT_SECONDS}; 0 or
 * less: none. The filter budget is the SPI option {@code filter-cost-budget}.
 */
public final class ScimQueryLimits {

    public static final int DEFAULT_TIMEOUT_SECONDS = 5;
    public static final String TIMEOUT_ATTRIBUTE_PREFIX = "preset.teams.scim.queryTimeoutSeconds.";

    private static final TeamLimit TIMEOUT = new TeamLimit("query-timeout-seconds", TIMEOUT_ATTRIBUTE_PREFIX,
            DEFAULT_TIMEOUT_SECONDS);

    private ScimQueryLimits() {
    }

    public static void configure(Config.Scope config) {
        TIMEOUT.configure(config);
        FilterCost.configure(config.getInt("filter-cost-budget", FilterCost.DEFAULT_BUDGET));
    }

    /** The statement timeout of {@code team}'s list queries, in seconds; 0 or less: none. */
    static int timeoutSeconds(RealmModel realm, TeamEntity team) {
        return TIMEOUT.of(realm, team.getSlug());
    }

    /** The answer to a timed-out list: 503, come back in a few seconds. */
    public static ScimException busy() {
        return ScimException.unavailable("The query did not finish within its time limit: the server is busy. Retry "
                + "later, or narrow the filter", DEFAULT_TIMEOUT_SECONDS);
    }
}
