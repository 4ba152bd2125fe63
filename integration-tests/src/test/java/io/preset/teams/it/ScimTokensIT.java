package io.preset.teams.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.preset.teams.it.support.Http;
import io.preset.teams.it.support.KeycloakExtension;
import io.preset.teams.it.support.KeycloakTarget;
import io.preset.teams.it.support.Scim;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Per-team SCIM tokens: minted through the admin API, shown once, stored hashed, revocable, expiring, never cross-team. */
@ExtendWith(KeycloakExtension.class)
class ScimTokensIT {

    private static KeycloakTarget kc;

    @BeforeAll
    static void setUp(KeycloakTarget target) {
        kc = target;
    }

    private static String tokensUrl(String slug) {
        return kc.baseUrl() + "/admin/realms/preset/teams/" + slug + "/scim-tokens";
    }

    private static JsonNode list(String slug) {
        Http.Response r = Http.get(tokensUrl(slug), kc.adminToken());
        assertEquals(200, r.status(), r::toString);
        return r.requireJson();
    }

    private static JsonNode listed(String slug, String id) {
        for (JsonNode token : list(slug)) {
            if (id.equals(token.path("id").asText())) {
                return token;
            }
        }
        throw new AssertionError("token " + id + " not listed in " + list(slug));
    }

    private static void assertScimError(int status, Http.Response r) {
        assertEquals(status, r.status(), r::toString);
        assertTrue(r.header("Content-Type").startsWith("application/scim+json"), r::toString);
        assertEquals(Scim.ERROR, r.requireJson().path("schemas").get(0).asText(), r::toString);
        assertEquals(Integer.toString(status), r.requireJson().path("status").asText(), r::toString);
    }

