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
 * The per-team SCIM rate limit (docs/security.md, "Limits"): a team over its budget gets 429 SCIM Errors with an
 * integer {@code Retry-After}; other teams and the stored state are untouched; keeping the budget in the database
 * costs a request no noticeable time. That the budget holds across two nodes is {@code ClusterIT}'s.
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

    /**
     * The same cheap request with the limit off (no database access) and at the default (3000/min: one conditional
     * UPDATE in its own transaction per batch of 5 requests), interleaved so that the load of the machine weighs on
     * both alike; the server's own timer says what one database check costs.
     */
    @Test
    void theBudgetInTheDatabaseCostsNoNoticeableLatency(KeycloakTarget kc) {
        Scim off = Scim.forTeam(kc, Scim.createTeam(kc, "unlimited"));
        Scim on = Scim.forTeam(kc, Scim.createTeam(kc, "budgeted"));
        RateLimits.set(kc, off.slug(), 0);
        double[] before = checkTimer(kc);
        int n = 150;
        long[] offMicros = new long[n];
        long[] onMicros = new long[n];
        for (int i = -20; i < n; i++) { // 20 rounds to warm up
            long a = timed(off);
            long b = timed(on);
            if (i >= 0) {
                offMicros[i] = a;
                onMicros[i] = b;
            }
        }
        java.util.Arrays.sort(offMicros);
        java.util.Arrays.sort(onMicros);
        long offP50 = offMicros[n / 2];
        long onP50 = onMicros[n / 2];
        double[] after = checkTimer(kc);
        double checks = after[0] - before[0];
        double meanMicros = (after[1] - before[1]) / checks * 1e6;
        System.out.printf("[rate-limit] GET /ServiceProviderConfig p50: %d us without the limit, %d us with it (%+d us); p90 %d / %d us;"
                        + " server side: %.0f database checks, mean %.0f us each%n",
                offP50, onP50, onP50 - offP50, offMicros[n * 9 / 10], onMicros[n * 9 / 10], checks, meanMicros);
        assertTrue(checks >= n / 10.0 && checks <= n / 2.0, () -> "one database check per batch of 5 requests: " + checks);
        assertTrue(onP50 - offP50 < 20_000, () -> "p50 with the limit " + onP50 + " us, without " + offP50 + " us");
    }

    /** {@code preset_scim_rate_limit_check_seconds}: count and sum. */
    private static double[] checkTimer(KeycloakTarget kc) {
        double[] countAndSum = new double[2];
        for (String line : Http.get(kc.managementUrl() + "/metrics").body().split("\n")) {
            if (line.startsWith("preset_scim_rate_limit_check_seconds_count")) {
                countAndSum[0] = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            } else if (line.startsWith("preset_scim_rate_limit_check_seconds_sum")) {
                countAndSum[1] = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return countAndSum;
    }

    private static long timed(Scim scim) {
        long start = System.nanoTime();
        Http.Response r = scim.get("/ServiceProviderConfig");
        long micros = (System.nanoTime() - start) / 1000;
        assertEquals(200, r.status(), r::toString);
        return micros;
    }
}
