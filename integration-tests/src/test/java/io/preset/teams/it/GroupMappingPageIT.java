package io.preset.teams.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.preset.teams.it.support.Http;
import io.preset.teams.it.support.KeycloakExtension;
import io.preset.teams.it.support.KeycloakTarget;
import io.preset.teams.it.support.Scim;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.representations.idm.GroupRepresentation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The server side of the admin-console page "Preset group roles", through the requests the console sends
 * ({@code /admin/realms/{realm}/components}, provider {@code preset-group-roles}): the messages it shows,
 * the admin API and the page showing one mapping whatever wrote it, and entries travelling with a realm
 * export and import. The page itself, in a browser: {@link AdminConsoleMappingIT}.
 */
@ExtendWith(KeycloakExtension.class)
class GroupMappingPageIT {

    private static final String PAGE_TYPE = "org.keycloak.services.ui.extend.UiPageProvider";
    private static final String PAGE = "preset-group-roles";
    private static final String GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group";

    private static KeycloakTarget kc;

    @BeforeAll
    static void setUp(KeycloakTarget target) {
        kc = target;
    }

    // --- a team with a workspace, a member and a pushed group, in some realm

    private record Team(String realm, String slug, Scim scim, String userId, String groupId) {
        String api(String path) {
            return kc.baseUrl() + "/admin/realms/" + realm + "/teams/" + slug + path;
        }
    }

    private static Team team(String realm, String prefix, String groupName) {
        String admin = kc.adminToken();
        String slug = prefix + "-" + Long.toString(System.nanoTime(), 36);
        assertEquals(201, Http.post(kc.baseUrl() + "/admin/realms/" + realm + "/teams", admin,
                Map.of("slug", slug, "title", prefix)).status());
        assertEquals(201, Http.post(kc.baseUrl() + "/admin/realms/" + realm + "/teams/" + slug + "/workspaces", admin,
                Map.of("name", "analytics", "title", "Analytics")).status());
        Http.Response minted = Http.post(kc.baseUrl() + "/admin/realms/" + realm + "/teams/" + slug + "/scim-tokens", admin,
                Map.of("name", "page-it"));
        assertEquals(201, minted.status(), minted::toString);
        Scim scim = "preset".equals(realm) ? new Scim(kc, slug, minted.requireJson().path("token").asText()) : null;
        String token = minted.requireJson().path("token").asText();
        String scimBase = kc.baseUrl() + "/realms/" + realm + "/teams/" + slug + "/scim/v2";
        Http.Response user = Http.request("POST", scimBase + "/Users").bearer(token).contentType("application/scim+json")
                .body(Scim.oktaUser(slug + "@example.test", "Ann", "Member")).send();
        assertEquals(201, user.status(), user::toString);
        String userId = user.requireJson().path("id").asText();
        Http.Response group = Http.request("POST", scimBase + "/Groups").bearer(token).contentType("application/scim+json")
                .body(Map.of("schemas", List.of(GROUP_SCHEMA), "displayName", groupName, "members", List.of(Map.of("value", userId))))
                .send();
        assertEquals(201, group.status(), group::toString);
        return new Team(realm, slug, scim, userId, group.requireJson().path("id").asText());
    }

    private static String path(Team team, String groupName) {
        return "/team:" + team.slug() + "/" + groupName;
    }

    // --- the console's requests

