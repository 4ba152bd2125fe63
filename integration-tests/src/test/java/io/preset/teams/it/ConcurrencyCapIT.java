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
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The per-team caps on SCIM requests in flight (docs/security.md, "Limits"): a team that sends many requests at
 * once gets some answered 429 with {@code Retry-After: 1} and a SCIM Error, its list requests under a lower cap
 * than its other requests, while another team is served normally; the permits come back when the requests end.
 */
@ExtendWith(KeycloakExtension.class)
class ConcurrencyCapIT {

    private static final int PARALLEL = 24;

    @Test
    void aTeamOverItsCapsGets429WhileAnotherTeamIsServed(KeycloakTarget kc) throws Exception {
        Scim busy = Scim.forTeam(kc, Scim.createTeam(kc, "busy"));
        Scim neighbour = Scim.forTeam(kc, Scim.createTeam(kc, "calm"));
        RateLimits.set(kc, busy.slug(), 1_000_000);
        RateLimits.set(kc, neighbour.slug(), 1_000_000);
        // list requests that take a while: a page of 200 users with everything in it
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            Http.Response created = busy.post("/Users", Scim.oktaUser("busy" + i + "." + System.nanoTime() + "@example.com", "Busy", "B" + i));
            assertEquals(201, created.status(), created::toString);
            ids.add(created.requireJson().path("id").asText());
        }
        RateLimits.concurrency(kc, busy.slug(), 3, 1);
        try {
            // lists: at most one at a time, though three requests may be in flight
            Map<Integer, Integer> lists = burst(() -> busy.get("/Users?count=200"), neighbour, "list requests");
            assertTrue(lists.getOrDefault(200, 0) >= 1 && lists.getOrDefault(429, 0) >= 1,
                    () -> "some lists pass, some are refused: " + lists);
            // other requests: at most one at a time
            RateLimits.concurrency(kc, busy.slug(), 1, 1);
            Map<Integer, Integer> reads = burst(() -> busy.get("/Users/" + ids.get((int) (System.nanoTime() % ids.size()))),
                    neighbour, "requests");
            assertTrue(reads.getOrDefault(200, 0) >= 1 && reads.getOrDefault(429, 0) >= 1,
                    () -> "some reads pass, some are refused: " + reads);
        } finally {
            RateLimits.relax(kc, busy.slug());
        }
        // every permit came back: sequential requests of the team pass again under caps of one
        RateLimits.concurrency(kc, busy.slug(), 1, 1);
        for (int i = 0; i < 5; i++) {
            assertEquals(200, busy.get("/Users?count=1").status());
            assertEquals(200, busy.get("/Users/" + ids.get(i)).status());
        }
        RateLimits.relax(kc, busy.slug());
    }

    /**
     * {@value #PARALLEL} requests of the busy team released at once; meanwhile the neighbour's requests, one after
     * the other, must all pass in well under a second each (generous: the CI machine has 2 cores). Answers by status.
     */
    private static Map<Integer, Integer> burst(Supplier<Http.Response> request, Scim neighbour, String what) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Http.Response>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < PARALLEL; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return request.get();
                }));
            }
            start.countDown();
            long slowest = 0;
            int served = 0;
            while (!answers.stream().allMatch(Future::isDone) || served < 3) {
                long t = System.nanoTime();
                Http.Response r = neighbour.get("/Users?count=10");
                long ms = (System.nanoTime() - t) / 1_000_000;
                assertEquals(200, r.status(), () -> "the neighbour is served while the busy team is refused: " + r);
                slowest = Math.max(slowest, ms);
                served++;
            }
            Map<Integer, Integer> statuses = new TreeMap<>();
            for (Future<Http.Response> f : answers) {
                Http.Response r = f.get(2, TimeUnit.MINUTES);
                statuses.merge(r.status(), 1, Integer::sum);
                if (r.status() == 429) {
                    BadInputIT.assertScimError(r, 429, null, what + " over the cap");
                    assertEquals("1", r.header("Retry-After"), r::toString);
                    assertTrue(r.requireJson().path("detail").asText().contains("concurrent " + what), r::toString);
                } else {
                    assertEquals(200, r.status(), r::toString);
                }
            }
            long neighbourSlowest = slowest;
            int neighbourServed = served;
            System.out.printf("[concurrency] %d %s of one team at once: %s; the neighbour: %d requests, slowest %d ms%n",
                    PARALLEL, what, statuses, neighbourServed, neighbourSlowest);
            assertTrue(neighbourSlowest < 2000, () -> "slowest neighbour request " + neighbourSlowest + " ms");
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }
}
