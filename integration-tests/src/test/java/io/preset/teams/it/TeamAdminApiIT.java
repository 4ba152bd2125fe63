package io.preset.teams.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.preset.teams.it.support.Http;
import io.preset.teams.it.support.KeycloakExtension;
import io.preset.teams.it.support.KeycloakTarget;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.representations.idm.AdminEventRepresentation;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The teams admin API on a real Keycloak: teams, workspaces, members with direct roles. */
@ExtendWith(KeycloakExtension.class)
class TeamAdminApiIT {

    private static KeycloakTarget kc;
    private static String base;

    @BeforeAll
    static void setUp(KeycloakTarget target) {
        kc = target;
        base = kc.baseUrl() + "/admin/realms/preset/teams";
    }

    private static String slug(String prefix) {
        return prefix + "-" + Long.toString(System.nanoTime(), 36);
    }

    @Test
    void teamWorkspaceAndMemberWithDirectRolesRoundTrip() {
        String admin = kc.adminToken();
        String slug = slug("acme");
        Http.Response created = Http.post(base, admin, Map.of("slug", slug, "title", "Acme Inc"));
        assertEquals(201, created.status(), created::toString);
        assertTrue(created.header("Location").endsWith("/teams/" + slug), created::toString);

        Http.Response ws = Http.post(base + "/" + slug + "/workspaces", admin, Map.of("name", "analytics", "title", "Analytics"));
        assertEquals(201, ws.status(), ws::toString);

        String userId = kc.createUser("preset", slug + "-ann", "Secret-123");
        Http.Response put = Http.put(base + "/" + slug + "/members/" + userId, admin,
                Map.of("teamRole", "Admin", "workspaceRoles", Map.of("analytics", "PresetAlpha")));
        assertEquals(201, put.status(), put::toString);

        JsonNode member = Http.get(base + "/" + slug + "/members/" + userId, admin).requireJson();
        assertEquals("Admin", member.path("teamRole").path("role").asText(), member::toString);
        assertEquals("direct", member.path("teamRole").path("sources").get(0).path("kind").asText(), member::toString);
        assertEquals("PresetAlpha", member.path("workspaceRoles").path("analytics").path("role").asText(), member::toString);
        assertEquals(slug + "-ann", member.path("username").asText());

        JsonNode page = Http.get(base + "/" + slug + "/members?first=0&max=10", admin).requireJson();
        assertEquals(1, page.path("total").asInt(), page::toString);
        assertEquals(userId, page.path("members").get(0).path("userId").asText());

        JsonNode team = Http.get(base + "/" + slug, admin).requireJson();
        assertEquals("Acme Inc", team.path("title").asText());
        JsonNode workspaces = Http.get(base + "/" + slug + "/workspaces", admin).requireJson();
        assertEquals("analytics", workspaces.get(0).path("name").asText());

        // lowering the direct role is seen at once
        Http.Response lower = Http.put(base + "/" + slug + "/members/" + userId, admin, Map.of("teamRole", "User"));
        assertEquals(200, lower.status(), lower::toString);
        JsonNode after = lower.requireJson();
        assertEquals("User", after.path("teamRole").path("role").asText());
        assertTrue(after.path("workspaceRoles").isEmpty(), after::toString);

        List<AdminEventRepresentation> events = kc.realm("preset").getAdminEvents();
        assertTrue(events.stream().anyMatch(e -> "PRESET_TEAM".equals(e.getResourceType())
                && "CREATE".equals(e.getOperationType()) && ("teams/" + slug).equals(e.getResourcePath())), "team create event");
        assertTrue(events.stream().anyMatch(e -> "PRESET_WORKSPACE".equals(e.getResourceType())
                && ("teams/" + slug + "/workspaces/analytics").equals(e.getResourcePath())), "workspace create event");
        assertTrue(events.stream().anyMatch(e -> "PRESET_TEAM_MEMBER".equals(e.getResourceType())
                && "UPDATE".equals(e.getOperationType())
                && ("teams/" + slug + "/members/" + userId).equals(e.getResourcePath())), "member update event");
    }