    private static String sha256(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void mintedOnceListedWithoutSecretUsableInBothModesRevocable() throws Exception {
        String acme = Scim.createTeam(kc, "acme");
        String globex = Scim.createTeam(kc, "globex");

        Http.Response minted = Http.post(tokensUrl(acme), kc.adminToken(), Map.of("name", "Okta production"));
        assertEquals(201, minted.status(), minted::toString);
        JsonNode body = minted.requireJson();
        String id = body.path("id").asText();
        String secret = body.path("token").asText();
        assertTrue(secret.matches("pst_[A-Za-z0-9_-]{43}"), secret);
        assertEquals("Okta production", body.path("name").asText());
        assertEquals("active", body.path("status").asText());
        assertEquals("admin", body.path("createdBy").asText());
        assertTrue(minted.header("Location").endsWith("/scim-tokens/" + id), minted::toString);
        assertTrue(minted.header("Cache-Control").contains("no-store"), minted::toString);

        // listing: no secret, no hash
        Http.Response listing = Http.get(tokensUrl(acme), kc.adminToken());
        assertFalse(listing.body().contains(secret), listing::toString);
        assertFalse(listing.body().contains(sha256(secret)), listing::toString);
        JsonNode listedToken = listed(acme, id);
        assertFalse(listedToken.has("token"), listedToken::toString);
        assertTrue(listedToken.path("lastUsedAt").isNull() || listedToken.path("lastUsedAt").isMissingNode(), listedToken::toString);

        // Bearer and Okta's Header mode
        Scim bearer = new Scim(kc, acme, secret);
        assertEquals(200, bearer.get("/Users?startIndex=1&count=2").status());
        assertEquals(200, bearer.headerMode().get("/Users?startIndex=1&count=2").status());
        Http.Response created = bearer.post("/Users", Scim.oktaUser("tok." + Long.toString(System.nanoTime(), 36) + "@example.com", "T", "Ok"));
        assertEquals(201, created.status(), created::toString);
        assertTrue(listed(acme, id).path("lastUsedAt").asLong() > 0, "last use recorded");

        // never across teams
        assertScimError(403, bearer.forSlug(globex).get("/Users"));
        assertScimError(403, bearer.headerMode().forSlug(globex).get("/Users"));

        // admin events: the token's own, and SCIM changes made with it, never carry the secret or hash
        // (Keycloak's admin-events query filters by its own resource types only: select by path)
        JsonNode tokenEvents = Http.get(kc.baseUrl() + "/admin/realms/preset/admin-events?resourcePath="
                + "teams/" + acme + "/scim-tokens/*", kc.adminToken()).requireJson();
        assertEquals(1, tokenEvents.size(), tokenEvents::toString);
        assertEquals("PRESET_SCIM_TOKEN", tokenEvents.get(0).path("resourceType").asText());
        assertEquals("CREATE", tokenEvents.get(0).path("operationType").asText());
        assertEquals("Okta production", Http.parseOrNull(tokenEvents.get(0).path("representation").asText()).path("name").asText());
        assertFalse(tokenEvents.toString().contains(secret), tokenEvents::toString);
        assertFalse(tokenEvents.toString().contains(sha256(secret)), tokenEvents::toString);
        String userId = created.requireJson().path("id").asText();
        JsonNode userEvents = Http.get(kc.baseUrl() + "/admin/realms/preset/admin-events?resourcePath=users/" + userId,
                kc.adminToken()).requireJson();
        assertEquals(1, userEvents.size(), userEvents::toString);
        assertEquals(id, userEvents.get(0).path("details").path("scimTokenId").asText(), userEvents::toString);
        assertFalse(userEvents.toString().contains(secret), userEvents::toString);

        // revoked: 401 at once, listed as revoked, DELETE again changes nothing
        assertEquals(204, Http.delete(tokensUrl(acme) + "/" + id, kc.adminToken()).status());
        Http.Response afterRevoke = bearer.get("/Users");
        assertScimError(401, afterRevoke);
        assertTrue(afterRevoke.requireJson().path("detail").asText().contains("revoked"), afterRevoke::toString);
        assertScimError(401, bearer.headerMode().get("/Users"));
        assertEquals("revoked", listed(acme, id).path("status").asText());
        assertEquals(204, Http.delete(tokensUrl(acme) + "/" + id, kc.adminToken()).status());
        JsonNode revokeEvents = Http.get(kc.baseUrl() + "/admin/realms/preset/admin-events?operationTypes=DELETE"
                + "&resourcePath=teams/" + acme + "/scim-tokens/" + id, kc.adminToken()).requireJson();
        assertEquals(1, revokeEvents.size(), revokeEvents::toString);
        assertEquals("revoked", Http.parseOrNull(revokeEvents.get(0).path("representation").asText()).path("status").asText());
        assertFalse(revokeEvents.toString().contains(sha256(secret)), revokeEvents::toString);
        assertEquals(404, Http.delete(tokensUrl(acme) + "/6b8b4567-1111-2222-3333-444455556666", kc.adminToken()).status());
        assertEquals(404, Http.delete(tokensUrl(globex) + "/" + id, kc.adminToken()).status(), "another team's token is not found");
    }

    @Test
    void expiredTokensAre401() throws Exception {
        String slug = Scim.createTeam(kc, "expiry");
        String soon = Instant.now().plusSeconds(3).toString();
        Http.Response minted = Http.post(tokensUrl(slug), kc.adminToken(), Map.of("name", "short-lived", "expiresAt", soon));
        assertEquals(201, minted.status(), minted::toString);
        assertEquals(Instant.parse(soon).toEpochMilli(), minted.requireJson().path("expiresAt").asLong());
        Scim scim = new Scim(kc, slug, minted.requireJson().path("token").asText());
        assertEquals(200, scim.get("/Users").status());
        Thread.sleep(Math.max(0, Instant.parse(soon).toEpochMilli() - System.currentTimeMillis()) + 500);
        Http.Response expired = scim.get("/Users");
        assertScimError(401, expired);
        assertTrue(expired.requireJson().path("detail").asText().contains("expired"), expired::toString);
        assertEquals("expired", listed(slug, minted.requireJson().path("id").asText()).path("status").asText());

        Http.Response days = Http.post(tokensUrl(slug), kc.adminToken(), Map.of("name", "a month", "expiresInDays", 30));
        assertEquals(201, days.status(), days::toString);
        long expected = System.currentTimeMillis() + 30L * 24 * 3600 * 1000;
        assertTrue(Math.abs(days.requireJson().path("expiresAt").asLong() - expected) < 120_000, days::toString);
    }

    @Test
    void badInputIsAClearErrorAndCreatesNothing() {
        String slug = Scim.createTeam(kc, "badtok");
        List<Object> bodies = List.of(
                Map.of(),
                Map.of("name", "  "),
                Map.of("name", 42),
                Map.of("name", "x".repeat(101)),
                Map.of("name", "x", "expiresAt", "2000-01-01T00:00:00Z"),
                Map.of("name", "x", "expiresAt", "tomorrow"),
                Map.of("name", "x", "expiresInDays", 0),
                Map.of("name", "x", "expiresInDays", 1.5),
                Map.of("name", "x", "expiresInDays", 30, "expiresAt", Instant.now().plusSeconds(3600).toString()),
                Map.of("name", "x", "secret", "pst_mine"),
                "not json");
        for (Object body : bodies) {
            Http.Response r = Http.post(tokensUrl(slug), kc.adminToken(), body);
            assertEquals(400, r.status(), () -> body + " -> " + r);
            assertFalse(r.requireJson().path("errorMessage").asText().isBlank(), r::toString);
        }
        assertEquals(0, list(slug).size(), "nothing was created");
        assertEquals(404, Http.post(tokensUrl("no-such-team"), kc.adminToken(), Map.of("name", "x")).status());
        assertEquals(404, Http.get(tokensUrl("no-such-team"), kc.adminToken()).status());
    }

    @Test
    void viewUsersReadsManageUsersWrites() {
        String slug = Scim.createTeam(kc, "perm");
        String viewer = "viewer-" + Long.toString(System.nanoTime(), 36);
        kc.createRealmAdmin(viewer, "Secret-123", "view-users");
        String token = kc.userToken(viewer, "Secret-123");
        assertEquals(200, Http.get(tokensUrl(slug), token).status());
        assertEquals(403, Http.post(tokensUrl(slug), token, Map.of("name", "nope")).status());
        assertEquals(0, list(slug).size());
        assertEquals(401, Http.get(tokensUrl(slug), null).status());
    }

    @Test
    void unknownMalformedAndDeletedTeamsTokensAre401() {
        String slug = Scim.createTeam(kc, "gone");
        Scim scim = Scim.forTeam(kc, slug);
        assertEquals(200, scim.get("/Users").status());
        String other = Scim.createTeam(kc, "stays");
        assertScimError(401, new Scim(kc, other, "pst_" + "A".repeat(43)).get("/Users"));
        assertScimError(401, new Scim(kc, other, "pst_short").headerMode().get("/Users"));
        Http.Response anonymous = Http.get(scim.base() + "/Users");
        assertScimError(401, anonymous);
        assertNotEquals(null, anonymous.header("WWW-Authenticate"));

        assertEquals(204, Http.delete(kc.baseUrl() + "/admin/realms/preset/teams/" + slug, kc.adminToken()).status());
        assertScimError(401, scim.forSlug(other).get("/Users"));
    }
}
