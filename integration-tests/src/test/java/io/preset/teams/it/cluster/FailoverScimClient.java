package io.preset.teams.it.cluster;

import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;

import io.preset.teams.it.support.Http;
import io.preset.teams.it.support.Scim;

/**
 * What Okta does behind a load balancer: requests go round-robin to the nodes; a node that refuses connections is
 * taken out of rotation (as a health-checking load balancer would); a request that fails on the way (connection
 * reset, timeout) or answers 5xx is retried on the next node after a short back-off; 429 waits for Retry-After.
 */
final class FailoverScimClient {

    private static final int ATTEMPTS = 30;

    private final List<Scim> nodes;
    private final AtomicIntegerArray down;
    private final AtomicInteger next = new AtomicInteger();
    private final Instant startedAt = Instant.now();
    final AtomicInteger requests = new AtomicInteger();
    final AtomicInteger retries = new AtomicInteger();
    final AtomicInteger lostOutcomes = new AtomicInteger();
    final AtomicInteger conflictsResolved = new AtomicInteger();
    final AtomicInteger throttled = new AtomicInteger();
    /** Every 5xx and transport failure, with the node and the time since the client was created. */
    final Queue<String> failures = new ConcurrentLinkedQueue<>();
    final Queue<String> serverErrors = new ConcurrentLinkedQueue<>();

    FailoverScimClient(List<Scim> nodes) {
        this.nodes = List.copyOf(nodes);
        this.down = new AtomicIntegerArray(nodes.size());
    }

    /**
     * Okta's create sequence: look the userName up, POST when absent. A POST whose answer was lost may have been
     * committed; its retry then answers 409 uniqueness and the next lookup finds the user. Returns the user's id.
     */
    String ensureUser(String userName) {
        String filter = "userName eq \"" + userName + "\"";
        for (int round = 0; round < 5; round++) {
            Http.Response found = send("GET /Users?filter " + userName, s -> s.filterUsers(filter));
            if (found.status() != 200) {
                throw new AssertionError("lookup of " + userName + ": " + found);
            }
            JsonNode resources = found.requireJson().path("Resources");
            if (resources.size() > 1) {
                throw new AssertionError(userName + " found " + resources.size() + " times: " + found);
            }
            if (resources.size() == 1) {
                if (round > 0) {
                    conflictsResolved.incrementAndGet();
                }
                return resources.get(0).path("id").asText();
            }
            Http.Response created = send("POST /Users " + userName,
                    s -> s.post("/Users", Scim.oktaUser(userName, "Cluster", userName.substring(0, userName.indexOf('@')))));
            if (created.status() == 201) {
                return created.requireJson().path("id").asText();
            }
            if (created.status() != 409 || !"uniqueness".equals(created.requireJson().path("scimType").asText())) {
                throw new AssertionError("POST /Users " + userName + ": " + created);
            }
            // 409 uniqueness: an earlier attempt did create the user; the lookup of the next round finds it
        }
        throw new AssertionError(userName + ": neither found nor created after 5 rounds");
    }

    /** Okta's group push: PATCH add members (idempotent, so a blind retry is safe). */
    void addMembers(String groupId, List<Map<String, Object>> members) {
        Map<String, Object> body = Map.of("schemas", List.of(Scim.PATCH_OP), "Operations",
                List.of(Map.of("op", "add", "path", "members", "value", members)));
        Http.Response r = send("PATCH /Groups/" + groupId, s -> s.patch("/Groups/" + groupId, body));
        if (r.status() != 200 && r.status() != 204) {
            throw new AssertionError("PATCH /Groups/" + groupId + ": " + r);
        }
    }

    /** Sends through the next node in rotation, retrying elsewhere on transport failures and 5xx. */
    Http.Response send(String what, Function<Scim, Http.Response> request) {
        requests.incrementAndGet();
        String last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            int node = pick();
            try {
                Http.Response r = request.apply(nodes.get(node));
                if (r.status() == 429) { // Okta honours Retry-After
                    throttled.incrementAndGet();
                    sleep(1000L * retryAfterSeconds(r));
                    continue;
                }
                if (r.status() < 500) {
                    if (attempt > 1 && r.status() == 409) {
                        lostOutcomes.incrementAndGet();
                    }
                    return r;
                }
                last = r.toString();
                serverErrors.add(stamp() + " node " + (node + 1) + " " + what + ": " + abbreviate(last));
            } catch (UncheckedIOException e) {
                last = e.getMessage();
                if (e.getCause() instanceof ConnectException) {
                    down.set(node, 1); // health check failed: out of rotation
                }
                failures.add(stamp() + " node " + (node + 1) + " " + what + ": " + e.getCause());
            }
            retries.incrementAndGet();
            sleep(Math.min(2000, 100L * attempt));
        }
        throw new AssertionError(what + " failed " + ATTEMPTS + " times, last: " + last);
    }

    private static long retryAfterSeconds(Http.Response r) {
        try {
            return Math.max(1, Math.min(10, Long.parseLong(String.valueOf(r.header("Retry-After")).trim())));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private int pick() {
        int n = nodes.size();
        for (int i = 0; i < n; i++) {
            int candidate = Math.floorMod(next.getAndIncrement(), n);
            if (down.get(candidate) == 0) {
                return candidate;
            }
        }
        return Math.floorMod(next.getAndIncrement(), n); // all marked down: try anyway
    }

    private String stamp() {
        return String.format("+%.1fs", Duration.between(startedAt, Instant.now()).toMillis() / 1000.0);
    }

    private static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
