package io.preset.teams.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.preset.teams.it.support.Http;
import io.preset.teams.it.support.KeycloakExtension;
import io.preset.teams.it.support.KeycloakTarget;
import io.preset.teams.it.support.LocalKeycloak;
import io.preset.teams.it.support.ManagerStandIn;
import io.preset.teams.it.support.ManagerStandIn.Call;
import io.preset.teams.it.support.Scim;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.representations.idm.RoleRepresentation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import static io.preset.teams.it.support.Scim.oktaUser;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The forwarder (issue #7) as the Preset Manager API sees it: every change of a member's effective roles arrives at a
 * {@link ManagerStandIn} once, in order per user, with the documented paths, bodies and headers, also across an
 * outage of the target and a crash of Keycloak. Keycloak runs with the forwarder's test timings (integration-tests/
 * pom.xml, kc.test.args): poll 200 ms, backoff 200..1000 ms, 4 attempts, 1500 ms timeout, 5000 ms lease.
 */
@ExtendWith(KeycloakExtension.class)
class ForwardingIT {

    private static final String PASSWORD = "Secret-123";
    private static final Duration DELIVERY = Duration.ofSeconds(20);
    /** Long enough for several dispatcher polls: what has not arrived by then is not going to. */
    private static final long SETTLE_MS = 1200;

    private static KeycloakTarget kc;

    private ManagerStandIn manager;
    private String slug;
    private String api;
    private String remoteTeam;
    private String wsAnalytics;
    private String secret;
    private Scim scim;

    @BeforeAll
    static void setUp(KeycloakTarget target) {
        kc = target;
        // the stand-in listens on 127.0.0.1 of this JVM, which a Keycloak container cannot reach
        assumeTrue(kc instanceof LocalKeycloak, "needs the local Keycloak process");
    }

    @BeforeEach
    void team() {
        manager = ManagerStandIn.start();
        slug = Scim.createTeam(kc, "fwd");
        api = kc.baseUrl() + "/admin/realms/preset/teams/" + slug;
        remoteTeam = "remote-" + slug;
        wsAnalytics = "ws-" + UUID.randomUUID();
        secret = "s3cr3t-" + UUID.randomUUID();
        for (String ws : List.of("analytics", "sales")) {
            Http.Response r = Http.post(api + "/workspaces", kc.adminToken(), Map.of("name", ws, "title", ws));
            assertEquals(201, r.status(), r::toString);
        }
        scim = Scim.forTeam(kc, slug);
    }

    @AfterEach
    void stopForwarding() {
        try {
            // drops the team's unsent rows: nothing of this test keeps calling a closed port
            Http.delete(api + "/forwarding", kc.adminToken());
        } finally {
            manager.close();
        }
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private Map<String, Object> config() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("enabled", true);
        body.put("baseUrl", manager.baseUrl());
        body.put("remoteTeam", remoteTeam);
        body.put("userKey", "email");
        body.put("workspaceIds", Map.of("analytics", wsAnalytics));
        body.put("token", secret);
        return body;
    }

    private JsonNode configure(Map<String, Object> body) {
        Http.Response r = Http.put(api + "/forwarding", kc.adminToken(), body);
        assertEquals(200, r.status(), r::toString);
        return r.requireJson();
    }

    private static String unique(String local) {
        return local + "." + Long.toString(System.nanoTime(), 36) + "@example.com";
    }

    /** SCIM POST /Users (Okta's create): joins the team as User. */
    private String scimUser(String email) {
        Http.Response r = scim.post("/Users", oktaUser(email, "Test", "User"));
        assertEquals(201, r.status(), r::toString);
        return r.requireJson().path("id").asText();
    }

    @SuppressWarnings("unchecked")
    private void scimActive(String userId, boolean active) {
        Http.Response r = scim.patch("/Users/" + userId,
                Scim.patch(Map.of("op", "replace", "value", Map.of("active", active))));
        assertEquals(200, r.status(), r::toString);
    }

