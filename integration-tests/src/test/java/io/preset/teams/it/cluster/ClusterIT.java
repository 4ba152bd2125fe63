package io.preset.teams.it.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.preset.teams.it.support.ClusterNode;
import io.preset.teams.it.support.Http;
import io.preset.teams.it.support.KeycloakCluster;
import io.preset.teams.it.support.RateLimits;
import io.preset.teams.it.support.Scim;

/**
 * Two Keycloak nodes on one PostgreSQL database (Keycloak's default clustering: ispn caches, jdbc-ping discovery).
 * Okta provisions {@value #USERS} users and pushes a group through both nodes from {@value #THREADS} threads; node 1
 * is killed with SIGKILL at {@value #KILL_AT_PERCENT}% and the client fails over to node 2. Afterwards every user,
 * membership and effective role is there exactly once, seen through the survivor, directly in the database, and
 * through node 1 once it is back. Before that, while both nodes run, a team's SCIM rate limit holds for the two
 * nodes together. See docs/cluster.md.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    static final int USERS = Integer.getInteger("it.cluster.users", 1000);
    static final int THREADS = 8;
    static final int CHUNK = 10;
    static final int KILL_AT_PERCENT = 40;
    static final int BUDGET_PER_MINUTE = 60;
    /** Admitted beyond the budget and its refill while the test runs: the refill of the one second rounded up. */
    static final int BUDGET_TOLERANCE = 2;
    private static final String WORKSPACE = "analytics";
    private static final String GROUP_ROLE = "PresetBeta";
    private static final String GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";

    private static KeycloakCluster cluster;
    private static Instant t0;

    @BeforeAll
    static void startCluster() {
        t0 = Instant.now();
        cluster = KeycloakCluster.start(2);
        lap("two nodes started");
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
        lap("cluster stopped");
    }

    /**
     * {@value #BUDGET_PER_MINUTE} requests per minute for the team, sent twice over: half of the requests to each
     * node, from two threads per node at once. Admitted in all: the budget plus what refilled meanwhile (one per
     * second) plus {@value #BUDGET_TOLERANCE}, never twice the budget as with a count per node.
     */
    @Test
    @Order(1)
    void aTeamsRateLimitIsOneBudgetForBothNodes() throws Exception {
        ClusterNode node1 = cluster.node(1);
        ClusterNode node2 = cluster.node(2);
        String slug = Scim.createTeam(node1, "budget");
        RateLimits.set(node1, slug, BUDGET_PER_MINUTE);
        String token = Scim.mintToken(node2, slug, "budget IT");
        Thread.sleep(2000); // the realm attribute reaches node 2's realm cache (an invalidation message)
        List<Scim> nodes = List.of(new Scim(node1, slug, token), new Scim(node2, slug, token));
        Map<String, AtomicInteger> admitted = new TreeMap<>();
        Map<String, AtomicInteger> refused = new TreeMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        Instant start = Instant.now();
        List<Future<?>> senders = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Scim scim = nodes.get(t % 2);
            String node = "node" + (t % 2 + 1);
            admitted.putIfAbsent(node, new AtomicInteger());
            refused.putIfAbsent(node, new AtomicInteger());
            senders.add(pool.submit(() -> {
                for (int i = 0; i < BUDGET_PER_MINUTE / 2; i++) {
                    Http.Response r = scim.get("/ServiceProviderConfig");
                    if (r.status() == 200) {
                        admitted.get(node).incrementAndGet();
                    } else {
                        assertEquals(429, r.status(), r::toString);
                        assertTrue(r.header("Retry-After") != null && r.header("Retry-After").matches("[1-9]\\d*"), r::toString);
                        assertEquals(Scim.ERROR, r.requireJson().path("schemas").path(0).asText(), r::toString);
                        refused.get(node).incrementAndGet();
                    }
                }
                return null;
            }));
        }
        pool.shutdown();
        for (Future<?> f : senders) {
            f.get(5, TimeUnit.MINUTES);
        }
        double seconds = since(start);
        int total = admitted.values().stream().mapToInt(AtomicInteger::get).sum();
        int bound = BUDGET_PER_MINUTE + (int) Math.ceil(seconds * BUDGET_PER_MINUTE / 60.0) + BUDGET_TOLERANCE;
        System.out.printf("[cluster] budget %d/min, %d requests over both nodes in %.1f s: admitted %s, refused %s;"
                        + " %d admitted in all (at most %d allowed)%n",
                BUDGET_PER_MINUTE, 2 * BUDGET_PER_MINUTE, seconds, admitted, refused, total, bound);
        assertTrue(total >= BUDGET_PER_MINUTE, () -> "the whole budget is usable: " + total);
        assertTrue(total <= bound, () -> total + " admitted, at most " + bound);
        assertTrue(admitted.get("node1").get() > 0 && admitted.get("node2").get() > 0, () -> "both nodes admit: " + admitted);
        lap("one rate-limit budget for both nodes");
    }

    @Test
    @Order(2)
    void provisioningThroughTwoNodesSurvivesTheLossOfOne() throws Exception {
        ClusterNode node1 = cluster.node(1);
        ClusterNode node2 = cluster.node(2);

        // one cluster, formed through the jdbc-ping table of the shared database
        for (ClusterNode node : List.of(node1, node2)) {
            String view = node.awaitClusterView(2, Duration.ofSeconds(60));
            System.out.println("[cluster] node " + node.index() + ": " + view);
            assertTrue(view.contains("node1(") && view.contains("node2("), "both nodes in the view of node " + node.index() + ": " + view);
        }
        assertEquals(2, jgroupsPingRows(), "members in the jdbc-ping table");

        // a team with a workspace and a pushed group mapped to a workspace role, set up across both nodes
        String slug = Scim.createTeam(node1, "cluster");
        String api = node2.baseUrl() + "/admin/realms/preset/teams/" + slug;
        Http.Response ws = Http.post(api + "/workspaces", node2.adminToken(), Map.of("name", WORKSPACE, "title", "Analytics"));
        assertEquals(201, ws.status(), ws::toString);
        // the per-node SCIM rate limit (a realm attribute, so this also crosses the cluster's realm cache) would
        // only slow the load down; the client below honours 429 all the same
        RateLimits.relax(node1, slug);
        String token = Scim.mintToken(node1, slug, "cluster IT");
        Scim scim1 = new Scim(node1, slug, token);
        Scim scim2 = new Scim(node2, slug, token);
        Http.Response group = scim2.post("/Groups", Map.of("schemas", List.of(GROUP), "displayName", "Analysts", "members", List.of()));
        assertEquals(201, group.status(), group::toString);
        String groupId = group.requireJson().path("id").asText();
        Http.Response mapped = Http.put(node1.baseUrl() + "/admin/realms/preset/teams/" + slug + "/groups/" + groupId + "/roles",
                node1.adminToken(), Map.of("workspaceRoles", Map.of(WORKSPACE, GROUP_ROLE)));
        assertEquals(200, mapped.status(), mapped::toString);

        // cache coherence: node 2 has the user cached; a change through node 1 shows on node 2 at once
        Http.Response probe = scim1.post("/Users", Scim.oktaUser("probe@cluster.test", "Before", "Probe"));
        assertEquals(201, probe.status(), probe::toString);
        String probeId = probe.requireJson().path("id").asText();
        assertEquals("Before", scim2.get("/Users/" + probeId).requireJson().path("name").path("givenName").asText());
        Http.Response renamed = scim1.patch("/Users/" + probeId, Scim.patch(Map.<String, Object>of("op", "replace", "path", "name.givenName", "value", "After")));
        assertEquals(200, renamed.status(), renamed::toString);
        assertEquals("After", scim2.get("/Users/" + probeId).requireJson().path("name").path("givenName").asText(),
                "node 2 serves the change made through node 1");
        lap("team, workspace, mapped group and cache coherence across both nodes");

        // the load, with node 1 killed in the middle
        FailoverScimClient okta = new FailoverScimClient(List.of(scim1, scim2));
        Map<String, String> ids = new ConcurrentHashMap<>();
        AtomicInteger done = new AtomicInteger();
        AtomicBoolean killed = new AtomicBoolean();
        List<String> serverErrorsBeforeKill = new java.util.concurrent.CopyOnWriteArrayList<>();
        int killAt = USERS * KILL_AT_PERCENT / 100;
        Thread[] killer = new Thread[1];
        Instant loadStart = Instant.now();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> chunks = new ArrayList<>();
        for (int from = 0; from < USERS; from += CHUNK) {
            int start = from;
            chunks.add(pool.submit(() -> {
                List<Map<String, Object>> groupMembers = new ArrayList<>();
                for (int i = start; i < Math.min(start + CHUNK, USERS); i++) {
                    String userName = userName(i);
                    String id = okta.ensureUser(userName);
                    ids.put(userName, id);
                    if (inGroup(i)) {
                        groupMembers.add(Map.of("value", id, "display", userName));
                    }
                }
                okta.addMembers(groupId, groupMembers);
                if (done.addAndGet(CHUNK) >= killAt && killed.compareAndSet(false, true)) {
                    serverErrorsBeforeKill.addAll(okta.serverErrors);
                    System.out.printf("[cluster] %d users provisioned in %.1f s: killing node 1%n", done.get(), since(loadStart));
                    killer[0] = new Thread(node1::kill, "kill-node1");
                    killer[0].start();
                }
                return null;
            }));
        }
        pool.shutdown();
        for (Future<?> f : chunks) {
            f.get(10, TimeUnit.MINUTES);
        }
        if (killer[0] != null) {
            killer[0].join();
        }
        double loadSeconds = since(loadStart);
        System.out.printf("[cluster] load: %d users and %d group PATCHes in %.1f s (%.0f users/s); %d requests, %d retries,"
                        + " %d POSTs answered 409 after a lost outcome, %d lookups resolved them, %d throttled (429)%n",
                USERS, chunks.size(), loadSeconds, USERS / loadSeconds, okta.requests.get(), okta.retries.get(),
                okta.lostOutcomes.get(), okta.conflictsResolved.get(), okta.throttled.get());
        System.out.println("[cluster] transport failures (" + okta.failures.size() + "): " + first(okta.failures, 10));
        System.out.println("[cluster] 5xx answers (" + okta.serverErrors.size() + "): " + first(okta.serverErrors, 20));
        assertEquals(List.of(), serverErrorsBeforeKill, "5xx answers while both nodes were up");
        assertTrue(!node1.isRunning(), "node 1 was killed");
        assertEquals(USERS, ids.size());
        lap("load with node 1 killed at " + KILL_AT_PERCENT + "%");

        // node 2 alone forms the cluster now
        String alone = node2.awaitClusterView(1, Duration.ofSeconds(60));
        System.out.println("[cluster] node 2: " + alone);
        assertTrue(alone.contains("[node2("), alone);

        assertServedCorrectly(node2, scim2, slug, groupId, ids);
        lap("checked through the survivor");
        assertDatabaseHasEverythingOnce(slug, groupId);
        lap("checked in the database");

        // node 1 comes back, joins, and serves the same data
        node1.start(false, Duration.ofSeconds(Long.getLong("kc.startup.timeout", 300)));
        System.out.println("[cluster] node 1: " + node1.awaitClusterView(2, Duration.ofSeconds(60)));
        node2.awaitClusterView(2, Duration.ofSeconds(60));
        assertServedCorrectly(node1, scim1, slug, groupId, ids);
        Http.Response renamedAgain = scim2.patch("/Users/" + probeId, Scim.patch(Map.<String, Object>of("op", "replace", "path", "name.givenName", "value", "Again")));
        assertEquals(200, renamedAgain.status(), renamedAgain::toString);
        assertEquals("Again", scim1.get("/Users/" + probeId).requireJson().path("name").path("givenName").asText(),
                "the restarted node 1 serves the change made through node 2");
        lap("node 1 restarted and checked");
    }

    /** Every userName once in SCIM, every user an active member, the group's members once, their mapped role effective. */
    private static void assertServedCorrectly(ClusterNode node, Scim scim, String slug, String groupId, Map<String, String> ids) {
        Map<String, Integer> scimUserNames = new HashMap<>();
        int total = Integer.MAX_VALUE;
        for (int startIndex = 1; startIndex <= total; startIndex += 500) {
            Http.Response page = scim.get("/Users?startIndex=" + startIndex + "&count=500&attributes=userName");
            assertEquals(200, page.status(), page::toString);
            total = page.requireJson().path("totalResults").asInt();
            for (JsonNode u : page.requireJson().path("Resources")) {
                scimUserNames.merge(u.path("userName").asText(), 1, Integer::sum);
            }
        }
        assertEquals(USERS + 1, total, "SCIM totalResults on node " + node.index() + " (the users and the probe)");
        for (int i = 0; i < USERS; i++) {
            assertEquals(1, scimUserNames.getOrDefault(userName(i), 0), userName(i) + " in SCIM /Users on node " + node.index());
        }

        Map<String, JsonNode> members = new HashMap<>();
        for (int first = 0; first <= USERS; first += 1000) {
            Http.Response page = Http.get(node.baseUrl() + "/admin/realms/preset/teams/" + slug + "/members?first=" + first + "&max=1000",
                    node.adminToken());
            assertEquals(200, page.status(), page::toString);
            for (JsonNode m : page.requireJson().path("members")) {
                assertTrue(members.put(m.path("userId").asText(), m) == null, "member listed twice: " + m);
            }
        }
        assertEquals(USERS + 1, members.size(), "team members on node " + node.index());

        Http.Response group = scim.get("/Groups/" + groupId);
        assertEquals(200, group.status(), group::toString);
        List<String> groupMemberIds = new ArrayList<>();
        group.requireJson().path("members").forEach(m -> groupMemberIds.add(m.path("value").asText()));
        assertEquals(groupMemberIds.size(), new TreeSet<>(groupMemberIds).size(), "a group member listed twice");

        Set<String> expectedGroup = new TreeSet<>();
        for (int i = 0; i < USERS; i++) {
            String userName = userName(i);
            JsonNode member = members.get(ids.get(userName));
            assertTrue(member != null, userName + " is a member (node " + node.index() + ")");
            assertTrue(member.path("active").asBoolean(), userName + " is active: " + member);
            JsonNode role = member.path("workspaceRoles").path(WORKSPACE).path("role");
            if (inGroup(i)) {
                expectedGroup.add(ids.get(userName));
                assertEquals(GROUP_ROLE, role.asText(), userName + " has the group's workspace role: " + member);
            } else {
                assertTrue(role.isMissingNode() || role.isNull(), userName + " has no workspace role: " + member);
            }
        }
        assertEquals(expectedGroup, new TreeSet<>(groupMemberIds), "members of the pushed group on node " + node.index());
    }

    /** The database itself: one Keycloak user, one SCIM record, one team membership and at most one group row per userName. */
    private static void assertDatabaseHasEverythingOnce(String slug, String groupId) throws SQLException {
        try (Connection c = cluster.openDatabaseConnection()) {
            Map<String, Long> users = countBy(c, "SELECT u.username, count(*) FROM user_entity u JOIN realm r ON r.id = u.realm_id"
                    + " WHERE r.name = 'preset' AND u.username LIKE 'cl-%' GROUP BY u.username");
            Map<String, Long> scimUsers = countBy(c, "SELECT lower(s.user_name), count(*) FROM preset_scim_user s"
                    + " WHERE lower(s.user_name) LIKE 'cl-%' GROUP BY lower(s.user_name)");
            Map<String, Long> memberships = countBy(c, "SELECT u.username, count(*) FROM preset_team_member m"
                    + " JOIN preset_team t ON t.id = m.team_id JOIN user_entity u ON u.id = m.user_id"
                    + " WHERE t.slug = '" + slug + "' AND m.active AND u.username LIKE 'cl-%' GROUP BY u.username");
            Map<String, Long> groupRows = countBy(c, "SELECT u.username, count(*) FROM user_group_membership g"
                    + " JOIN user_entity u ON u.id = g.user_id WHERE g.group_id = '" + groupId + "' GROUP BY u.username");
            for (int i = 0; i < USERS; i++) {
                String userName = userName(i);
                assertEquals(1L, users.getOrDefault(userName, 0L), userName + " in USER_ENTITY");
                assertEquals(1L, scimUsers.getOrDefault(userName, 0L), userName + " in PRESET_SCIM_USER");
                assertEquals(1L, memberships.getOrDefault(userName, 0L), userName + " active in PRESET_TEAM_MEMBER");
                assertEquals(inGroup(i) ? 1L : 0L, groupRows.getOrDefault(userName, 0L), userName + " in USER_GROUP_MEMBERSHIP");
            }
            assertEquals(USERS, users.size(), "cl-* users in USER_ENTITY");
            assertEquals(USERS, memberships.size(), "cl-* active members");
            assertEquals(USERS / 2, groupRows.size(), "rows of the pushed group");
        }
    }

    private static Map<String, Long> countBy(Connection c, String sql) throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        try (PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getLong(2));
            }
        }
        return counts;
    }

    private static int jgroupsPingRows() throws SQLException {
        try (Connection c = cluster.openDatabaseConnection();
             PreparedStatement s = c.prepareStatement("SELECT count(*) FROM jgroups_ping");
             ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static String userName(int i) {
        return String.format("cl-%04d@cluster.test", i);
    }

    /** Every other user is in the pushed group. */
    private static boolean inGroup(int i) {
        return i % 2 == 0;
    }

    private static String first(java.util.Collection<String> lines, int n) {
        return lines.stream().limit(n).toList() + (lines.size() > n ? " ..." : "");
    }

    private static double since(Instant start) {
        return Duration.between(start, Instant.now()).toMillis() / 1000.0;
    }

    private static void lap(String what) {
        System.out.printf("[cluster] %6.1f s  %s%n", since(t0), what);
    }
}
