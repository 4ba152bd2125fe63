package io.preset.teams.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.preset.teams.it.support.Http;
import io.preset.teams.it.support.KeycloakExtension;
import io.preset.teams.it.support.KeycloakTarget;
import io.preset.teams.it.support.ProvisioningLogs;
import io.preset.teams.it.support.RateLimits;
import io.preset.teams.it.support.Scim;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The per-team provisioning log (docs/admin-api.md, "Provisioning log"): what an Okta-style client sent and what it
 * was answered, refusals included, readable and exportable by the team's operator, without any credential or
 * password; its health summary; pruning by retention and size; the request metrics.
 */
@ExtendWith(KeycloakExtension.class)
class ProvisioningLogIT {

    private static final String PASSWORD = "Okta-Sync-Password-1";

    @Test
    void oktaTrafficAndRefusalsAreLoggedWithoutSecrets(KeycloakTarget kc) {
        String slug = Scim.createTeam(kc, "provlog");
        String tokenName = "Okta " + slug;
        Scim okta = new Scim(kc, slug, Scim.mintToken(kc, slug, tokenName));
        String userName = "Ada.Log." + System.nanoTime() + "@example.com";

        // Okta's import: look the user up, create it, change a name, deactivate it, push a group
        assertEquals(200, okta.filterUsers("userName eq \"" + userName + "\"").status());
        Http.Response created = okta.post("/Users", Scim.oktaUser(userName, "Ada", "Log"));
        assertEquals(201, created.status(), created::toString);
        String userId = created.requireJson().path("id").asText();
        assertEquals(200, okta.patch("/Users/" + userId, Scim.patch(Map.of("op", "replace",
                "value", Map.of("name", Map.of("givenName", "Augusta", "familyName", "Log"))))).status());
        assertEquals(200, okta.patch("/Users/" + userId, Scim.patch(Map.of("op", "replace", "value", Map.of("active", false)))).status());
        Http.Response group = okta.post("/Groups", Map.of("schemas", List.of(Scim.GROUP), "displayName", "Log Engineers " + slug,
                "members", List.of(Map.of("value", userId))));
        assertEquals(201, group.status(), group::toString);
        String groupId = group.requireJson().path("id").asText();

        // refused: a filter we cannot read, the same userName again, a wrong credential, a body the guard refuses
        BadInputIT.assertScimError(okta.filterUsers("userName xx \"a\""), 400, "invalidFilter", "bad filter");
        BadInputIT.assertScimError(okta.post("/Users", Scim.oktaUser(userName, "Ada", "Again")), 409, "uniqueness", "duplicate");
        String wrongToken = "pst_wrongwrongwrongwrongwrong" + System.nanoTime();
        assertEquals(401, new Scim(kc, slug, wrongToken).get("/Users").status());
        String fakeJwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJsb2cifQ.c2lnbmF0dXJl" + System.nanoTime();
        assertEquals(401, new Scim(kc, slug, fakeJwt).get("/Groups").status());
        assertEquals(415, okta.raw("POST", "/Users", "multipart/form-data; boundary=x", "--x--").status());

        // another team's token at this team: a 403 in this team's log that does not name the other team's token
        String otherSlug = Scim.createTeam(kc, "provlog-other");
        String otherTokenName = "Other secret name " + otherSlug;
        Scim other = new Scim(kc, otherSlug, Scim.mintToken(kc, otherSlug, otherTokenName));
        assertEquals(403, other.forSlug(slug).get("/Users").status());

        // a 429
        RateLimits.set(kc, slug, 2);
        Http.Response throttled = null;
        try {
            for (int i = 0; i < 10 && throttled == null; i++) {
                Http.Response r = okta.get("/ServiceProviderConfig");
                if (r.status() == 429) {
                    throttled = r;
                }
            }
        } finally {
            RateLimits.relax(kc, slug);
        }
        assertNotNull(throttled, "a 429 within 10 requests at 2 per minute");

        JsonNode log = ProvisioningLogs.read(kc, slug, "?max=1000");
        assertNewestFirst(log);

        JsonNode lookup = one(log, e -> e.path("method").asText().equals("GET") && e.path("status").asInt() == 200
                && e.path("filter").asText().contains(userName));
        assertEquals("/Users", lookup.path("path").asText());
        assertEquals("Users", lookup.path("resourceType").asText());

        JsonNode create = one(log, e -> e.path("method").asText().equals("POST") && e.path("status").asInt() == 201
                && e.path("resourceType").asText().equals("Users"));
        assertEquals(userId, create.path("resourceId").asText());
        assertEquals(userName.toLowerCase(Locale.ROOT), create.path("resourceName").asText());
        assertEquals("scim-token", create.path("clientKind").asText());
        assertEquals(tokenName, create.path("clientName").asText());
        assertFalse(create.path("clientId").asText().isBlank());
        assertEquals("Okta SCIM Client 1.0.0", create.path("userAgent").asText());
        assertTrue(create.path("durationMs").asInt() >= 0);
        assertTrue(absent(create.path("errorKind")) && absent(create.path("help")), create::toString);
        assertEquals(userName, create.path("changes").path("userName").asText(), create::toString);
        assertEquals("Ada", create.path("changes").path("name").path("givenName").asText(), create::toString);
        assertEquals("[redacted]", create.path("changes").path("password").asText(), create::toString);

        List<JsonNode> patches = all(log, e -> e.path("method").asText().equals("PATCH") && e.path("resourceType").asText().equals("Users"));
        assertEquals(2, patches.size(), log::toString);
        JsonNode deactivate = patches.get(0); // newest first
        assertEquals(200, deactivate.path("status").asInt());
        assertEquals(userId, deactivate.path("resourceId").asText());
        assertEquals(userName.toLowerCase(Locale.ROOT), deactivate.path("resourceName").asText());
        assertEquals(true, deactivate.path("changes").path("active").path("from").asBoolean(), deactivate::toString);
        assertEquals(false, deactivate.path("changes").path("active").path("to").asBoolean(true), deactivate::toString);
        JsonNode rename = patches.get(1);
        assertEquals("Augusta", rename.path("changes").path("name").path("to").path("givenName").asText(), rename::toString);
        assertEquals("Ada", rename.path("changes").path("name").path("from").path("givenName").asText(), rename::toString);

        JsonNode push = one(log, e -> e.path("method").asText().equals("POST") && e.path("resourceType").asText().equals("Groups"));
        assertEquals(201, push.path("status").asInt());
        assertEquals(groupId, push.path("resourceId").asText());
        assertEquals(userId, push.path("changes").path("membersChanged").path("joined").path(0).asText(), push::toString);

        JsonNode badFilter = one(log, e -> e.path("status").asInt() == 400);
        assertEquals("invalidFilter", badFilter.path("scimType").asText());
        assertEquals("userName xx \"a\"", badFilter.path("filter").asText());
        assertEquals("docs/troubleshooting.md#invalid-filter", badFilter.path("help").asText());
        assertFalse(badFilter.path("detail").asText().isBlank());

        JsonNode duplicate = one(log, e -> e.path("status").asInt() == 409);
        assertEquals("uniqueness", duplicate.path("scimType").asText());
        assertEquals("docs/troubleshooting.md#uniqueness", duplicate.path("help").asText());
        assertEquals(userName.toLowerCase(Locale.ROOT), duplicate.path("resourceName").asText(), "the userName it was about");
        assertEquals("[redacted]", duplicate.path("changes").path("password").asText());

        List<JsonNode> unauthorized = all(log, e -> e.path("status").asInt() == 401);
        assertEquals(2, unauthorized.size(), log::toString);
        for (JsonNode e : unauthorized) {
            assertEquals("none", e.path("clientKind").asText());
            assertTrue(absent(e.path("clientName")), e::toString);
            assertEquals("docs/troubleshooting.md#unauthorized", e.path("help").asText());
        }

        JsonNode guard = one(log, e -> e.path("status").asInt() == 415);
        assertEquals("POST", guard.path("method").asText());
        assertEquals("docs/troubleshooting.md#unsupported-request", guard.path("help").asText());

        JsonNode foreign = one(log, e -> e.path("status").asInt() == 403);
        assertEquals("scim-token", foreign.path("clientKind").asText());
        assertTrue(absent(foreign.path("clientId")), foreign::toString);
        assertFalse(foreign.toString().contains(otherTokenName), "another team's token name stays with that team");

        JsonNode tooMany = one(log, e -> e.path("status").asInt() == 429);
        assertEquals("docs/troubleshooting.md#rate-limited", tooMany.path("help").asText());
        assertEquals(tokenName, tooMany.path("clientName").asText());

        // the other team's log has its own rows only
        JsonNode otherLog = ProvisioningLogs.read(kc, otherSlug, "");
        assertEquals(0, otherLog.size(), otherLog::toString);

        // filters
        JsonNode conflicts = ProvisioningLogs.read(kc, slug, "?status=409");
        assertEquals(1, conflicts.size());
        assertTrue(all(ProvisioningLogs.read(kc, slug, "?status=4xx"), e -> e.path("status").asInt() < 400).isEmpty());
        assertTrue(all(ProvisioningLogs.read(kc, slug, "?status=ok"), e -> e.path("status").asInt() >= 400).isEmpty());
        JsonNode ofUser = ProvisioningLogs.read(kc, slug, "?user=" + userId);
        assertTrue(ofUser.size() >= 3, ofUser::toString); // create, two PATCHes
        assertTrue(all(ofUser, e -> !e.path("resourceId").asText().equals(userId)).isEmpty(), ofUser::toString);
        JsonNode byName = ProvisioningLogs.read(kc, slug, "?user=" + Http.enc(userName.toUpperCase(Locale.ROOT)) + "&status=409");
        assertEquals(1, byName.size(), "the refused create, found by the userName it sent");
        assertEquals(0, ProvisioningLogs.read(kc, slug, "?since=" + Instant.now().plusSeconds(3600)).size());
        assertEquals(2, ProvisioningLogs.read(kc, slug, "?max=2").size());
        assertEquals(log.get(1).path("id").asText(), ProvisioningLogs.read(kc, slug, "?first=1&max=1").get(0).path("id").asText());
        assertEquals(400, Http.get(ProvisioningLogs.url(kc, slug) + "?status=teapot", kc.adminToken()).status());
        assertEquals(400, Http.get(ProvisioningLogs.url(kc, slug) + "?max=1001", kc.adminToken()).status());
        assertEquals(400, Http.get(ProvisioningLogs.url(kc, slug) + "?since=yesterday", kc.adminToken()).status());
        assertEquals(404, Http.get(ProvisioningLogs.url(kc, "no-such-team-" + System.nanoTime()), kc.adminToken()).status());

        // exports
        Http.Response csv = Http.get(ProvisioningLogs.url(kc, slug) + "?format=csv&max=10000", kc.adminToken());
        assertEquals(200, csv.status(), csv::toString);
        assertTrue(csv.header("Content-Type").startsWith("text/csv"), csv.header("Content-Type"));
        String[] lines = csv.body().split("\r\n");
        assertTrue(lines[0].startsWith("time,durationMs,clientKind"), lines[0]);
        assertEquals(log.size() + 1, lines.length, "a header and one line per entry");
        Http.Response accepted = Http.request("GET", ProvisioningLogs.url(kc, slug)).bearer(kc.adminToken()).accept("text/csv").send();
        assertEquals(200, accepted.status(), accepted::toString);
        assertTrue(accepted.header("Content-Type").startsWith("text/csv"), accepted.header("Content-Type"));
        Http.Response jsonl = Http.get(ProvisioningLogs.url(kc, slug) + "?format=jsonl&max=10000", kc.adminToken());
        assertEquals(200, jsonl.status(), jsonl::toString);
        String[] records = jsonl.body().split("\n");
        assertEquals(log.size(), records.length);
        for (String record : records) {
            assertNotNull(Http.parseOrNull(record), record);
        }

        // no credential and no password anywhere in what the log hands out
        String everything = log.toString() + csv.body() + jsonl.body();
        for (String secret : List.of(okta.token(), other.token(), wrongToken, fakeJwt, PASSWORD)) {
            assertFalse(everything.contains(secret), () -> "the log shows a secret: " + secret.substring(0, 6) + "...");
        }
        assertFalse(everything.toLowerCase(Locale.ROOT).contains("bearer"), "no Authorization header value");
    }

