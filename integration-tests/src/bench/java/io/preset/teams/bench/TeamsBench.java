package io.preset.teams.bench;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;

import io.preset.teams.it.support.KeycloakServer;
import io.preset.teams.it.support.KeycloakTarget;
import io.preset.teams.it.support.RateLimits;
import io.preset.teams.it.support.Scim;

import org.junit.jupiter.api.Test;

/**
 * Issue #9: our SCIM beside Keycloak's admin REST API and Keycloak's built-in SCIM preview, in one run on one
 * server (PostgreSQL). See docs/benchmarks.md for the method; run with
 * {@code ./mvnw -B verify -pl integration-tests -am -Pbench -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false}.
 * Prints a Markdown report and writes it to
 * {@code target/bench-results.md}.
 */
class TeamsBench {

    private static final String REALM = KeycloakTarget.REALM;
    private static final String TEAM = "bench";
    private static final String CREATE_TEAM = "bench-create";
    private static final String SCIM_JSON = "application/scim+json";
    private static final String JSON = "application/json";

    private final List<Integer> sizes = Arrays.stream(System.getProperty("bench.sizes", "1000,10000,100000").split(","))
            .map(String::trim).map(Integer::parseInt).toList();
    private final int listSize = Integer.getInteger("bench.list.size", 10_000);
    private final int warmup = Integer.getInteger("bench.warmup", 20);
    private final int creates = Integer.getInteger("bench.creates", 200);
    private final int lookups = Integer.getInteger("bench.lookups", 200);
    private final int walks = Integer.getInteger("bench.walks", 5);
    private final int patchRounds = Integer.getInteger("bench.patch.rounds", 10);
    private final int recomputeRounds = Integer.getInteger("bench.recompute.rounds", 5);
    private final boolean heapAdmin = Boolean.getBoolean("bench.heap.admin");
    /** Keycloak's SCIM preview lists with deep OFFSETs over the whole realm: minutes per walk at 100k, so optional. */
    private final boolean listBuiltin = Boolean.parseBoolean(System.getProperty("bench.list.builtin", "true"));
    private final int clients = Integer.getInteger("bench.clients", 8);
    /** users of other teams added after the first size is measured: the rest of a Preset realm */
    private final int realmUsers = Integer.getInteger("bench.realm.users", 0);
    private final int otherTeams = Integer.getInteger("bench.teams", 1000);
    private static final int OTHER_USERS_FROM = 2_000_001;
    private final int concurrentCreates = Integer.getInteger("bench.concurrent.creates", 50);
    private final int reserve = 500;
    /** which measurements to run (all by default): create,concurrent,lookup,email,list,forward,patch,recompute,heap */
    private final List<String> parts = List.of(System.getProperty("bench.parts",
            "create,concurrent,lookup,email,list,forward,patch,recompute,heap").split(","));
    /** how long the forward part waits for the outbox to drain before it reports what was sent by then */
    private final int drainSeconds = Integer.getInteger("bench.forward.drain.seconds", 240);

    private final BenchHttp http = new BenchHttp();
    private final Random random = new Random(9);
    private final StringBuilder report = new StringBuilder();
    private final Map<String, Stats> results = new LinkedHashMap<>();
    private KeycloakTarget kc;
    private BuiltinScim builtin;
    private String scimToken;
    private String createToken;

    @Test
    void run() throws Exception {
        Instant t0 = Instant.now();
        String loadBefore = Files.readString(Paths.get("/proc/loadavg")).trim();
        kc = KeycloakServer.get();
        Path workDir = Paths.get(System.getProperty("kc.work.dir", "target")).toAbsolutePath();
        try {
            if (List.of("create", "concurrent").containsAll(parts)) {
                setUp();
                measureCreatesOnly();
            } else {
                try (Seeder db = Seeder.connect(workDir, kc.db())) {
                    measureAll(db);
                }
            }
        } finally {
            String loadAfter = Files.readString(Paths.get("/proc/loadavg")).trim();
            writeReport(t0, loadBefore, loadAfter);
        }
    }

    private void measureCreatesOnly() throws Exception {
        if (parts.contains("create")) {
            measureCreates();
        }
        if (parts.contains("concurrent")) {
            measureConcurrentCreates();
        }
    }

