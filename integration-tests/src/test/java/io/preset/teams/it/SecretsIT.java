package io.preset.teams.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.preset.teams.it.support.Http;
import io.preset.teams.it.support.KeycloakExtension;
import io.preset.teams.it.support.KeycloakTarget;
import io.preset.teams.it.support.Scim;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.representations.idm.AdminEventRepresentation;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No password, SCIM token, token hash or access token in any SCIM response, server log line or admin event
 * (representation, details, auth details).
 */
@ExtendWith(KeycloakExtension.class)
class SecretsIT {

    @Test
    void secretsAppearNowhere(KeycloakTarget kc) throws Exception {
        String slug = Scim.createTeam(kc, "secrets");
        String scimToken = Scim.mintToken(kc, slug, "secrets IT");
        assertTrue(scimToken.startsWith("pst_"), scimToken);
        Scim scim = new Scim(kc, slug, scimToken);
        String password = "S3cret-Sync-Password-" + Long.toString(System.nanoTime(), 36);
        String userName = "secret." + System.nanoTime() + "@example.com";

        Map<String, Object> body = new LinkedHashMap<>(Scim.oktaUser(userName, "Sec", "Ret"));
        body.put("password", password);
        Http.Response created = scim.post("/Users", body);
        assertEquals(201, created.status(), created::toString);
        String id = created.requireJson().path("id").asText();
        Map<String, Object> put = new LinkedHashMap<>(body);
        put.put("id", id);
        put.put("password", password + "-put");
        Http.Response replaced = scim.put("/Users/" + id, put);
        assertEquals(200, replaced.status(), replaced::toString);
        Http.Response patched = scim.patch("/Users/" + id, Scim.patch(Map.of("op", "replace", "path", "password", "value", password + "-patch")));
        assertEquals(200, patched.status(), patched::toString);
        Http.Response pathless = scim.patch("/Users/" + id, Scim.patch(Map.of("op", "replace", "value", Map.of("password", password + "-x"))));
        assertEquals(200, pathless.status(), pathless::toString);
        Http.Response fetched = scim.get("/Users/" + id);
        Http.Response listed = scim.get("/Users?filter=" + java.net.URLEncoder.encode("userName eq \"" + userName + "\"", StandardCharsets.UTF_8));
        // a token in header mode and a bad one that looks like ours
        assertEquals(200, scim.headerMode().get("/Users?count=1").status());
        assertEquals(401, new Scim(kc, slug, scimToken.substring(0, scimToken.length() - 2) + "xx").get("/Users").status());

        // an access token of the realm used against SCIM (valid, but not okta-scim's: refused)
        String kcUser = "secrets-" + System.nanoTime();
        kc.createUser("preset", kcUser, password + "-kc");
        String accessToken = kc.userToken(kcUser, password + "-kc");
        int status = new Scim(kc, slug, accessToken).get("/Users").status();
        assertTrue(status == 401 || status == 403, "access token of another client: " + status);
        String adminToken = kc.adminToken();

        List<String> secrets = new ArrayList<>(List.of(password, password + "-put", password + "-patch", password + "-x",
                password + "-kc", scimToken, scimToken.substring(4), accessToken, adminToken));
        byte[] sha = MessageDigest.getInstance("SHA-256").digest(scimToken.getBytes(StandardCharsets.US_ASCII));
        secrets.add(HexFormat.of().formatHex(sha));
        secrets.add(HexFormat.of().withUpperCase().formatHex(sha));
        secrets.add(Base64.getEncoder().encodeToString(sha));
        secrets.add(Base64.getUrlEncoder().withoutPadding().encodeToString(sha));
        // the JWT signature alone identifies the access token
        secrets.add(accessToken.substring(accessToken.lastIndexOf('.') + 1));

        // responses
        for (Http.Response r : List.of(created, replaced, patched, pathless, fetched, listed)) {
            assertNoSecret("SCIM response", r.body(), secrets);
            assertFalse(r.requireJson().toString().contains("\"password\""), () -> "no password attribute: " + r);
        }
        Http.Response tokens = Http.get(kc.baseUrl() + "/admin/realms/preset/teams/" + slug + "/scim-tokens", kc.adminToken());
        assertEquals(200, tokens.status());
        assertNoSecret("token list", tokens.body(), secrets);
        JsonNode member = Scim.member(kc, slug, id);
        assertNoSecret("member", member.toString(), secrets);
        assertEquals(0, kc.realm("preset").users().get(id).credentials().size(), "the SCIM password is never stored");

        // admin events: everything in them, representation and details included
        List<AdminEventRepresentation> events = kc.realm("preset").getAdminEvents(null, null, null, null, null, null,
                null, null, 0, 100_000);
        assertFalse(events.isEmpty());
        assertTrue(events.stream().anyMatch(e -> e.getResourcePath() != null && e.getResourcePath().contains("scim-tokens")),
                "the minting is an admin event");
        assertTrue(events.stream().anyMatch(e -> e.getResourcePath() != null && e.getResourcePath().equals("users/" + id)),
                "the SCIM writes are admin events");
        for (AdminEventRepresentation e : events) {
            assertNoSecret("admin event " + e.getResourcePath(), Http.MAPPER.writeValueAsString(e), secrets);
        }

        // the team's provisioning log, as its operator exports it: what was sent, with every password redacted
        Http.Response provisioningLog = Http.get(kc.baseUrl() + "/admin/realms/preset/teams/" + slug
                + "/provisioning-log?format=jsonl&max=10000", kc.adminToken());
        assertEquals(200, provisioningLog.status(), provisioningLog::toString);
        assertTrue(provisioningLog.body().contains("\"password\":\"[redacted]\""), provisioningLog::body);
        assertNoSecret("provisioning log", provisioningLog.body(), secrets);

        // the server log, every line since the server started
        String log = Files.readString(kc.logFile(), StandardCharsets.UTF_8);
        assertTrue(log.contains("io.preset"), "the log is the server's, with the extension's (debug) lines: " + kc.logFile());
        assertNoSecret("server log " + kc.logFile(), log, secrets);
    }

    private static void assertNoSecret(String where, String text, List<String> secrets) {
        for (String secret : secrets) {
            int at = text.indexOf(secret);
            assertTrue(at < 0, () -> where + " contains a secret (" + secret.substring(0, Math.min(6, secret.length()))
                    + "…) at " + at + ": …" + text.substring(Math.max(0, at - 120), Math.min(text.length(), at + 40)) + "…");
        }
    }
}