    @Test
    void healthShowsLastSuccessPerClientErrorsThrottlingAndOutbox(KeycloakTarget kc) {
        String slug = Scim.createTeam(kc, "provhealth");
        String tokenName = "Health " + slug;
        Scim okta = new Scim(kc, slug, Scim.mintToken(kc, slug, tokenName));
        assertEquals(200, okta.get("/Users").status());
        assertEquals(201, okta.post("/Users", Scim.oktaUser("health." + System.nanoTime() + "@example.com", "H", "Ealth")).status());
        assertEquals(404, okta.get("/Users/no-such-user").status());
        RateLimits.set(kc, slug, 1);
        int throttled = 0;
        try {
            for (int i = 0; i < 4; i++) {
                throttled += okta.get("/ServiceProviderConfig").status() == 429 ? 1 : 0;
            }
        } finally {
            RateLimits.relax(kc, slug);
        }
        assertTrue(throttled >= 1, "at 1 per minute most of these are refused");

        Http.Response r = Http.get(kc.baseUrl() + "/admin/realms/preset/teams/" + slug + "/health", kc.adminToken());
        assertEquals(200, r.status(), r::toString);
        JsonNode health = r.requireJson();
        JsonNode lastHour = health.path("lastHour");
        assertEquals(slug, health.path("team").asText());
        assertEquals(7, lastHour.path("requests").asInt(), health::toString);
        assertEquals(1 + throttled, lastHour.path("errors").asInt(), health::toString);
        assertEquals(throttled, lastHour.path("throttled").asInt(), health::toString);
        assertEquals((1.0 + throttled) / 7, lastHour.path("errorRate").asDouble(), 1e-9);
        assertEquals(1, lastHour.path("byStatus").path("201").asInt(), health::toString);
        JsonNode clients = health.path("clients");
        assertEquals(1, clients.size(), health::toString);
        assertEquals(tokenName, clients.get(0).path("name").asText());
        assertEquals("scim-token", clients.get(0).path("kind").asText());
        Instant last = Instant.parse(clients.get(0).path("lastSuccessAt").asText());
        assertTrue(Duration.between(last, Instant.now()).abs().toMinutes() < 5, last::toString);
        JsonNode outbox = health.path("outbox");
        for (String field : List.of("backlog", "pending", "inFlight", "dead")) {
            assertTrue(outbox.path(field).isNumber(), () -> field + " in " + outbox);
        }
        assertEquals(0, outbox.path("dead").asInt(), "no forwarding configured");
    }