    @Test
    void badInputIsRefusedClearlyAndChangesNothing() {
        String admin = kc.adminToken();
        String slug = slug("bad");
        assertEquals(400, Http.post(base, admin, Map.of("slug", "Bad_Slug", "title", "x")).status());
        assertEquals(400, Http.post(base, admin, Map.of("slug", "ok-slug-" + System.nanoTime())).status(), "title required");
        assertEquals(400, Http.post(base, admin, Map.of("slug", slug, "title", "t", "color", "red")).status(), "unknown field");
        Http.Response malformed = Http.request("POST", base).bearer(admin).body("{\"slug\":").send();
        assertEquals(400, malformed.status(), malformed::toString);
        assertTrue(malformed.requireJson().path("errorMessage").asText().contains("Malformed JSON"), malformed::toString);
        assertEquals(404, Http.get(base + "/" + slug, admin).status(), "nothing created by refused requests");

        assertEquals(201, Http.post(base, admin, Map.of("slug", slug, "title", "T")).status());
        Http.Response dup = Http.post(base, admin, Map.of("slug", slug, "title", "Again"));
        assertEquals(409, dup.status(), dup::toString);
        assertEquals("T", Http.get(base + "/" + slug, admin).requireJson().path("title").asText(), "duplicate changed nothing");

        assertEquals(201, Http.post(base + "/" + slug + "/workspaces", admin, Map.of("name", "ws", "title", "W")).status());
        assertEquals(409, Http.post(base + "/" + slug + "/workspaces", admin, Map.of("name", "ws", "title", "W2")).status());

        String userId = kc.createUser("preset", slug + "-bob", "Secret-123");
        Http.Response badRole = Http.put(base + "/" + slug + "/members/" + userId, admin, Map.of("teamRole", "Owner"));
        assertEquals(400, badRole.status(), badRole::toString);
        assertTrue(badRole.requireJson().path("errorMessage").asText().contains("Owner"));
        Http.Response badWsRole = Http.put(base + "/" + slug + "/members/" + userId, admin,
                Map.of("workspaceRoles", Map.of("ws", "Superuser")));
        assertEquals(400, badWsRole.status(), badWsRole::toString);
        Http.Response unknownWs = Http.put(base + "/" + slug + "/members/" + userId, admin,
                Map.of("workspaceRoles", Map.of("nope", "Admin")));
        assertEquals(400, unknownWs.status(), unknownWs::toString);
        assertEquals(404, Http.get(base + "/" + slug + "/members/" + userId, admin).status(), "no member was added");

        assertEquals(404, Http.put(base + "/" + slug + "/members/00000000-0000-0000-0000-000000000000", admin,
                Map.of("teamRole", "User")).status(), "unknown user");
        assertEquals(404, Http.get(base + "/no-such-team-" + System.nanoTime() + "/members", admin).status());
        assertEquals(400, Http.get(base + "/" + slug + "/members?max=-1", admin).status());
    }

    /** Titles are stored exactly as sent (astral characters included) or refused; never with U+FFFD or '?'. */
    @Test
    void textIsStoredExactlyOrRefused() {
        String admin = kc.adminToken();
        String slug = slug("text");
        String astral = "Acme \ud83d\ude00 \ud834\udd1e";
        assertEquals(201, Http.post(base, admin, Map.of("slug", slug, "title", astral)).status());
        assertEquals(astral, Http.get(base + "/" + slug, admin).requireJson().path("title").asText());
        Http.Response escaped = Http.request("PUT", base + "/" + slug).bearer(admin)
                .body("{\"title\":\"Escaped \\ud83d\\ude00\"}").send();
        assertEquals(200, escaped.status(), escaped::toString);
        assertEquals("Escaped \ud83d\ude00", Http.get(base + "/" + slug, admin).requireJson().path("title").asText());

        byte[] invalidUtf8 = "{\"title\":\"Bad \u0000\"}".getBytes(StandardCharsets.UTF_8);
        invalidUtf8[invalidUtf8.length - 3] = (byte) 0xFF; // the U+0000 byte becomes 0xFF: no UTF-8
        for (Object body : List.of(invalidUtf8, "{\"title\":\"Lone \\ud800\"}", "{\"title\":\"Swapped \\ude00\\ud83d\"}")) {
            Http.Response refused = Http.request("PUT", base + "/" + slug).bearer(admin).body(body).send();
            assertEquals(400, refused.status(), refused::toString);
            assertFalse(refused.requireJson().path("errorMessage").asText().isBlank(), refused::toString);
        }
        assertEquals("Escaped \ud83d\ude00", Http.get(base + "/" + slug, admin).requireJson().path("title").asText(),
                "refused bodies changed nothing");
    }

    @Test
    void nonAdminGets403AndAnonymous401() {
        String username = slug("plain");
        kc.createUser("preset", username, "Secret-123");
        String token = kc.userToken(username, "Secret-123");
        assertEquals(403, Http.get(base, token).status());
        assertEquals(403, Http.post(base, token, Map.of("slug", slug("x"), "title", "x")).status());
        assertEquals(401, Http.get(base, null).status());
    }

    @Test
    void viewUsersMayReadButNotWrite() {
        String username = slug("viewer");
        kc.createRealmAdmin(username, "Secret-123", "view-users");
        String token = kc.userToken(username, "Secret-123");
        assertEquals(200, Http.get(base, token).status());
        assertEquals(403, Http.post(base, token, Map.of("slug", slug("y"), "title", "y")).status());
    }

    @Test
    void deletingTheUserRemovesTheirMemberships() {
        String admin = kc.adminToken();
        String slug = slug("gone");
        assertEquals(201, Http.post(base, admin, Map.of("slug", slug, "title", "Gone")).status());
        assertEquals(201, Http.post(base + "/" + slug + "/workspaces", admin, Map.of("name", "ws", "title", "W")).status());
        String userId = kc.createUser("preset", slug + "-cy", "Secret-123");
        assertEquals(201, Http.put(base + "/" + slug + "/members/" + userId, admin,
                Map.of("teamRole", "Admin", "workspaceRoles", Map.of("ws", "Admin"))).status());
        kc.realm("preset").users().delete(userId).close();
        assertEquals(404, Http.get(base + "/" + slug + "/members/" + userId, admin).status());
        assertEquals(0, Http.get(base + "/" + slug + "/members", admin).requireJson().path("total").asInt());
        // the workspace can be deleted: no dangling role rows hold it
        assertEquals(204, Http.delete(base + "/" + slug + "/workspaces/ws", admin).status());
        assertEquals(204, Http.delete(base + "/" + slug, admin).status());
        assertEquals(404, Http.get(base + "/" + slug, admin).status());
    }
}