    private static Map<String, Object> entry(String realmId, String team, String group, String teamRole, String workspaceRoles) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("team", List.of(team));
        config.put("group", List.of(group));
        config.put("teamRole", List.of(teamRole));
        if (workspaceRoles != null) {
            config.put("workspaceRoles", List.of(workspaceRoles));
        }
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("providerId", PAGE);
        entry.put("providerType", PAGE_TYPE);
        entry.put("parentId", realmId);
        entry.put("config", config);
        return entry;
    }

    /** The console's key/value editor value. */
    private static String rows(String workspace, String role) {
        return "[{\"key\":\"" + workspace + "\",\"value\":\"" + role + "\"}]";
    }

    private static String realmId(String realm) {
        return kc.realm(realm).toRepresentation().getId();
    }

    private static Http.Response save(String realm, Map<String, Object> entry) {
        return Http.post(kc.baseUrl() + "/admin/realms/" + realm + "/components", kc.adminToken(), entry);
    }

    private static List<JsonNode> entries(String realm) {
        Http.Response r = Http.get(kc.baseUrl() + "/admin/realms/" + realm + "/components?type=" + PAGE_TYPE, kc.adminToken());
        assertEquals(200, r.status(), r::toString);
        List<JsonNode> out = new ArrayList<>();
        r.requireJson().forEach(c -> {
            if (PAGE.equals(c.path("providerId").asText())) {
                out.add(c);
            }
        });
        return out;
    }

    private static JsonNode entryOf(Team team) {
        return entries(team.realm()).stream()
                .filter(c -> team.slug().equals(c.path("config").path("team").path(0).asText()))
                .findFirst().orElse(null);
    }

    private static String config(JsonNode entry, String key) {
        return entry.path("config").path(key).path(0).asText(null);
    }

    private static JsonNode roles(Team team) {
        return Http.get(team.api("/groups/" + team.groupId() + "/roles"), kc.adminToken()).requireJson();
    }

    private static JsonNode member(Team team) {
        return Http.get(team.api("/members/" + team.userId()), kc.adminToken()).requireJson();
    }

    private static String error(Http.Response r) {
        assertEquals(400, r.status(), r::toString);
        return r.requireJson().path("errorMessage").asText();
    }

    // --- tests

    @Test
    void refusesWithTheAdminApisMessagesAndSavesNothing() {
        Team acme = team("preset", "page-acme", "Engineering");
        Team other = team("preset", "page-other", "Sales");
        GroupRepresentation staff = new GroupRepresentation();
        staff.setName("Staff-" + acme.slug());
        kc.realm("preset").groups().add(staff).close();
        String realmId = realmId("preset");
        String eng = path(acme, "Engineering");

        assertEquals("Team 'nope-" + acme.slug() + "' not found",
                error(save("preset", entry(realmId, "nope-" + acme.slug(), eng, "Admin", null))));
        assertEquals("Group '" + path(other, "Sales") + "' is a pushed group of team '" + other.slug() + "', not of team '"
                + acme.slug() + "'", error(save("preset", entry(realmId, acme.slug(), path(other, "Sales"), "Admin", null))));
        assertTrue(error(save("preset", entry(realmId, acme.slug(), "/Staff-" + acme.slug(), "Admin", null)))
                .startsWith("Group '/Staff-" + acme.slug() + "' is not a pushed group of team '" + acme.slug() + "'"));
        assertEquals("Group '" + path(acme, "Missing") + "' not found",
                error(save("preset", entry(realmId, acme.slug(), path(acme, "Missing"), "Admin", null))));
        assertEquals("Unknown team role 'Owner'; expected one of User, Admin",
                error(save("preset", entry(realmId, acme.slug(), eng, "Owner", null))));
        assertTrue(error(save("preset", entry(realmId, acme.slug(), eng, "None", null))).startsWith("This mapping grants nothing"));

        // unknown workspace and unknown role: word for word what PUT .../groups/{id}/roles answers
        String unknownWorkspace = error(save("preset", entry(realmId, acme.slug(), eng, "Admin", rows("finance", "PresetAlpha"))));
        assertEquals("Unknown workspace 'finance' in team '" + acme.slug() + "'", unknownWorkspace);
        assertEquals(unknownWorkspace, Http.put(acme.api("/groups/" + acme.groupId() + "/roles"), kc.adminToken(),
                Map.of("teamRole", "Admin", "workspaceRoles", Map.of("finance", "PresetAlpha"))).requireJson().path("errorMessage").asText());
        String unknownRole = error(save("preset", entry(realmId, acme.slug(), eng, "Admin", rows("analytics", "Boss"))));
        assertTrue(unknownRole.startsWith("Unknown workspace role 'Boss'; expected one of"), unknownRole);
        assertEquals(unknownRole, Http.put(acme.api("/groups/" + acme.groupId() + "/roles"), kc.adminToken(),
                Map.of("workspaceRoles", Map.of("analytics", "Boss"))).requireJson().path("errorMessage").asText());

        // nothing saved: no entry, no mapping, roles unchanged
        assertNull(entryOf(acme));
        assertTrue(roles(acme).path("teamRole").isNull() || roles(acme).path("teamRole").isMissingNode(), roles(acme)::toString);
        assertEquals("User", member(acme).path("teamRole").path("role").asText());

        // one entry per group
        assertEquals(201, save("preset", entry(realmId, acme.slug(), eng, "Admin", null)).status());
        assertEquals("Group '" + eng + "' already has a mapping: edit that entry instead",
                error(save("preset", entry(realmId, acme.slug(), eng, "User", null))));
    }

    @Test
    void thePageAndTheAdminApiShowOneMappingWhateverWroteIt() {
        Team acme = team("preset", "page-sync", "Engineering");
        String realmId = realmId("preset");
        String admin = kc.adminToken();

        // console -> rows: effective roles change at once
        Http.Response created = save("preset", entry(realmId, acme.slug(), path(acme, "Engineering"), "Admin", rows("analytics", "PresetAlpha")));
        assertEquals(201, created.status(), created::toString);
        String location = created.header("Location");
        assertEquals("Admin", roles(acme).path("teamRole").asText());
        assertEquals("PresetAlpha", roles(acme).path("workspaceRoles").path("analytics").asText());
        assertEquals("Admin", member(acme).path("teamRole").path("role").asText(), member(acme)::toString);
        assertEquals("PresetAlpha", member(acme).path("workspaceRoles").path("analytics").path("role").asText());
        JsonNode entry = entryOf(acme);
        assertEquals("Applied", config(entry, "status"));
        assertEquals("analytics: Primary Creator", config(entry, "summary"));

        // admin API -> the page
        assertEquals(200, Http.put(acme.api("/groups/" + acme.groupId() + "/roles"), admin,
                Map.of("teamRole", "User", "workspaceRoles", Map.of("analytics", "PresetReportsOnly"))).status());
        entry = entryOf(acme);
        assertEquals("User", config(entry, "teamRole"));
        assertEquals("analytics: Viewer", config(entry, "summary"));
        assertEquals("User", member(acme).path("teamRole").path("role").asText());

        // console edit of the same entry -> rows
        Map<String, Object> edit = entry(realmId, acme.slug(), path(acme, "Engineering"), "Admin", rows("analytics", "PresetBeta"));
        edit.put("id", entry.path("id").asText());
        assertEquals(204, Http.put(location, admin, edit).status());
        assertEquals("Admin", member(acme).path("teamRole").path("role").asText());
        assertEquals("PresetBeta", member(acme).path("workspaceRoles").path("analytics").path("role").asText());

        // Okta renames the group: the entry follows
        Http.Response renamed = acme.scim().patch("/Groups/" + acme.groupId(), Scim.patch(
                Map.of("op", "replace", "value", Map.of("displayName", "Platform"))));
        assertEquals(200, renamed.status(), renamed::toString);
        assertEquals(path(acme, "Platform"), config(entryOf(acme), "group"));

        // console delete -> the group grants nothing
        assertEquals(204, Http.delete(location, admin).status());
        assertNull(entryOf(acme));
        assertEquals("User", member(acme).path("teamRole").path("role").asText());
        assertTrue(member(acme).path("workspaceRoles").path("analytics").isMissingNode(), member(acme)::toString);

        // admin API mapping -> a new entry; mapping to nothing -> no entry
        assertEquals(200, Http.put(acme.api("/groups/" + acme.groupId() + "/roles"), admin, Map.of("teamRole", "Admin")).status());
        assertEquals("Admin", config(entryOf(acme), "teamRole"));
        assertEquals(200, Http.put(acme.api("/groups/" + acme.groupId() + "/roles"), admin, Map.of("workspaceRoles", Map.of())).status());
        assertNull(entryOf(acme));

        // Okta removes the group: its entry goes with it
        assertEquals(200, Http.put(acme.api("/groups/" + acme.groupId() + "/roles"), admin, Map.of("teamRole", "Admin")).status());
        assertNotNull(entryOf(acme));
        assertEquals(204, acme.scim().delete("/Groups/" + acme.groupId()).status());
        assertNull(entryOf(acme));
    }

    @Test
    void mappingsTravelWithARealmExportAndImport() {
        String realm = "page-import-" + Long.toString(System.nanoTime(), 36);
        String admin = kc.adminToken();
        // a realm file as CI imports it: the entry names a team and a group that do not exist yet
        Map<String, Object> mapping = Map.of("name", "/team:beta/Ops", "providerId", PAGE, "subComponents", Map.of(),
                "config", Map.of("team", List.of("beta"), "group", List.of("/team:beta/Ops"), "teamRole", List.of("Admin"),
                        "workspaceRoles", List.of("analytics=PresetBeta")));
        Map<String, Object> realmFile = Map.of("realm", realm, "enabled", true,
                "components", Map.of(PAGE_TYPE, List.of(mapping)));
        try {
            Http.Response imported = Http.post(kc.baseUrl() + "/admin/realms", admin, realmFile);
            assertEquals(201, imported.status(), imported::toString);
            assertEquals("Waiting for team 'beta'", config(entries(realm).get(0), "status"));

            // the team is created and Okta pushes the group: the imported mapping applies
            assertEquals(201, Http.post(kc.baseUrl() + "/admin/realms/" + realm + "/teams", admin,
                    Map.of("slug", "beta", "title", "Beta")).status());
            assertEquals(201, Http.post(kc.baseUrl() + "/admin/realms/" + realm + "/teams/beta/workspaces", admin,
                    Map.of("name", "analytics", "title", "Analytics")).status());
            String token = Http.post(kc.baseUrl() + "/admin/realms/" + realm + "/teams/beta/scim-tokens", admin,
                    Map.of("name", "import-it")).requireJson().path("token").asText();
            String scim = kc.baseUrl() + "/realms/" + realm + "/teams/beta/scim/v2";
            String userId = Http.request("POST", scim + "/Users").bearer(token).contentType("application/scim+json")
                    .body(Scim.oktaUser("bo@beta.example", "Bo", "Beta")).send().requireJson().path("id").asText();
            Http.Response group = Http.request("POST", scim + "/Groups").bearer(token).contentType("application/scim+json")
                    .body(Map.of("schemas", List.of(GROUP_SCHEMA), "displayName", "Ops", "members", List.of(Map.of("value", userId))))
                    .send();
            assertEquals(201, group.status(), group::toString);
            JsonNode bo = Http.get(kc.baseUrl() + "/admin/realms/" + realm + "/teams/beta/members/" + userId, admin).requireJson();
            assertEquals("Admin", bo.path("teamRole").path("role").asText(), bo::toString);
            assertEquals("PresetBeta", bo.path("workspaceRoles").path("analytics").path("role").asText(), bo::toString);
            assertEquals("Applied", config(entries(realm).get(0), "status"));

            // and the realm's export carries it, in the form it was imported in
            Http.Response export = Http.post(kc.baseUrl() + "/admin/realms/" + realm + "/partial-export", admin, null);
            assertEquals(200, export.status(), export::toString);
            JsonNode exported = null;
            for (JsonNode c : export.requireJson().path("components").path(PAGE_TYPE)) {
                if (PAGE.equals(c.path("providerId").asText())) {
                    exported = c;
                }
            }
            assertNotNull(exported, export.body());
            assertEquals("beta", exported.path("config").path("team").path(0).asText(), exported::toString);
            assertEquals("/team:beta/Ops", exported.path("config").path("group").path(0).asText(), exported::toString);
            assertEquals("Admin", exported.path("config").path("teamRole").path(0).asText(), exported::toString);
            assertTrue(exported.path("config").path("workspaceRoles").path(0).asText().contains("PresetBeta"), exported::toString);

            // a realm with applied mappings can be deleted
            assertEquals(204, Http.delete(kc.baseUrl() + "/admin/realms/" + realm, admin).status());
        } finally {
            Http.delete(kc.baseUrl() + "/admin/realms/" + realm, kc.adminToken());
        }

        // a realm file with a mapping that can never be right is refused as a whole
        String broken = realm + "-broken";
        Map<String, Object> wrong = Map.of("name", "x", "providerId", PAGE, "subComponents", Map.of(),
                "config", Map.of("team", List.of("beta"), "group", List.of("/team:beta/Ops"), "teamRole", List.of("Owner")));
        Http.Response refused = Http.post(kc.baseUrl() + "/admin/realms", admin,
                Map.of("realm", broken, "enabled", true, "components", Map.of(PAGE_TYPE, List.of(wrong))));
        assertEquals(400, refused.status(), refused::toString);
        assertEquals("Preset group roles, entry /team:beta/Ops: Unknown team role 'Owner'; expected one of User, Admin",
                refused.requireJson().path("errorMessage").asText(), refused::toString);
        assertEquals(404, Http.get(kc.baseUrl() + "/admin/realms/" + broken, kc.adminToken()).status());
    }
}