    @Test
    void theLogIsPrunedToItsSizeAndRetention(KeycloakTarget kc) throws InterruptedException {
        String slug = Scim.createTeam(kc, "provprune");
        Scim okta = Scim.forTeam(kc, slug);
        ProvisioningLogs.limits(kc, slug, null, 3);
        try {
            for (int i = 0; i < 8; i++) {
                assertEquals(200, okta.filterUsers("userName eq \"prune-" + i + "\"").status());
                Thread.sleep(5); // distinct milliseconds, so that the cut is exact
            }
            JsonNode kept = awaitLog(kc, slug, entries -> entries.size() <= 3, "pruned to 3 rows");
            assertEquals(List.of("userName eq \"prune-7\"", "userName eq \"prune-6\"", "userName eq \"prune-5\""),
                    kept.findValuesAsText("filter"), "the newest three are kept");

            ProvisioningLogs.limits(kc, slug, "1s", null);
            awaitLog(kc, slug, entries -> entries.size() == 0, "pruned by a retention of 1 s");
        } finally {
            ProvisioningLogs.limits(kc, slug, "30d", 100_000);
        }
        // other teams keep theirs
        String neighbour = Scim.createTeam(kc, "provkeep");
        assertEquals(200, Scim.forTeam(kc, neighbour).get("/Users").status());
        Thread.sleep(7000); // two pruning rounds
        assertEquals(1, ProvisioningLogs.read(kc, neighbour, "").size());
    }