    private void measureAll(Seeder db) throws Exception {
        {
            setUp();
            String realmId = db.realmId(REALM);
            String teamId = db.teamId(TEAM);
            log("set-up done; measuring creates");
            measureCreatesOnly();

            int seeded = 0;
            String g0 = null;
            String g10k = null;
            String g100 = null;
            for (int size : sizes) {
                int target = size == listSize ? size + reserve : size;
                Instant s0 = Instant.now();
                if (target > seeded) {
                    db.seedUsers(seeded + 1, target, realmId, teamId);
                    seeded = target;
                }
                if (size == listSize) {
                    g0 = createGroup("g-empty");
                    g10k = createGroup("g-" + listSize);
                    g100 = createGroup("g-small");
                    db.seedGroupMembers(g10k, 1, listSize);
                    db.seedGroupMembers(g100, 1, 100);
                }
                db.analyze();
                log("seeded " + seeded + " users in " + Duration.between(s0, Instant.now()).toMillis() + " ms");
                if (parts.contains("lookup")) {
                    measureLookups(size, seeded);
                }
                if (size == sizes.get(0) && realmUsers > 0) {
                    Instant r0 = Instant.now();
                    db.seedOtherTeams(otherTeams, OTHER_USERS_FROM, OTHER_USERS_FROM + realmUsers - 1, realmId);
                    db.analyze();
                    log("seeded " + realmUsers + " users of " + otherTeams + " other teams in "
                            + Duration.between(r0, Instant.now()).toSeconds() + " s");
                    realmNote = String.format("after the first size, %,d users of %,d other teams were added (%,d users in"
                            + " the realm at the last size)", realmUsers, otherTeams, realmUsers + sizes.get(sizes.size() - 1));
                }
                if (size == listSize && parts.contains("email")) {
                    measureEmailFilters(size, seeded);
                }
                if (size == listSize && parts.contains("list")) {
                    measureListing(size);
                }
                if (size == listSize && parts.contains("forward")) {
                    measureForward(db, realmId, teamId, size);
                }
                if (size == listSize && parts.contains("patch")) {
                    measurePatch(g0, g10k, size);
                }
                if (size == listSize && parts.contains("recompute")) {
                    measureRecompute(g100, g10k, size);
                }
            }
            if (parts.contains("heap")) {
                measureHeap(seeded);
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ set-up

    private void setUp() {
        for (String slug : List.of(TEAM, CREATE_TEAM)) {
            http.send("POST", kc.baseUrl() + "/admin/realms/" + REALM + "/teams", admin(), JSON,
                    Map.of("slug", slug, "title", slug)).expect(201);
            RateLimits.relax(kc, slug);
        }
        http.send("POST", kc.baseUrl() + "/admin/realms/" + REALM + "/teams/" + TEAM + "/workspaces", admin(), JSON,
                Map.of("name", "ws1", "title", "Workspace 1")).expect(201);
        scimToken = "Bearer " + Scim.mintToken(kc, TEAM, "bench");
        createToken = "Bearer " + Scim.mintToken(kc, CREATE_TEAM, "bench");
        builtin = BuiltinScim.enable(kc, http);
    }

    private String admin() {
        return "Bearer " + kc.adminToken();
    }

    private String ours(String slug) {
        return kc.realmUrl(REALM) + "/teams/" + slug + "/scim/v2";
    }

    private String adminUsers() {
        return kc.baseUrl() + "/admin/realms/" + REALM + "/users";
    }

    private String createGroup(String name) {
        return http.send("POST", ours(TEAM) + "/Groups", scimToken, SCIM_JSON,
                Map.of("schemas", List.of("urn:ietf:params:scim:schemas:core:2.0:Group"), "displayName", name))
                .expect(201).json().path("id").asText();
    }

    // ------------------------------------------------------------------------------------------------ create

    private void measureCreates() {
        Stats ours = stats("create: our SCIM POST /Users");
        Stats rest = stats("create: admin REST POST /users");
        Stats preview = stats("create: built-in SCIM POST /Users");
        int batch = 10;
        int n = 0;
        for (int done = -warmup; done < creates; done += batch) {
            boolean measured = done >= 0;
            for (int i = 0; i < batch; i++) {
                String u = "c-ours-" + (n + i) + "@example.test";
                double ms = http.send("POST", ours(CREATE_TEAM) + "/Users", createToken, SCIM_JSON, scimUser(u)).expect(201).millis();
                if (measured) {
                    ours.add(ms);
                }
            }
            for (int i = 0; i < batch; i++) {
                String u = "c-rest-" + (n + i) + "@example.test";
                double ms = http.send("POST", adminUsers(), admin(), JSON, Map.of("username", u, "email", u,
                        "firstName", "Given", "lastName", "Family", "enabled", true)).expect(201).millis();
                if (measured) {
                    rest.add(ms);
                }
            }
            for (int i = 0; i < batch; i++) {
                String u = "c-builtin-" + (n + i) + "@example.test";
                double ms = http.send("POST", builtin.base() + "/Users", builtin.auth(), SCIM_JSON, scimUser(u)).expect(201).millis();
                if (measured) {
                    preview.add(ms);
                }
            }
            n += batch;
        }
    }

    /**
     * Okta and Entra send in parallel: {@code bench.clients} clients (own keep-alive connection each) create
     * {@code bench.concurrent.creates} users apiece, all through our SCIM, then all through admin REST, twice in
     * turn; throughput is creates per second of wall time of a phase. Both APIs see the same concurrency.
     */
    private void measureConcurrentCreates() throws InterruptedException {
        Map<String, List<Double>> perSecond = new LinkedHashMap<>();
        perSecond.put("ours", new ArrayList<>());
        perSecond.put("rest", new ArrayList<>());
        for (int round = -1; round < 2; round++) {
            for (String api : List.of("ours", "rest")) {
                String authorization = api.equals("ours") ? createToken : admin();
                int r = round;
                double wallMs = inParallel(clients, (client, h) -> {
                    for (int i = 0; i < concurrentCreates; i++) {
                        String u = "p-" + api + "-" + (r + 1) + "-" + client + "-" + i + "@example.test";
                        if (api.equals("ours")) {
                            h.send("POST", ours(CREATE_TEAM) + "/Users", authorization, SCIM_JSON, scimUser(u)).expect(201);
                        } else {
                            h.send("POST", adminUsers(), authorization, JSON, Map.of("username", u, "email", u,
                                    "firstName", "Given", "lastName", "Family", "enabled", true)).expect(201);
                        }
                    }
                });
                if (round >= 0) { // round -1 warms both up
                    perSecond.get(api).add(clients * concurrentCreates / (wallMs / 1000));
                }
            }
        }
        double ours = perSecond.get("ours").stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        double rest = perSecond.get("rest").stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        concurrentRows.add(String.format("| %d clients × %d creates, 2 rounds | %s | %s | %.0f | %.0f |", clients,
                concurrentCreates, perSecond.get("ours").stream().map(v -> String.format("%.0f", v)).toList(),
                perSecond.get("rest").stream().map(v -> String.format("%.0f", v)).toList(), ours, rest));
        concurrentRatio = ours / rest;
    }

    private interface ClientWork {
        void run(int client, BenchHttp http);
    }

    /** Runs {@code work} on {@code n} threads, each with its own client, and returns the wall time in ms. */
    private static double inParallel(int n, ClientWork work) throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        for (int c = 0; c < n; c++) {
            int client = c;
            BenchHttp h = new BenchHttp();
            Thread t = new Thread(() -> {
                try {
                    start.await();
                    work.run(client, h);
                } catch (Throwable e) {
                    failures.add(e);
                }
            }, "bench-client-" + c);
            t.start();
            threads.add(t);
        }
        long t0 = System.nanoTime();
        start.countDown();
        for (Thread t : threads) {
            t.join();
        }
        double ms = (System.nanoTime() - t0) / 1e6;
        if (!failures.isEmpty()) {
            throw new IllegalStateException(failures.size() + " client(s) failed; first: " + failures.get(0), failures.get(0));
        }
        return ms;
    }

    private final List<String> concurrentRows = new ArrayList<>();
    private String realmNote;
    private double concurrentRatio = Double.NaN;

    private static Map<String, Object> scimUser(String userName) {
        return Map.of("schemas", List.of("urn:ietf:params:scim:schemas:core:2.0:User"),
                "userName", userName,
                "name", Map.of("givenName", "Given", "familyName", "Family"),
                "emails", List.of(Map.of("primary", true, "value", userName, "type", "work")),
                "displayName", "Given Family",
                "active", true);
    }

    // ------------------------------------------------------------------------------------------------ lookup

    private void measureLookups(int size, int seeded) {
        Stats ours = stats("lookup userName eq @" + size + ": our SCIM");
        Stats rest = stats("lookup username exact @" + size + ": admin REST");
        Stats preview = stats("lookup userName eq @" + size + ": built-in SCIM");
        // the other lookups Okta and Entra send before a create
        Stats external = stats("lookup externalId eq @" + size + ": our SCIM");
        Stats email = stats("lookup emails eq @" + size + ": our SCIM");
        Stats valuePath = stats("lookup emails[type eq work and value eq] @" + size + ": our SCIM");
        for (int k = -warmup; k < lookups; k++) {
            int i = 1 + random.nextInt(seeded);
            String u = Seeder.userName(i);
            String filter = "?filter=" + enc("userName eq \"" + u + "\"");
            for (Object[] shape : new Object[][] {{external, "externalId eq \"00u" + i + "\""}, {email, "emails eq \"" + u + "\""},
                    {valuePath, "emails[type eq \"work\" and value eq \"" + u + "\"]"}}) {
                BenchHttp.Result r = http.send("GET", ours(TEAM) + "/Users?filter=" + enc((String) shape[1]), scimToken,
                        SCIM_JSON, null).expect(200);
                if (k == 0) {
                    requireOne(r, "Resources");
                }
                if (k >= 0) {
                    ((Stats) shape[0]).add(r.millis());
                }
            }
            BenchHttp.Result a = http.send("GET", ours(TEAM) + "/Users" + filter, scimToken, SCIM_JSON, null).expect(200);
            BenchHttp.Result b = http.send("GET", adminUsers() + "?exact=true&username=" + enc(u), admin(), JSON, null).expect(200);
            BenchHttp.Result c = http.send("GET", builtin.base() + "/Users" + filter, builtin.auth(), SCIM_JSON, null).expect(200);
            if (k == 0) {
                requireOne(a, "Resources");
                requireOne(c, "Resources");
                if (b.json().size() != 1) {
                    throw new IllegalStateException("admin REST lookup of " + u + " found " + b.body());
                }
            }
            if (k >= 0) {
                ours.add(a.millis());
                rest.add(b.millis());
                preview.add(c.millis());
            }
        }
    }

    /**
     * Value-path email filters of our SCIM (Entra's and Okta's shapes): {@code eq} and {@code sw}, which an index
     * serves, and {@code co}, which reads every work email of the team (the cost model weighs it 17).
     */
    private void measureEmailFilters(int size, int seeded) {
        Stats eq = stats("emails[type eq work and value eq] @" + size + ": our SCIM");
        Stats sw = stats("emails[type eq work and value sw] @" + size + ": our SCIM");
        Stats co = stats("emails[type eq work and value co] @" + size + ": our SCIM");
        for (int k = -warmup; k < lookups; k++) {
            int i = 1 + random.nextInt(seeded);
            String u = Seeder.userName(i);
            BenchHttp.Result a = http.send("GET", ours(TEAM) + "/Users?filter="
                    + enc("emails[type eq \"work\" and value eq \"" + u + "\"]"), scimToken, SCIM_JSON, null).expect(200);
            // a prefix that ten users share: bench-user-000123 matches 1230..1239
            String prefix = u.substring(0, u.indexOf('@') - 1);
            BenchHttp.Result b = http.send("GET", ours(TEAM) + "/Users?count=10&filter="
                    + enc("emails[type eq \"work\" and value sw \"" + prefix + "\"]"), scimToken, SCIM_JSON, null).expect(200);
            String middle = u.substring(5, u.indexOf('@'));
            BenchHttp.Result c = http.send("GET", ours(TEAM) + "/Users?count=10&filter="
                    + enc("emails[type eq \"work\" and value co \"" + middle + "\"]"), scimToken, SCIM_JSON, null).expect(200);
            if (k == 0) {
                requireOne(a, "Resources");
                if (b.json().path("totalResults").asInt() < 1 || c.json().path("totalResults").asInt() != 1) {
                    throw new IllegalStateException("email filters of " + u + ": " + b.body() + " / " + c.body());
                }
            }
            if (k >= 0) {
                eq.add(a.millis());
                sw.add(b.millis());
                co.add(c.millis());
            }
        }
    }

    private static void requireOne(BenchHttp.Result r, String field) {
        if (r.json().path(field).size() != 1) {
            throw new IllegalStateException("expected one result: " + r.body());
        }
    }

    // ------------------------------------------------------------------------------------------------ listing

    private void measureListing(int size) {
        int page = 100;
        Stats ours = stats("list " + size + " (pages of " + page + "): our SCIM, whole walk");
        Stats rest = stats("list " + size + " (pages of " + page + "): admin REST, whole walk");
        Stats preview = stats("list " + size + " (pages of " + page + "): built-in SCIM, whole walk");
        for (int w = -1; w < walks; w++) {
            double a = walk(i -> http.send("GET", ours(TEAM) + "/Users?startIndex=" + (i + 1) + "&count=" + page, scimToken,
                    SCIM_JSON, null).expect(200), size, page, "Resources");
            double b = walk(i -> http.send("GET", adminUsers() + "?first=" + i + "&max=" + page, admin(), JSON, null)
                    .expect(200), size, page, null);
            double c = !listBuiltin ? Double.NaN : walk(i -> http.send("GET", builtin.base() + "/Users?startIndex=" + (i + 1)
                    + "&count=" + page, builtin.auth(), SCIM_JSON, null).expect(200), size, page, "Resources");
            if (w >= 0) {
                ours.add(a);
                rest.add(b);
                if (listBuiltin) {
                    preview.add(c);
                }
            }
        }
    }

    private double walk(java.util.function.IntFunction<BenchHttp.Result> pageAt, int size, int page, String field) {
        double total = 0;
        for (int i = 0; i < size; i += page) {
            BenchHttp.Result r = pageAt.apply(i);
            int got = field == null ? r.json().size() : r.json().path(field).size();
            if (got != page) {
                throw new IllegalStateException("page at " + i + " has " + got + " entries, expected " + page);
            }
            total += r.millis();
        }
        return total;
    }

    // ------------------------------------------------------------------------------------------------ PATCH

    private void measurePatch(String g0, String gBig, int size) {
        Stats small = stats("PATCH add 100 members: group of 0");
        Stats big = stats("PATCH add 100 members: group of " + size);
        // the default answer is 200 with the whole group up to 100 members, 204 above (RFC 7644 3.5.2 allows both);
        // excludedAttributes=members shows what the change itself costs
        Stats smallLean = stats("PATCH add 100 members, excludedAttributes=members: group of 0");
        Stats bigLean = stats("PATCH add 100 members, excludedAttributes=members: group of " + size);
        for (int r = -2; r < patchRounds; r++) {
            int from = listSize + 1 + Math.floorMod(r, reserve / 100) * 100;
            List<String> ids = new ArrayList<>();
            for (int i = from; i < from + 100; i++) {
                ids.add(Seeder.userId(i));
            }
            for (String g : List.of(g0, gBig)) {
                double ms = patchMembers(g, "add", ids, "");
                if (r >= 0) {
                    (g.equals(g0) ? small : big).add(ms);
                }
                patchMembers(g, "remove", ids, "?excludedAttributes=members");
                ms = patchMembers(g, "add", ids, "?excludedAttributes=members");
                if (r >= 0) {
                    (g.equals(g0) ? smallLean : bigLean).add(ms);
                }
                patchMembers(g, "remove", ids, "?excludedAttributes=members");
            }
        }
        int members = http.send("GET", ours(TEAM) + "/Groups/" + gBig, scimToken, SCIM_JSON, null).expect(200)
                .json().path("members").size();
        if (members != size) {
            throw new IllegalStateException("group of " + size + " has " + members + " members after the PATCH rounds");
        }
    }

    private double patchMembers(String group, String op, List<String> ids, String query) {
        List<Map<String, Object>> ops = new ArrayList<>();
        if (op.equals("add")) {
            ops.add(Map.of("op", "add", "path", "members", "value", ids.stream().map(id -> Map.of("value", id)).toList()));
        } else {
            ids.forEach(id -> ops.add(Map.of("op", "remove", "path", "members[value eq \"" + id + "\"]")));
        }
        return http.send("PATCH", ours(TEAM) + "/Groups/" + group + query, scimToken, SCIM_JSON,
                Map.of("schemas", List.of("urn:ietf:params:scim:api:messages:2.0:PatchOp"), "Operations", ops))
                .expect(200, 204).millis();
    }

    // ------------------------------------------------------------------------------------------------ recompute

    /**
     * Mapping changes alternate between {Admin, ws1: PresetAlpha} and {User, ws1: PresetBeta}. Taking Admin away
     * is the costly direction: every member who was an admin only through the group loses their Okta grants.
     */
    private void measureRecompute(String gSmall, String gBig, int size) {
        Stats smallUp = stats("mapping change to Admin (PUT roles): group of 100");
        Stats bigUp = stats("mapping change to Admin (PUT roles): group of " + size);
        Stats smallDown = stats("mapping change Admin to User (PUT roles): group of 100");
        Stats bigDown = stats("mapping change Admin to User (PUT roles): group of " + size);
        Stats read = stats("effective roles of a member of the big group (GET member)");
        String[][] mappings = {{"Admin", "PresetAlpha"}, {"User", "PresetBeta"}};
        for (int r = -2; r < 2 * recomputeRounds; r++) {
            String[] m = mappings[Math.floorMod(r, 2)];
            Map<String, Object> body = Map.of("teamRole", m[0], "workspaceRoles", Map.of("ws1", m[1]));
            for (String g : List.of(gSmall, gBig)) {
                double ms = http.send("PUT", kc.baseUrl() + "/admin/realms/" + REALM + "/teams/" + TEAM + "/groups/" + g
                        + "/roles", admin(), JSON, body).expect(200).millis();
                if (r >= 0) {
                    boolean up = m[0].equals("Admin");
                    (g.equals(gSmall) ? (up ? smallUp : smallDown) : (up ? bigUp : bigDown)).add(ms);
                }
            }
            BenchHttp.Result member = http.send("GET", kc.baseUrl() + "/admin/realms/" + REALM + "/teams/" + TEAM + "/members/"
                    + Seeder.userId(101 + random.nextInt(size - 100)), admin(), JSON, null).expect(200);
            if (r >= 0 && !member.body().contains("\"" + m[0] + "\"")) {
                throw new IllegalStateException("member does not show the mapped role " + m[0] + ": " + member.body());
            }
            if (r >= 0) {
                read.add(member.millis());
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ forward

    private static final String OTHER_TEAM = "bench-other";
    private static final int OTHER_FROM = 3_000_001;
    private static final int OTHER_USERS = 1000;
    private final List<String> forwardRows = new ArrayList<>();

    /**
     * Issue #16: a pushed group of {@code size} members mapped to Admin and back with forwarding on. The target (a
     * {@link io.preset.teams.it.support.ManagerStandIn}) already knows every member as User (forward state seeded), so
     * each direction is one PATCH per member. Measures each PUT's wall time, another team's SCIM lookup latency
     * idle / during the PUTs / during the drain, the time until the outbox drained and the dispatcher's calls/s, and
     * checks that each user's calls arrived in the outbox's seq order, each once.
     */
    private void measureForward(Seeder db, String realmId, String teamId, int size) throws Exception {
        http.send("POST", kc.baseUrl() + "/admin/realms/" + REALM + "/teams", admin(), JSON,
                Map.of("slug", OTHER_TEAM, "title", OTHER_TEAM)).expect(201);
        RateLimits.relax(kc, OTHER_TEAM);
        String otherId = db.teamId(OTHER_TEAM);
        db.seedUsers(OTHER_FROM, OTHER_FROM + OTHER_USERS - 1, realmId, otherId);
        String otherToken = "Bearer " + Scim.mintToken(kc, OTHER_TEAM, "bench");
        String group = createGroup("g-fwd-" + size);
        db.seedGroupMembers(group, 1, size);
        db.seedForwardState(realmId, teamId);
        db.analyze();
        String teamApi = kc.baseUrl() + "/admin/realms/" + REALM + "/teams/" + TEAM;
        try (io.preset.teams.it.support.ManagerStandIn manager = io.preset.teams.it.support.ManagerStandIn.start()) {
            Map<String, Object> config = new LinkedHashMap<>();
            config.put("enabled", true);
            config.put("baseUrl", manager.baseUrl());
            config.put("remoteTeam", "remote-bench");
            config.put("userKey", "email");
            config.put("workspaceIds", Map.of("ws1", "remote-ws1"));
            config.put("token", "bench-secret");
            BenchHttp.Result enable = http.send("PUT", teamApi + "/forwarding", admin(), JSON, config).expect(200);
            stats("forward @" + size + ": enable forwarding (resync of every member, nothing to send)").add(enable.millis());
            if (!db.outboxStates(teamId).isEmpty()) {
                throw new IllegalStateException("enabling forwarding enqueued rows: " + db.outboxStates(teamId));
            }

            // another team's lookups, from their own client: idle first, then during the PUTs and the drain
            Stats idle = stats("forward @" + size + ": other team's lookup, idle");
            Stats duringPut = stats("forward @" + size + ": other team's lookup, during the PUTs");
            Stats duringDrain = stats("forward @" + size + ": other team's lookup, during the drain");
            java.util.concurrent.atomic.AtomicReference<Stats> into = new java.util.concurrent.atomic.AtomicReference<>();
            java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
            List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
            BenchHttp otherHttp = new BenchHttp();
            Random pick = new Random(16);
            Runnable lookup = () -> {
                String u = Seeder.userName(OTHER_FROM + pick.nextInt(OTHER_USERS));
                BenchHttp.Result r = otherHttp.send("GET", ours(OTHER_TEAM) + "/Users?filter=" + enc("userName eq \"" + u + "\""),
                        otherToken, SCIM_JSON, null).expect(200);
                requireOne(r, "Resources");
                Stats s = into.get();
                if (s != null) {
                    s.add(r.millis());
                }
            };
            for (int k = -warmup; k < lookups; k++) {
                into.set(k >= 0 ? idle : null);
                lookup.run();
            }
            into.set(duringPut);
            Thread looker = new Thread(() -> {
                try {
                    while (!stop.get()) {
                        lookup.run();
                        Thread.sleep(20);
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            }, "bench-other-team");
            looker.start();

            String rolesUrl = teamApi + "/groups/" + group + "/roles";
            Instant start = Instant.now();
            BenchHttp.Result up = http.send("PUT", rolesUrl, admin(), JSON,
                    Map.of("teamRole", "Admin", "workspaceRoles", Map.of())).expect(200);
            stats("forward @" + size + ": PUT roles to Admin").add(up.millis());
            long afterUp = db.outboxStates(teamId).values().stream().mapToLong(Long::longValue).sum();
            BenchHttp.Result down = http.send("PUT", rolesUrl, admin(), JSON,
                    Map.of("teamRole", "User", "workspaceRoles", Map.of())).expect(200);
            stats("forward @" + size + ": PUT roles back to User").add(down.millis());
            into.set(duringDrain);
            Map<String, Long> states = db.outboxStates(teamId);
            long rows = states.values().stream().mapToLong(Long::longValue).sum();
            log("forward: " + afterUp + " rows after the PUT to Admin, " + rows + " after the PUT back; draining");

            // the drain: until no row is pending or in flight, or the time box
            Instant deadline = Instant.now().plusSeconds(drainSeconds);
            long unsent = rows;
            while (Instant.now().isBefore(deadline)) {
                states = db.outboxStates(teamId);
                unsent = states.getOrDefault("pending", 0L) + states.getOrDefault("in_flight", 0L);
                if (unsent == 0) {
                    break;
                }
                Thread.sleep(1000);
            }
            Instant end = Instant.now();
            stop.set(true);
            looker.join();
            if (!failures.isEmpty()) {
                throw new IllegalStateException("the other team's lookups failed: " + failures.get(0), failures.get(0));
            }
            List<io.preset.teams.it.support.ManagerStandIn.Call> calls = manager.calls();
            long ok = calls.stream().filter(io.preset.teams.it.support.ManagerStandIn.Call::succeeded).count();
            double firstToLast = calls.size() < 2 ? Double.NaN
                    : Duration.between(calls.get(0).at(), calls.get(calls.size() - 1).at()).toMillis() / 1000.0;
            double rate = (calls.size() - 1) / firstToLast;
            double sinceStart = Duration.between(start, end).toMillis() / 1000.0;

            // order: each user's calls arrived in the seq order of their outbox rows, each row once
            Map<String, List<String>> bySeq = db.outboxRowIdsBySeq(teamId);
            Map<String, List<String>> arrived = new java.util.HashMap<>();
            for (io.preset.teams.it.support.ManagerStandIn.Call call : calls) {
                String key = call.path().substring(call.path().lastIndexOf('/') + 1);
                arrived.computeIfAbsent(key, k -> new ArrayList<>()).add(call.idempotencyKey());
            }
            int inOrder = 0;
            int outOfOrder = 0;
            for (Map.Entry<String, List<String>> e : arrived.entrySet()) {
                List<String> expected = bySeq.getOrDefault(e.getKey(), List.of());
                if (expected.subList(0, Math.min(expected.size(), e.getValue().size())).equals(e.getValue())) {
                    inOrder++;
                } else {
                    outOfOrder++;
                    if (outOfOrder <= 3) {
                        log("forward: out of order for " + e.getKey() + ": arrived " + e.getValue() + ", seq order " + expected);
                    }
                }
            }
            forwardRows.add(String.format("| %,d members | %,d | %,d | %,d | %s | %.1f s | %.1f | %,d in order, %,d not |",
                    size, afterUp, rows - afterUp, calls.size(), unsent == 0 ? "yes" : "NO (" + unsent + " unsent)",
                    sinceStart, rate, inOrder, outOfOrder));
            forwardDrained = unsent == 0 && ok == rows && outOfOrder == 0;
            forwardDrainSeconds = sinceStart;
            forwardRate = rate;
            http.send("DELETE", teamApi + "/forwarding", admin(), JSON, null).expect(204, 200);
        }
    }

    private boolean forwardDrained;
    private double forwardDrainSeconds = Double.NaN;
    private double forwardRate = Double.NaN;

    // ------------------------------------------------------------------------------------------------ heap

    private final List<String> heapRows = new ArrayList<>();

    private void measureHeap(int seeded) throws InterruptedException {
        long pid = keycloakPid();
        HeapSampler heap = new HeapSampler(kc.managementUrl());
        int page = 1000;
        int total = (seeded / page) * page;
        heapWalk("our SCIM", pid, heap, total, page, i -> http.send("GET", ours(TEAM) + "/Users?startIndex=" + (i + 1)
                + "&count=" + page, scimToken, SCIM_JSON, null).expect(200), "Resources");
        if (!heapAdmin) {
            return; // admin REST takes seconds per page of 1000 (-Dbench.heap.admin=true to include it)
        }
        heapWalk("admin REST", pid, heap, total, page, i -> http.send("GET", adminUsers() + "?first=" + i + "&max=" + page,
                admin(), JSON, null).expect(200), null);
    }

    private void heapWalk(String api, long pid, HeapSampler heap, int total, int page,
                          java.util.function.IntFunction<BenchHttp.Result> pageAt, String field) throws InterruptedException {
        HeapSampler.gc(pid);
        long before = heap.usedBytes();
        heap.start();
        double ms = walk(pageAt, total, page, field);
        long peak = heap.stop();
        long after = heap.usedBytes();
        HeapSampler.gc(pid);
        long afterGc = heap.usedBytes();
        heapRows.add(String.format("| %s | %d users, pages of %d | %.1f s | %d MiB | %d MiB | %d MiB | %d MiB |", api, total, page,
                ms / 1000, mib(before), mib(peak), mib(after), mib(afterGc)));
    }

    private static long mib(long bytes) {
        return bytes / (1024 * 1024);
    }

    private long keycloakPid() {
        String marker = "kc-run-" + kc.db();
        return ProcessHandle.current().descendants()
                .filter(h -> h.info().command().map(c -> c.endsWith("java")).orElse(false))
                .filter(h -> h.info().commandLine().map(c -> c.contains(marker)).orElse(false))
                .mapToLong(ProcessHandle::pid).findFirst()
                .orElseThrow(() -> new IllegalStateException("Keycloak java process not found"));
    }

    // ------------------------------------------------------------------------------------------------ report

    private Stats stats(String name) {
        log(name);
        Stats s = new Stats(name);
        results.put(name, s);
        return s;
    }

    private double median(String prefix) {
        return results.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).findFirst()
                .map(e -> e.getValue().median()).orElse(Double.NaN);
    }

    private double pct(String name, double p) {
        Stats s = results.get(name);
        return s == null ? Double.NaN : s.pct(p);
    }

    private void writeReport(Instant t0, String loadBefore, String loadAfter) throws Exception {
        String mem = Files.readAllLines(Paths.get("/proc/meminfo")).get(0).replaceAll("\\s+", " ");
        report.append("### Run of ").append(t0).append('\n').append('\n');
        report.append("- machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, ").append(mem)
                .append(", load average before `").append(loadBefore).append("`, after `").append(loadAfter).append("`\n");
        report.append("- code: ").append(commit()).append(", Keycloak ").append(kc.baseUrl()).append(" on ")
                .append(kc.db().equals("postgres") ? "PostgreSQL" : "H2 (dev-file)").append('\n');
        report.append("- sizes ").append(sizes).append(", list size ").append(listSize).append(", warm-up ").append(warmup)
                .append(", creates ").append(creates).append("/API, lookups ").append(lookups).append("/size/API, walks ")
                .append(walks).append(", PATCH rounds ").append(patchRounds).append(", mapping rounds ").append(recomputeRounds).append("; wall time ")
                .append(Duration.between(t0, Instant.now()).toSeconds()).append(" s\n");
        if (realmNote != null) {
            report.append("- realm: ").append(realmNote).append('\n');
        }
        report.append('\n');
        report.append("| measurement (ms) | n | median | p90 | min–max | IQR |\n|---|---|---|---|---|---|\n");
        results.values().forEach(s -> report.append(s.row()).append('\n'));
        report.append("\n| heap while listing | what | walk time | before (after GC) | peak during | right after | after GC |\n")
                .append("|---|---|---|---|---|---|---|\n");
        heapRows.forEach(r -> report.append(r).append('\n'));
        if (!concurrentRows.isEmpty()) {
            report.append("\n| concurrent creates | our SCIM creates/s per round | admin REST creates/s per round | our SCIM mean | admin REST mean |\n")
                    .append("|---|---|---|---|---|\n");
            concurrentRows.forEach(r -> report.append(r).append('\n'));
        }
        if (!forwardRows.isEmpty()) {
            report.append("\n| forwarding, group to Admin and back | rows enqueued to Admin | rows enqueued back | calls"
                            + " received | drained | first PUT to drained | dispatcher calls/s | per-user order |\n")
                    .append("|---|---|---|---|---|---|---|---|\n");
            forwardRows.forEach(r -> report.append(r).append('\n'));
        }
        report.append("\n| target | measured | target | verdict |\n|---|---|---|---|\n");
        ratio("create: our SCIM vs admin REST (throughput ×)", median("create: admin"), median("create: our"), 1.0, true);
        ratio("create, " + clients + " concurrent clients: our SCIM vs admin REST (throughput ×)", concurrentRatio, 1.0, 1.0, true);
        ratio("create: built-in SCIM vs admin REST (throughput ×)", median("create: admin"), median("create: built-in"), Double.NaN, true);
        ratio("list " + listSize + ": our SCIM vs admin REST (speed ×)", median("list " + listSize + " (pages of 100): admin"),
                median("list " + listSize + " (pages of 100): our"), 1.0, true);
        ratio("list " + listSize + ": built-in SCIM vs admin REST (speed ×)", median("list " + listSize + " (pages of 100): admin"),
                median("list " + listSize + " (pages of 100): built-in"), Double.NaN, true);
        int lo = sizes.get(0);
        int hi = sizes.get(sizes.size() - 1);
        ratio("lookup: our SCIM at " + hi + " / at " + lo + " (cost ×)", median("lookup userName eq @" + hi + ": our"),
                median("lookup userName eq @" + lo + ": our"), 1.5, false);
        for (String shape : List.of("externalId eq", "emails eq", "emails[type eq work and value eq]")) {
            ratio("lookup " + shape + ": our SCIM at " + hi + " / at " + lo + " (cost ×)",
                    median("lookup " + shape + " @" + hi + ": our"), median("lookup " + shape + " @" + lo + ": our"), 1.5, false);
        }
        ratio("lookup: admin REST at " + hi + " / at " + lo + " (cost ×)", median("lookup username exact @" + hi + ": admin"),
                median("lookup username exact @" + lo + ": admin"), Double.NaN, false);
        ratio("lookup: built-in SCIM at " + hi + " / at " + lo + " (cost ×)", median("lookup userName eq @" + hi + ": built-in"),
                median("lookup userName eq @" + lo + ": built-in"), Double.NaN, false);
        ratio("PATCH +100: group of " + listSize + " / group of 0 (cost ×)", median("PATCH add 100 members: group of " + listSize),
                median("PATCH add 100 members: group of 0"), 1.5, false);
        ratio("PATCH +100, excludedAttributes=members: group of " + listSize + " / group of 0 (cost ×)",
                median("PATCH add 100 members, excludedAttributes=members: group of " + listSize),
                median("PATCH add 100 members, excludedAttributes=members: group of 0"), 1.5, false);
        ratio("mapping change Admin to User: group of " + listSize + " / group of 100 (cost ×)",
                median("mapping change Admin to User (PUT roles): group of " + listSize),
                median("mapping change Admin to User (PUT roles): group of 100"), Double.NaN, false);
        ratio("forwarding @" + listSize + ": other team's lookup during the PUTs / idle, p90 (cost ×)",
                pct("forward @" + listSize + ": other team's lookup, during the PUTs", 90),
                pct("forward @" + listSize + ": other team's lookup, idle", 90), 2.0, false);
        String text = report.toString();
        System.out.println("\n" + text);
        Path out = Paths.get(System.getProperty("kc.work.dir", "target")).resolve("bench-results.md");
        Files.writeString(out, text);
        log("report written to " + out.toAbsolutePath());
    }

    /** The benchmarked checkout (the repository that holds realm-config/). */
    private static String commit() {
        try {
            Path repo = Paths.get(System.getProperty("kc.realm.dir", ".")).toAbsolutePath().getParent();
            Process p = new ProcessBuilder("git", "-C", repo.toString(), "log", "-1", "--format=%h %s").start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            Process d = new ProcessBuilder("git", "-C", repo.toString(), "status", "--porcelain", "--untracked-files=no").start();
            boolean dirty = !new String(d.getInputStream().readAllBytes(), StandardCharsets.UTF_8).isBlank();
            return "`" + out + "`" + (dirty ? " (with uncommitted changes)" : "");
        } catch (Exception e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    private void ratio(String what, double num, double den, double target, boolean atLeast) {
        double r = num / den;
        if (Double.isNaN(r)) {
            return; // its part was not run (bench.parts)
        }
        String verdict = Double.isNaN(target) ? "(reference)" : (atLeast ? r >= target : r <= target) ? "met" : "MISSED";
        report.append(String.format("| %s | %.2f× | %s | %s |%n", what, r,
                Double.isNaN(target) ? "–" : (atLeast ? "≥ " : "≤ ") + target + "×", verdict));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static void log(String msg) {
        System.out.println("[bench " + Instant.now() + "] " + msg);
    }
}
