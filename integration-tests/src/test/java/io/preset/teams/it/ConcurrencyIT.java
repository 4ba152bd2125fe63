package io.preset.teams.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.preset.teams.it.support.Http;
import io.preset.teams.it.support.KeycloakExtension;
import io.preset.teams.it.support.KeycloakTarget;
import io.preset.teams.it.support.RateLimits;
import io.preset.teams.it.support.Scim;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.representations.idm.UserRepresentation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Parallel SCIM requests against one team: nothing lost, no duplicate, no 5xx, and the stored state is what
 * the last committed request answered.
 */
@ExtendWith(KeycloakExtension.class)
class ConcurrencyIT {

    private static final String GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";

    private static KeycloakTarget kc;
    private static Scim scim;

    @BeforeAll
    static void setUp(KeycloakTarget target) {
        kc = target;
        String slug = Scim.createTeam(kc, "conc");
        scim = Scim.forTeam(kc, slug);
        RateLimits.relax(kc, slug);
    }

    private static String unique(String local) {
        return local + "." + Long.toString(System.nanoTime(), 36) + "@example.com";
    }

    /** Runs {@code n} requests released at the same instant; answers in request order. */
    private static List<Http.Response> parallel(int n, IntFunction<Http.Response> request) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch ready = new CountDownLatch(n);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Http.Response>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return request.apply(index);
                }));
            }
            assertTrue(ready.await(30, TimeUnit.SECONDS));
            go.countDown();
            List<Http.Response> answers = new ArrayList<>();
            for (Future<Http.Response> f : futures) {
                answers.add(f.get(120, TimeUnit.SECONDS));
            }
            for (Http.Response r : answers) {
                assertTrue(r.status() < 500, () -> "no 5xx under concurrency: " + r);
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }

    private static String createUser(String userName) {
        Http.Response r = scim.post("/Users", Scim.oktaUser(userName, "Con", "Current"));
        assertEquals(201, r.status(), r::toString);
        return r.requireJson().path("id").asText();
    }

    private static int version(JsonNode resource) {
        return Integer.parseInt(resource.path("meta").path("version").asText().replaceAll("[^0-9]", ""));
    }

    @Test
    void parallelPatchesAddingDisjointMembersLoseNone() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            ids.add(createUser(unique("member" + i)));
        }
        Http.Response created = scim.post("/Groups", Map.of("schemas", List.of(GROUP), "displayName", "Parallel " + System.nanoTime()));
        assertEquals(201, created.status(), created::toString);
        String groupId = created.requireJson().path("id").asText();

        List<Http.Response> answers = parallel(16, i -> scim.patch("/Groups/" + groupId + "?excludedAttributes=members",
                Scim.patch(Map.of("op", "add", "path", "members", "value", List.of(Map.of("value", ids.get(i)))))));

        for (Http.Response r : answers) {
            assertEquals(200, r.status(), r::toString);
        }
        JsonNode group = scim.get("/Groups/" + groupId).requireJson();
        Set<String> members = new HashSet<>();
        group.path("members").forEach(m -> members.add(m.path("value").asText()));
        assertEquals(new HashSet<>(ids), members, "every member added in parallel is stored");
        // the users see the group too
        for (String id : ids) {
            JsonNode user = scim.get("/Users/" + id).requireJson();
            boolean inGroup = false;
            for (JsonNode g : user.path("groups")) {
                inGroup |= g.path("value").asText().equals(groupId);
            }
            assertTrue(inGroup, () -> id + " lists the group: " + user);
        }
    }

    @Test
    void parallelPostsOfOneUserNameCreateOneAccount() throws Exception {
        String userName = unique("Twin");

        List<Http.Response> answers = parallel(10, i -> scim.post("/Users", Scim.oktaUser(userName, "Twin", "No" + i)));

        long created = answers.stream().filter(r -> r.status() == 201).count();
        assertEquals(1, created, () -> "exactly one 201: " + answers);
        for (Http.Response r : answers) {
            if (r.status() != 201) {
                BadInputIT.assertScimError(r, 409, "uniqueness", "parallel POST");
            }
        }
        String id = answers.stream().filter(r -> r.status() == 201).findFirst().orElseThrow().requireJson().path("id").asText();
        List<UserRepresentation> accounts = kc.realm("preset").users().search(userName.toLowerCase(), true);
        assertEquals(1, accounts.size(), () -> "one Keycloak account: " + accounts);
        assertEquals(id, accounts.get(0).getId());
        JsonNode listed = scim.filterUsers("userName eq \"" + userName + "\"").requireJson();
        assertEquals(1, listed.path("totalResults").asInt(), listed::toString);
        assertEquals(userName, listed.path("Resources").path(0).path("userName").asText(), "spelling of the winner kept");
        assertNotNull(Scim.member(kc, scim.slug(), id), "the winner is a member");
    }

    @Test
    void parallelDeactivateAndReactivateEndInTheLastCommittedState() throws Exception {
        String id = createUser(unique("flip"));

        for (int round = 0; round < 3; round++) {
            int versionBefore = version(scim.get("/Users/" + id).requireJson());
            List<Http.Response> answers = parallel(10, i -> scim.patch("/Users/" + id,
                    Scim.patch(Map.of("op", "replace", "value", Map.of("active", i % 2 == 0)))));

            List<JsonNode> committed = new ArrayList<>();
            for (Http.Response r : answers) {
                if (r.status() == 200) {
                    committed.add(r.requireJson());
                } else {
                    // writes of one user are serialized: none should lose, but a lock timeout would be a 409 to retry
                    BadInputIT.assertScimError(r, 409, null, "parallel PATCH active");
                }
            }
            assertFalse(committed.isEmpty(), () -> "at least one PATCH commits: " + answers);
            JsonNode stored = scim.get("/Users/" + id).requireJson();
            // no lost update: each committed PATCH built on the previous one, so their versions are all distinct,
            // all newer than before, and the stored one is the highest
            Set<Integer> versions = new HashSet<>();
            committed.forEach(u -> versions.add(version(u)));
            assertEquals(committed.size(), versions.size(), () -> "distinct versions, no lost update: " + versions);
            assertTrue(versions.stream().allMatch(v -> v > versionBefore), () -> "all newer than " + versionBefore + ": " + versions);
            assertEquals(versions.stream().max(Integer::compare).orElseThrow(), version(stored), () -> "stored is the last: " + stored);
            Instant storedAt = Instant.parse(stored.path("meta").path("lastModified").asText());
            // the last committed answer: the latest lastModified; when several share it, one of them
            Instant latest = committed.stream().map(u -> Instant.parse(u.path("meta").path("lastModified").asText()))
                    .max(Comparator.naturalOrder()).orElseThrow();
            assertEquals(latest, storedAt, () -> "stored lastModified is the latest committed one: " + stored);
            Set<Boolean> lastAnswers = new HashSet<>();
            committed.stream().filter(u -> Instant.parse(u.path("meta").path("lastModified").asText()).equals(latest))
                    .forEach(u -> lastAnswers.add(u.path("active").asBoolean()));
            boolean active = stored.path("active").asBoolean();
            assertTrue(lastAnswers.contains(active), () -> "stored active=" + active + " is the last committed answer " + lastAnswers);
            // and the membership agrees with it
            JsonNode member = Scim.member(kc, scim.slug(), id);
            assertNotNull(member, "the membership row outlives a deactivation");
            assertEquals(active, member.path("active").asBoolean(), () -> "admin API agrees with SCIM: " + member);
            if (active) {
                assertEquals("User", member.path("teamRole").path("role").asText(), () -> "reactivated as User: " + member);
            } else {
                assertTrue(member.path("teamRole").isNull() || member.path("teamRole").isMissingNode()
                        || member.path("teamRole").path("role").isMissingNode(), () -> "no role left when inactive: " + member);
            }
        }
    }
}