    private Http.Response putMember(String userId, String teamRole, Map<String, String> workspaceRoles) {
        Http.Response r = Http.put(api + "/members/" + userId, kc.adminToken(),
                Map.of("teamRole", teamRole, "workspaceRoles", workspaceRoles));
        assertTrue(r.status() == 200 || r.status() == 201, r::toString);
        return r;
    }

    private String pushGroup(String name) {
        Http.Response r = scim.post("/Groups", Map.of("schemas", List.of("urn:ietf:params:scim:schemas:core:2.0:Group"),
                "displayName", name));
        assertEquals(201, r.status(), r::toString);
        return r.requireJson().path("id").asText();
    }

    @SuppressWarnings("unchecked")
    private void groupMember(String groupId, String op, String userId) {
        Map<String, Object> operation = "add".equals(op)
                ? Map.of("op", "add", "path", "members", "value", List.of(Map.of("value", userId)))
                : Map.of("op", "remove", "path", "members[value eq \"" + userId + "\"]");
        Http.Response r = scim.patch("/Groups/" + groupId, Scim.patch(operation));
        assertEquals(200, r.status(), r::toString);
    }

    private void mapGroup(String groupId, Map<String, String> workspaceRoles) {
        Http.Response r = Http.put(api + "/groups/" + groupId + "/roles", kc.adminToken(),
                Map.of("workspaceRoles", workspaceRoles));
        assertEquals(200, r.status(), r::toString);
    }

    private String prefix() {
        return prefix(remoteTeam);
    }

    private static String prefix(String team) {
        return "/v1/teams/" + team + "/";
    }

    private String join(String user, int teamRoleId) {
        return ManagerStandIn.line("PATCH", prefix() + "memberships/" + user, Map.of("team_role_id", teamRoleId));
    }

    private String leave(String user) {
        return ManagerStandIn.line("DELETE", prefix() + "memberships/" + user, null);
    }

    private String workspace(String remoteWs, String user, String role) {
        return ManagerStandIn.line("PUT", prefix() + "workspaces/" + remoteWs + "/membership",
                Map.of("user_id", user, "role_identifier", role));
    }

    private static boolean concerns(Call c, String user) {
        return c.path().endsWith("/memberships/" + user)
                || c.body() != null && user.equals(c.body().path("user_id").asText(null));
    }

    /** The successful calls of this team's remote team about {@code user}, as lines, in order of arrival. */
    private List<String> delivered(String user) {
        return manager.succeeded(prefix()).stream().filter(c -> concerns(c, user)).map(Call::line).toList();
    }

    /** Waits for {@code expected.size()} successful calls about {@code user}, lets the dispatcher settle, compares. */
    private void assertDelivered(String user, List<String> expected) {
        awaitTrue(() -> delivered(user).size() >= expected.size(), "calls about " + user + ": " + expected);
        sleep(SETTLE_MS);
        assertEquals(expected, delivered(user), () -> "calls about " + user + " (exactly once, in order); all calls:\n"
                + ManagerStandIn.describe(manager.calls()));
    }

    private JsonNode outbox(String state) {
        Http.Response r = Http.get(api + "/forwarding/outbox" + (state == null ? "" : "?state=" + state), kc.adminToken());
        assertEquals(200, r.status(), r::toString);
        assertTrue(r.requireJson().isArray(), r::toString);
        return r.requireJson();
    }

    private static void awaitTrue(BooleanSupplier condition, String what) {
        Instant deadline = Instant.now().plus(DELIVERY);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not within " + DELIVERY.toSeconds() + " s: " + what);
            }
            sleep(50);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@link #metric} that is 0 while the series does not exist yet (a counter appears with its first increment). */
    private static double metricOrZero(String name, String label) {
        String body = Http.get(kc.managementUrl() + "/metrics").body();
        return body.lines().anyMatch(l -> l.startsWith(name + "{") && l.contains(label)) ? metric(name, label) : 0;
    }