    /** Strangers cannot write a team's log at will: 60 refusals per team and minute on a node, the rest only counted. */
    @Test
    void anonymousFloodsAreSampledNotWritten(KeycloakTarget kc) {
        String slug = Scim.createTeam(kc, "provflood");
        Scim stranger = new Scim(kc, slug, "pst_notatokennotatokennotatoken" + System.nanoTime());
        for (int i = 0; i < 130; i++) {
            assertEquals(401, stranger.get("/Users").status());
        }
        int logged = ProvisioningLogs.read(kc, slug, "?status=401&max=1000").size();
        // 130 requests fall in one or two of the budget's one-minute windows
        assertTrue(logged >= 60 && logged <= 120, () -> logged + " of 130 anonymous refusals logged");
        assertTrue(value(metrics(kc), "preset_scim_log_dropped_total") >= 130 - logged, "the rest is counted");
        // the team's own requests are still logged
        assertEquals(200, Scim.forTeam(kc, slug).get("/Users").status());
        assertEquals(1, ProvisioningLogs.read(kc, slug, "?status=ok").size());
    }

    @Test
    void requestMetricsMoveWithBoundedLabels(KeycloakTarget kc) {
        String slug = Scim.createTeam(kc, "provmetrics");
        Scim okta = Scim.forTeam(kc, slug);
        String created = "preset_scim_requests_total{method=\"POST\",resource=\"Users\",status=\"201\",team=\"" + slug + "\"}";
        String conflict = "preset_scim_requests_total{method=\"POST\",resource=\"Users\",status=\"409\",team=\"" + slug + "\"}";
        String histogram = "preset_scim_request_duration_seconds_count{method=\"POST\",resource=\"Users\"}";
        String metrics = metrics(kc);
        double createdBefore = value(metrics, created);
        double histogramBefore = value(metrics, histogram);
        String userName = "metrics." + System.nanoTime() + "@example.com";
        assertEquals(201, okta.post("/Users", Scim.oktaUser(userName, "M", "Etrics")).status());
        assertEquals(409, okta.post("/Users", Scim.oktaUser(userName, "M", "Etrics")).status());
        String unknownSlug = "no-such-team-" + System.nanoTime();
        assertEquals(401, Http.request("GET", okta.forSlug(unknownSlug).base() + "/Users").send().status());
        assertEquals(404, okta.forSlug(unknownSlug).get("/Users").status());

        String after = metrics(kc);
        assertEquals(createdBefore + 1, value(after, created), 1e-9);
        assertEquals(1, value(after, conflict), 1e-9);
        assertTrue(value(after, histogram) >= histogramBefore + 2, "both POSTs in the histogram");
        assertTrue(after.contains("preset_scim_request_duration_seconds_bucket{"), "a histogram with buckets");
        assertFalse(after.contains(unknownSlug), "a slug in a URL is never a label by itself");
        assertTrue(after.contains("team=\"unknown\""), "requests of no known team are counted as team unknown");
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static JsonNode awaitLog(KeycloakTarget kc, String slug, Predicate<JsonNode> condition, String what)
            throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(40);
        JsonNode log = ProvisioningLogs.read(kc, slug, "");
        while (!condition.test(log)) {
            assertTrue(Instant.now().isBefore(deadline), () -> what + ": not within 40 s");
            Thread.sleep(500);
            log = ProvisioningLogs.read(kc, slug, "");
        }
        return log;
    }

