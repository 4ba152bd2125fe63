package io.preset.teams.it;

import io.preset.teams.it.support.Http;
import io.preset.teams.it.support.KeycloakExtension;
import io.preset.teams.it.support.KeycloakTarget;
import io.preset.teams.it.support.RateLimits;
import io.preset.teams.it.support.Scim;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The per-team SCIM rate limit (docs/security.md): a team over its budget gets 429 SCIM Errors with an
 * integer {@code Retry-After}; other teams and the stored state are untouched.
 */
@ExtendWith(KeycloakExtension.class)
class RateLimitIT {

    @Test
    void aTeamOverItsLimitGets429WithRetryAfter(KeycloakTarget kc) {
        String slug = Scim.createTeam(kc, "limited");
        Scim limited = Scim.forTeam(kc, slug);
        Scim neighbour = Scim.forTeam(kc, Scim.createTeam(kc, "neighbour"));
        RateLimits.set(kc, slug, 5);
        try {
            // anonymous callers do not spend the team's budget
            for (int i = 0; i < 10; i++) {
                assertEquals(401, Http.request("GET", limited.base() + "/Users").send().status());
            }
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                statuses.add(limited.get("/ServiceProviderConfig").status());
            }
            assertEquals(List.of(200, 200, 200, 200, 200), statuses, "the first five pass");

            Http.Response refused = limited.get("/Users");
            BadInputIT.assertScimError(refused, 429, null, "over the limit");
            String retryAfter = refused.header("Retry-After");
            assertTrue(retryAfter != null && retryAfter.matches("\\d+"), () -> "integer Retry-After: " + retryAfter);
            int seconds = Integer.parseInt(retryAfter);
            assertTrue(seconds >= 1 && seconds <= 12, () -> "5/min refills one request in at most 12 s: " + seconds);

            // a refused write changes nothing
            String userName = "limited." + System.nanoTime() + "@example.com";
            Http.Response post = limited.post("/Users", Scim.oktaUser(userName, "Rate", "Limited"));
            BadInputIT.assertScimError(post, 429, null, "refused POST");
            assertTrue(kc.realm("preset").users().search(userName, true).isEmpty(), "no account created by a 429");

            // other teams are not affected
            assertEquals(200, neighbour.get("/Users").status());
        } finally {
            RateLimits.relax(kc, slug);
        }
        // raising the limit takes effect at once, without a restart
        assertEquals(200, limited.get("/Users").status());
    }
}