    /** Sum of the samples of a Prometheus metric whose labels contain {@code label}, from the management port. */
    private static double metric(String name, String label) {
        Http.Response r = Http.get(kc.managementUrl() + "/metrics");
        assertEquals(200, r.status(), r::toString);
        double sum = 0;
        boolean found = false;
        for (String line : r.body().split("\n")) {
            if (line.startsWith(name + "{") && line.contains(label)) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                found = true;
            }
        }
        assertTrue(found, () -> name + "{" + label + "} not in /metrics");
        return sum;
    }

    // ------------------------------------------------------------------------------------------------ tests

    @Test
    void everyKindOfChangeArrivesOnceInOrderWithTheRemoteNames() {
        JsonNode created = configure(config());
        assertTrue(created.path("tokenSet").asBoolean(), created::toString);
        String ann = unique("ann");
        String bob = unique("bob");

        String annId = scimUser(ann);                                                    // joins as User
        putMember(annId, "Admin", Map.of("analytics", "PresetAlpha"));                   // raised, workspace role set
        putMember(annId, "Admin", Map.of("analytics", "PresetAlpha"));                   // the same again: nothing
        // refused requests are rolled back, their calls with them
        assertEquals(400, Http.put(api + "/members/" + annId, kc.adminToken(),
                Map.of("teamRole", "User", "workspaceRoles", Map.of("no-such-workspace", "Admin"))).status());
        assertEquals(409, scim.post("/Users", oktaUser(ann, "Test", "User")).status());
        String eng = pushGroup("Engineering");
        mapGroup(eng, Map.of("analytics", "Admin"));                                     // no members yet: nothing
        groupMember(eng, "add", annId);                                                  // higher role through the group
        mapGroup(eng, Map.of("analytics", "Admin", "sales", "PresetGamma"));             // mapping change
        groupMember(eng, "remove", annId);                                               // back to the direct roles
        groupMember(eng, "add", annId);
        assertEquals(204, scim.delete("/Groups/" + eng).status());                      // group deleted
        putMember(annId, "Admin", Map.of("analytics", "PresetAlpha", "sales", "PresetReportsOnly"));
        assertEquals(204, Http.delete(api + "/workspaces/sales", kc.adminToken()).status()); // workspace deleted
        scimActive(annId, false);                                                        // deactivated
        scimActive(annId, true);                                                         // reactivated
        kc.realm("preset").users().delete(annId).close();                                // Keycloak user deleted

        // a second user, interleaved (per-user order is what counts): group membership changed in Keycloak itself
        String bobId = scimUser(bob);
        String ops = pushGroup("Ops");
        mapGroup(ops, Map.of("analytics", "PresetBeta"));
        kc.realm("preset").users().get(bobId).joinGroup(ops);
        kc.realm("preset").users().get(bobId).leaveGroup(ops);
        Http.Response removed = Http.delete(api + "/members/" + bobId, kc.adminToken());   // removed from the team
        assertEquals(204, removed.status(), removed::toString);

        assertDelivered(ann, List.of(
                join(ann, 2),
                join(ann, 1), workspace(wsAnalytics, ann, "PresetAlpha"),
                workspace(wsAnalytics, ann, "Admin"),
                workspace("sales", ann, "PresetGamma"),
                workspace(wsAnalytics, ann, "PresetAlpha"), workspace("sales", ann, "PresetNoAccess"),
                workspace(wsAnalytics, ann, "Admin"), workspace("sales", ann, "PresetGamma"),
                workspace(wsAnalytics, ann, "PresetAlpha"), workspace("sales", ann, "PresetNoAccess"),
                workspace("sales", ann, "PresetReportsOnly"),
                workspace("sales", ann, "PresetNoAccess"),
                leave(ann),
                join(ann, 2),
                leave(ann)));
        assertDelivered(bob, List.of(join(bob, 2), workspace(wsAnalytics, bob, "PresetBeta"),
                workspace(wsAnalytics, bob, "PresetNoAccess"), leave(bob)));

        List<Call> calls = manager.calls();
        assertTrue(calls.stream().allMatch(Call::succeeded), () -> ManagerStandIn.describe(calls));
        Set<String> keys = new HashSet<>();
        for (Call c : calls) {
            assertEquals("Bearer " + secret, c.authorization(), c::toString);
            assertNotNull(c.idempotencyKey(), c::toString);
            assertTrue(keys.add(c.idempotencyKey()), () -> "Idempotency-Key reused by a different call: " + c);
            assertEquals("preset-teams-forwarder", c.header("User-Agent"), c::toString);
            if (!"DELETE".equals(c.method())) {
                assertTrue(c.header("Content-Type").startsWith("application/json"), c::toString);
            }
        }
        JsonNode sent = outbox("sent");
        assertEquals(calls.size(), sent.size(), sent::toString);
        assertEquals(0, outbox("pending").size());
    }

    @Test
    void nothingIsLostWhileTheTargetIsDownAndKeycloakCrashes() {
        assumeTrue(kc.canRestart(), "needs a Keycloak the harness can restart");
        configure(config());
        String ann = unique("ann");
        String bob = unique("bob");

        // the target goes away; changes keep coming
        manager.down();
        String bobId = scimUser(bob);
        scimActive(bobId, false);
        // the target accepts calls but never answers: ann's first call is in flight when Keycloak dies
        manager.up();
        manager.hang();
        String annId = scimUser(ann);
        putMember(annId, "Admin", Map.of("analytics", "PresetAlpha"));
        assertEquals(5, outbox(null).size(), () -> outbox(null).toString());
        sleep(1200); // H2 (dev-file) writes committed transactions to disk within a second; a kill must not lose them
        Instant armed = Instant.now();
        List<Call> held = manager.await(cs -> cs.stream().anyMatch(c -> c.at().isAfter(armed) && concerns(c, ann)),
                Duration.ofSeconds(10), "a held call about " + ann);
        Set<String> rowIds = new HashSet<>();
        outbox(null).forEach(row -> rowIds.add(row.path("id").asText()));

        // crash, and come back while the target is still down
        kc.restart(true, () -> {
            manager.release();
            manager.down();
        });
        assertEquals(rowIds.size(), outbox(null).size(), "the rows survived the crash");
        sleep(SETTLE_MS);
        assertTrue(manager.succeeded().isEmpty(), () -> ManagerStandIn.describe(manager.calls()));

        // an outage is waited out, however many attempts it took: nothing became a dead letter
        assertEquals(0, outbox("dead").size(), () -> outbox("dead").toString());
        assertTrue(outbox(null).findValues("attempts").stream().anyMatch(a -> a.asInt() > 1),
                () -> "the rows were tried during the outage: " + outbox(null));

        // the target is back: every change arrives by itself
        manager.up();
        awaitTrue(() -> delivered(ann).size() >= 3 && delivered(bob).size() >= 2, "every change after the outage");
        assertEquals(0, outbox("dead").size(), () -> outbox("dead").toString());
        assertDelivered(ann, List.of(join(ann, 2), join(ann, 1), workspace(wsAnalytics, ann, "PresetAlpha")));
        assertDelivered(bob, List.of(join(bob, 2), leave(bob)));

        Set<String> keys = new HashSet<>();
        manager.succeeded(prefix()).forEach(c -> keys.add(c.idempotencyKey()));
        assertEquals(rowIds, keys, "each outbox row sent once, under its own id, nothing re-enqueued");
        assertTrue(held.stream().filter(c -> concerns(c, ann)).allMatch(c -> keys.contains(c.idempotencyKey())),
                "the call cut off by the crash was sent again with the same Idempotency-Key");
        assertEquals(rowIds.size(), outbox("sent").size());
    }

    @Test
    void aFailingCallGoesDeadBlocksItsUserAndCanBeRetriedOrDropped() {
        configure(config());
        String ann = unique("ann");
        String bob = unique("bob");
        manager.answer(c -> c.path().equals(prefix() + "memberships/" + ann), 400);
        manager.answer(c -> c.path().equals(prefix() + "memberships/" + bob), 503);
        double retriesBefore = metricOrZero("preset_forward_calls_total", "outcome=\"retry\"");
        double sentBefore = metricOrZero("preset_forward_calls_total", "outcome=\"sent\"");

        String annId = scimUser(ann);
        String bobId = scimUser(bob);
        putMember(annId, "Admin", Map.of("analytics", "PresetAlpha"));
        putMember(bobId, "Admin", Map.of());

        awaitTrue(() -> outbox("dead").size() == 2, "two dead rows");
        Map<String, JsonNode> dead = new HashMap<>();
        outbox("dead").forEach(row -> dead.put(row.path("userId").asText(), row));
        JsonNode annDead = dead.get(annId);
        assertNotNull(annDead, dead::toString);
        assertEquals("PATCH", annDead.path("method").asText());
        assertEquals(prefix() + "memberships/" + ann, annDead.path("path").asText().replace("%40", "@"));
        assertEquals(1, annDead.path("attempts").asInt(), "a 400 is not retried: " + annDead);
        assertTrue(annDead.path("lastError").asText().startsWith("HTTP 400"), annDead::toString);
        JsonNode bobDead = dead.get(bobId);
        assertNotNull(bobDead, dead::toString);
        assertEquals(4, bobDead.path("attempts").asInt(), "503 retried up to max-attempts: " + bobDead);
        assertTrue(bobDead.path("lastError").asText().startsWith("HTTP 503"), bobDead::toString);
        assertEquals(1, manager.calls(prefix() + "memberships/" + ann).size());
        assertEquals(4, manager.calls(prefix() + "memberships/" + bob).size());

        // the later calls of both users wait behind their dead row
        sleep(SETTLE_MS);
        assertEquals(3, outbox("pending").size(), () -> outbox(null).toString());
        assertTrue(manager.succeeded().isEmpty(), () -> ManagerStandIn.describe(manager.calls()));
        assertTrue(metric("preset_forward_outbox_rows", "state=\"dead\"") >= 2);
        assertTrue(metric("preset_forward_outbox_rows", "state=\"pending\"") >= 3);
        assertTrue(metric("preset_forward_calls_total", "outcome=\"retry\"") >= retriesBefore + 3);
        assertTrue(metric("preset_forward_calls_total", "outcome=\"dead\"") >= 2);
        double deadWhileBlocked = metric("preset_forward_outbox_rows", "state=\"dead\"");

        // only dead rows can be retried or dropped; unknown ids are 404
        String pendingId = outbox("pending").get(0).path("id").asText();
        assertEquals(409, Http.post(api + "/forwarding/outbox/" + pendingId + "/retry", kc.adminToken(), null).status());
        assertEquals(409, Http.delete(api + "/forwarding/outbox/" + pendingId, kc.adminToken()).status());
        assertEquals(404, Http.post(api + "/forwarding/outbox/" + UUID.randomUUID() + "/retry", kc.adminToken(), null).status());
        String otherApi = kc.baseUrl() + "/admin/realms/preset/teams/" + Scim.createTeam(kc, "fwd-other");
        Map<String, Object> otherConfig = config();
        otherConfig.put("enabled", false);
        assertEquals(200, Http.put(otherApi + "/forwarding", kc.adminToken(), otherConfig).status());
        assertEquals(404, Http.post(otherApi + "/forwarding/outbox/" + annDead.path("id").asText() + "/retry",
                kc.adminToken(), null).status(), "a row of another team");
        assertEquals(404, Http.delete(otherApi + "/forwarding/outbox/" + annDead.path("id").asText(), kc.adminToken()).status());

        // the target is fixed: ann's dead row is retried and her later calls follow
        manager.reset();
        Http.Response retry = Http.post(api + "/forwarding/outbox/" + annDead.path("id").asText() + "/retry", kc.adminToken(), null);
        assertEquals(204, retry.status(), retry::toString);
        assertDelivered(ann, List.of(join(ann, 2), join(ann, 1), workspace(wsAnalytics, ann, "PresetAlpha")));

        // bob's dead row is dropped: it is never sent, the later one is
        Http.Response drop = Http.delete(api + "/forwarding/outbox/" + bobDead.path("id").asText(), kc.adminToken());
        assertEquals(204, drop.status(), drop::toString);
        assertDelivered(bob, List.of(join(bob, 1)));
        assertEquals(0, outbox("dead").size());
        assertEquals(0, outbox("pending").size());
        String sentId = outbox("sent").get(0).path("id").asText();
        assertEquals(409, Http.post(api + "/forwarding/outbox/" + sentId + "/retry", kc.adminToken(), null).status());
        assertEquals(409, Http.delete(api + "/forwarding/outbox/" + sentId, kc.adminToken()).status());
        assertTrue(metric("preset_forward_calls_total", "outcome=\"sent\"") >= sentBefore + 4);
        awaitTrue(() -> metric("preset_forward_outbox_rows", "state=\"dead\"") <= deadWhileBlocked - 2,
                "the dead-rows gauge goes down after retry and drop");

        // deleting the team takes its forwarding component and its rows with it
        manager.answer(c -> true, 400);
        putMember(annId, "User", Map.of());
        awaitTrue(() -> outbox("dead").size() == 1, "a new dead row");
        assertEquals(204, Http.delete(api, kc.adminToken()).status());
        Http.Response components = Http.get(kc.baseUrl() + "/admin/realms/preset/components?name=" + slug, kc.adminToken());
        assertFalse(components.body().contains("preset-manager"), components::toString);
        awaitTrue(() -> metric("preset_forward_outbox_rows", "state=\"dead\"") <= deadWhileBlocked - 2,
                "the team's dead row went with the team");
    }

    @Test
    void aHangingTargetSlowsNoScimRequestAndLosesNothing() {
        configure(config());
        String otherSlug = Scim.createTeam(kc, "fwd-b");
        String otherRemote = "remote-" + otherSlug;
        String otherApi = kc.baseUrl() + "/admin/realms/preset/teams/" + otherSlug;
        Map<String, Object> other = config();
        other.put("remoteTeam", otherRemote);
        other.put("workspaceIds", Map.of());
        assertEquals(200, Http.put(otherApi + "/forwarding", kc.adminToken(), other).status());
        Scim otherScim = Scim.forTeam(kc, otherSlug);

        manager.hang();
        List<String> users = new ArrayList<>();
        long slowest = 0;
        try {
            for (int i = 0; i < 20; i++) {
                String email = unique("h" + i);
                users.add(email);
                Scim client = i % 2 == 0 ? scim : otherScim;
                Instant t0 = Instant.now();
                Http.Response r = client.post("/Users", oktaUser(email, "Hang", "Ing"));
                long ms = Duration.between(t0, Instant.now()).toMillis();
                assertEquals(201, r.status(), r::toString);
                slowest = Math.max(slowest, ms);
                assertTrue(ms < 3000, "SCIM POST took " + ms + " ms while the target hangs");
            }
            assertFalse(manager.calls().isEmpty(), "the forwarder was calling the hanging target meanwhile");
        } finally {
            manager.release();
        }
        System.out.printf("[it] slowest SCIM POST while the target hung: %d ms%n", slowest);

        // timed-out calls are waited out like an outage: none became a dead letter
        awaitTrue(() -> manager.succeeded().size() >= 20, "20 joins after the target recovered");
        assertEquals(0, outbox("dead").size(), () -> outbox("dead").toString());
        assertEquals(0, Http.get(otherApi + "/forwarding/outbox?state=dead", kc.adminToken()).requireJson().size());
        sleep(SETTLE_MS);
        for (int i = 0; i < 20; i++) {
            String team = i % 2 == 0 ? remoteTeam : otherRemote;
            String expected = ManagerStandIn.line("PATCH", prefix(team) + "memberships/" + users.get(i), Map.of("team_role_id", 2));
            String user = users.get(i);
            List<String> got = manager.succeeded(prefix(team)).stream().filter(c -> concerns(c, user)).map(Call::line).toList();
            assertEquals(List.of(expected), got, () -> ManagerStandIn.describe(manager.calls()));
        }
        Http.delete(otherApi + "/forwarding", kc.adminToken());
    }

    @Test
    void configurationApiKeepsTheTokenSecretValidatesAndHonoursDisabled() {
        String admin = kc.adminToken();
        assertEquals(404, Http.get(api + "/forwarding", admin).status(), "not configured yet");
        String nowhere = kc.baseUrl() + "/admin/realms/preset/teams/no-such-team-" + System.nanoTime() + "/forwarding";
        assertEquals(404, Http.get(nowhere, admin).status());
        assertEquals(404, Http.put(nowhere, admin, config()).status());

        // created disabled, keyed by user id; the token is never shown
        Map<String, Object> body = config();
        body.put("enabled", false);
        body.put("baseUrl", manager.baseUrl() + "/");
        body.put("userKey", "id");
        JsonNode rep = configure(body);
        assertEquals(manager.baseUrl(), rep.path("baseUrl").asText(), "trailing slash trimmed: " + rep);
        assertFalse(rep.path("enabled").asBoolean(), rep::toString);
        assertEquals(remoteTeam, rep.path("remoteTeam").asText());
        assertEquals("id", rep.path("userKey").asText());
        assertEquals(wsAnalytics, rep.path("workspaceIds").path("analytics").asText(), rep::toString);
        assertTrue(rep.path("tokenSet").asBoolean(), rep::toString);
        assertFalse(rep.has("token"), rep::toString);
        Http.Response get = Http.get(api + "/forwarding", admin);
        assertEquals(rep, get.requireJson());
        assertFalse(get.body().contains(secret));

        // bad input: 400 with a message naming the problem, and nothing changes
        Map<String, String> badValues = Map.of(
                "baseUrl", "ftp://example.com",
                "userKey", "phone");
        for (Map.Entry<String, String> bad : badValues.entrySet()) {
            Map<String, Object> b = config();
            b.put(bad.getKey(), bad.getValue());
            Http.Response r = Http.put(api + "/forwarding", admin, b);
            assertEquals(400, r.status(), () -> bad + ": " + r);
            assertTrue(r.requireJson().path("errorMessage").asText().contains(bad.getKey()), () -> bad + ": " + r);
        }
        for (String url : List.of("not a url", "/relative/path", manager.baseUrl() + "?a=1", manager.baseUrl() + "#frag")) {
            Map<String, Object> b = config();
            b.put("baseUrl", url);
            Http.Response r = Http.put(api + "/forwarding", admin, b);
            assertEquals(400, r.status(), () -> url + ": " + r);
            assertFalse(r.requireJson().path("errorMessage").asText().isBlank(), r::toString);
        }
        Map<String, Object> noUrl = config();
        noUrl.remove("baseUrl");
        assertEquals(400, Http.put(api + "/forwarding", admin, noUrl).status(), "baseUrl is required");
        Map<String, Object> unknown = config();
        unknown.put("colour", "red");
        Http.Response u = Http.put(api + "/forwarding", admin, unknown);
        assertEquals(400, u.status(), u::toString);
        assertTrue(u.requireJson().path("errorMessage").asText().contains("colour"), u::toString);
        assertEquals(rep, Http.get(api + "/forwarding", admin).requireJson(), "refused requests changed nothing");

        // the secret shows nowhere: not in admin events, not in Keycloak's own component REST
        Http.Response events = Http.get(kc.baseUrl() + "/admin/realms/preset/admin-events?max=1000", admin);
        assertEquals(200, events.status(), events::toString);
        assertTrue(events.body().contains("teams/" + slug + "/forwarding"), "the PUT is an admin event");
        assertFalse(events.body().contains(secret), "token in an admin event");
        Http.Response components = Http.get(kc.baseUrl() + "/admin/realms/preset/components?name=" + slug, admin);
        assertEquals(200, components.status(), components::toString);
        assertTrue(components.body().contains("preset-manager"), components::toString);
        assertFalse(components.body().contains(secret), "token in clear in the component REST");
        // the settings travel with a realm export (Keycloak's partial export masks the secret; a full kc.sh export keeps it)
        Http.Response export = Http.post(kc.baseUrl() + "/admin/realms/preset/partial-export", admin, null);
        assertEquals(200, export.status(), export::toString);
        JsonNode exported = null;
        for (JsonNode c : export.requireJson().path("components").path("io.preset.teams.forward.PresetForwarder")) {
            if (slug.equals(c.path("name").asText())) {
                exported = c;
            }
        }
        assertNotNull(exported, () -> "no forwarding component of " + slug + " in " + export.requireJson().path("components"));
        assertEquals(rep.path("baseUrl").asText(), exported.path("config").path("baseUrl").path(0).asText(), exported::toString);
        assertFalse(export.body().contains(secret), "token in clear in a partial export");

        // disabled: nothing is sent
        String ann = unique("ann");
        String annId = scimUser(ann);
        sleep(SETTLE_MS);
        assertTrue(manager.calls().isEmpty(), () -> ManagerStandIn.describe(manager.calls()));

        // enabled again (token kept): the current state is sent once, keyed by the user id
        body.put("enabled", true);
        body.remove("token");
        JsonNode enabled = configure(body);
        assertTrue(enabled.path("tokenSet").asBoolean(), "an absent token keeps the stored one: " + enabled);
        assertDelivered(annId, List.of(join(annId, 2)));
        assertEquals("Bearer " + secret, manager.calls().get(0).authorization());
        Http.Response resync = Http.post(api + "/forwarding/resync", admin, null);
        assertEquals(200, resync.status(), resync::toString);
        assertEquals(0, resync.requireJson().path("enqueued").asInt(), "already in line: " + resync);

        // token removed: calls go without Authorization
        body.put("token", "");
        assertFalse(configure(body).path("tokenSet").asBoolean());
        putMember(annId, "Admin", Map.of());
        assertDelivered(annId, List.of(join(annId, 2), join(annId, 1)));
        assertNull(manager.calls().get(manager.calls().size() - 1).authorization());

        // permissions: view-users reads, cannot write; a plain user cannot read
        String viewer = "fwd-viewer-" + System.nanoTime();
        String viewerId = kc.createUser("preset", viewer, PASSWORD);
        var realmManagement = kc.realm("preset").clients().findByClientId("realm-management").get(0);
        RoleRepresentation viewUsers = kc.realm("preset").clients().get(realmManagement.getId()).roles().get("view-users")
                .toRepresentation();
        kc.realm("preset").users().get(viewerId).roles().clientLevel(realmManagement.getId()).add(List.of(viewUsers));
        String viewerToken = kc.userToken(viewer, PASSWORD);
        assertEquals(200, Http.get(api + "/forwarding", viewerToken).status());
        assertEquals(403, Http.put(api + "/forwarding", viewerToken, config()).status());
        assertEquals(403, Http.post(api + "/forwarding/resync", viewerToken, null).status());
        String plain = "fwd-plain-" + System.nanoTime();
        kc.createUser("preset", plain, PASSWORD);
        assertEquals(403, Http.get(api + "/forwarding", kc.userToken(plain, PASSWORD)).status());

        // deleted: gone, and nothing more is sent
        assertEquals(204, Http.delete(api + "/forwarding", admin).status());
        assertEquals(404, Http.get(api + "/forwarding", admin).status());
        int before = manager.calls().size();
        putMember(annId, "User", Map.of());
        sleep(SETTLE_MS);
        assertEquals(before, manager.calls().size(), () -> ManagerStandIn.describe(manager.calls()));
    }
}