    /** JSON null or left out (the admin API leaves nulls out). */
    private static boolean absent(JsonNode node) {
        return node.isMissingNode() || node.isNull();
    }

    private static void assertNewestFirst(JsonNode log) {
        long previous = Long.MAX_VALUE;
        for (JsonNode e : log) {
            long at = e.path("timeMs").asLong();
            assertTrue(at <= previous, () -> "newest first: " + log);
            previous = at;
        }
    }

    private static JsonNode one(JsonNode log, Predicate<JsonNode> which) {
        List<JsonNode> found = all(log, which);
        assertEquals(1, found.size(), () -> "exactly one such entry in " + log);
        return found.get(0);
    }

    private static List<JsonNode> all(JsonNode log, Predicate<JsonNode> which) {
        List<JsonNode> out = new ArrayList<>();
        log.forEach(e -> {
            if (which.test(e)) {
                out.add(e);
            }
        });
        return out;
    }

    private static String metrics(KeycloakTarget kc) {
        Http.Response r = Http.get(kc.managementUrl() + "/metrics");
        assertEquals(200, r.status());
        return r.body();
    }

    /** The value of the series that starts with {@code series} (name and labels), 0 when absent. */
    private static double value(String metrics, String series) {
        for (String line : metrics.split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return 0;
    }
}
