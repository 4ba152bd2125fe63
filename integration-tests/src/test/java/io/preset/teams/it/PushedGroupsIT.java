package io.preset.teams.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.preset.teams.it.support.Http;
import io.preset.teams.it.support.KeycloakExtension;
import io.preset.teams.it.support.KeycloakTarget;
import jakarta.ws.rs.NotFoundException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.representations.idm.AdminEventRepresentation;
import org.keycloak.representations.idm.GroupRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Okta "Push groups" on a real Keycloak: SCIM /Groups, group-to-role mappings, effective roles in the
 * admin API and in the {@code preset_teams} token claim, and clean-up on every path.
 */
@ExtendWith(KeycloakExtension.class)
class PushedGroupsIT {

    private static final String SCIM_JSON = "application/scim+json";
    private static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    private static final String GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
    private static final String PASSWORD = "Secret-123";

    private static KeycloakTarget kc;
    private static String admin;

    private String slug;
    private String scim;
    private String api;
    private String token;

    @BeforeAll
    static void setUp(KeycloakTarget target) {
        kc = target;
        kc.ensureTeamsClaimOnPasswordGrant("preset"); // the claim on the IT password-grant client
    }

    @BeforeEach
    void team() {
        admin = kc.adminToken();
        slug = "grp-" + Long.toString(System.nanoTime(), 36);
        api = kc.baseUrl() + "/admin/realms/preset/teams/" + slug;
        scim = kc.baseUrl() + "/realms/preset/teams/" + slug + "/scim/v2";
        assertEquals(201, Http.post(kc.baseUrl() + "/admin/realms/preset/teams", admin, Map.of("slug", slug, "title", "T")).status());
        token = scimToken(slug);
        assertEquals(201, Http.post(api + "/workspaces", admin, Map.of("name", "analytics", "title", "Analytics")).status());
    }

    // --- helpers

    /** A per-team SCIM token (Okta header mode / Entra), minted through the admin API. */
    private static String scimToken(String teamSlug) {
        Http.Response minted = Http.post(kc.baseUrl() + "/admin/realms/preset/teams/" + teamSlug + "/scim-tokens",
                kc.adminToken(), Map.of("name", "pushed-groups-it"));
        assertEquals(201, minted.status(), minted::toString);
        return minted.requireJson().path("token").asText();
    }

    private String member(String name) {
        String userId = kc.createUser("preset", slug + "-" + name, PASSWORD);
        Http.Response put = Http.put(api + "/members/" + userId, admin, Map.of("teamRole", "User"));
        assertEquals(201, put.status(), put::toString);
        return userId;
    }

    private Http.Response scim(String method, String path, Object body) {
        return Http.request(method, scim + path).bearer(token).contentType(SCIM_JSON).body(body).send();
    }

    private String pushGroup(String displayName) {
        Http.Response created = scim("POST", "/Groups", Map.of("schemas", List.of(GROUP), "displayName", displayName,
                "members", List.of()));
        assertEquals(201, created.status(), created::toString);
        return created.requireJson().path("id").asText();
    }

    private void mapRoles(String groupId, String teamRole, Map<String, String> workspaces) {
        Map<String, Object> body = teamRole == null ? Map.of("workspaceRoles", workspaces)
                : Map.of("teamRole", teamRole, "workspaceRoles", workspaces);
        Http.Response put = Http.put(api + "/groups/" + groupId + "/roles", admin, body);
        assertEquals(200, put.status(), put::toString);
    }

    private Http.Response patch(String groupId, Object... operations) {
        Http.Response resp = scim("PATCH", "/Groups/" + groupId, Map.of("schemas", List.of(PATCH_OP), "Operations", List.of(operations)));
        assertEquals(200, resp.status(), resp::toString);
        return resp;
    }

    private JsonNode effective(String userId) {
        Http.Response resp = Http.get(api + "/members/" + userId, admin);
        assertEquals(200, resp.status(), resp::toString);
        return resp.requireJson();
    }

    private String teamRole(String userId) {
        return effective(userId).path("teamRole").path("role").asText();
    }

    private String workspaceRole(String userId) {
        JsonNode role = effective(userId).path("workspaceRoles").path("analytics").path("role");
        return role.isMissingNode() ? null : role.asText();
    }

    private JsonNode claim(String userId) {
        String username = kc.realm("preset").users().get(userId).toRepresentation().getUsername();
        String jwt = kc.userToken(username, PASSWORD);
        try {
            JsonNode payload = Http.MAPPER.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
            return payload.path("preset_teams").path(slug);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private Set<String> keycloakMembers(String groupId) {
        return kc.realm("preset").groups().group(groupId).members().stream().map(UserRepresentation::getId)
                .collect(Collectors.toSet());
    }

    private static Map<String, Object> op(String op, String path, Object value) {
        if (path == null) {
            return Map.of("op", op, "value", value);
        }
        return value == null ? Map.of("op", op, "path", path) : Map.of("op", op, "path", path, "value", value);
    }

    private static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    // --- tests

    @Test
    void everyPatchShapeChangesEffectiveRolesAndTheTokenClaim() {
        String ann = member("ann");
        String bob = member("bob");
        String groupId = pushGroup("Engineering");

        GroupRepresentation kcGroup = kc.realm("preset").groups().group(groupId).toRepresentation();
        assertEquals("Engineering", kcGroup.getName());
        assertEquals("/team:" + slug + "/Engineering", kcGroup.getPath());

        JsonNode lookup = scim("GET", "/Groups?filter=" + q("displayName eq \"engineering\"") + "&startIndex=1&count=100", null).requireJson();
        assertEquals(1, lookup.path("totalResults").asInt(), lookup::toString);
        assertEquals(groupId, lookup.path("Resources").get(0).path("id").asText());

        // unmapped: grants nothing
        patch(groupId, op("add", "members", List.of(Map.of("value", ann, "display", "ann@example.test"))));
        assertEquals("User", teamRole(ann));
        mapRoles(groupId, "Admin", Map.of("analytics", "PresetAlpha"));
        JsonNode annRoles = effective(ann);
        assertEquals("Admin", annRoles.path("teamRole").path("role").asText(), annRoles::toString);
        assertTrue(annRoles.path("teamRole").path("sources").toString().contains(groupId), annRoles::toString);
        assertEquals("PresetAlpha", workspaceRole(ann));
        assertEquals("User", teamRole(bob));
        JsonNode annClaim = claim(ann);
        assertEquals("Admin", annClaim.path("role").asText(), annClaim::toString);
        assertEquals("PresetAlpha", annClaim.path("workspaces").path("analytics").asText(), annClaim::toString);
        assertEquals(Set.of(ann), keycloakMembers(groupId));

        // the user's groups attribute
        JsonNode annUser = scim("GET", "/Users/" + ann, null).requireJson();
        assertEquals(groupId, annUser.path("groups").get(0).path("value").asText(), annUser::toString);
        assertEquals("Engineering", annUser.path("groups").get(0).path("display").asText(), annUser::toString);

        // Okta remove by filter
        patch(groupId, op("remove", "members[value eq \"" + ann + "\"]", null));
        assertEquals("User", teamRole(ann));
        assertNull(workspaceRole(ann));
        JsonNode after = claim(ann);
        assertEquals("User", after.path("role").asText(), after::toString);
        assertTrue(after.path("workspaces").isEmpty(), after::toString);
        assertEquals(Set.of(), keycloakMembers(groupId));

        // Entra: capitalised ops, remove with a value list
        patch(groupId, op("Add", "members", List.of(Map.of("value", ann), Map.of("value", bob))));
        assertEquals(Set.of(ann, bob), keycloakMembers(groupId));
        assertEquals("Admin", teamRole(bob));
        patch(groupId, op("Remove", "members", List.of(Map.of("value", bob))));
        assertEquals(Set.of(ann), keycloakMembers(groupId));
        assertEquals("User", teamRole(bob));
        assertEquals("Admin", teamRole(ann));

        // Okta "Push now": replace with the full list, then with []
        Http.Response replaced = patch(groupId, op("replace", "members", List.of(Map.of("value", bob))));
        assertEquals(1, replaced.requireJson().path("members").size(), replaced::toString);
        assertEquals(Set.of(bob), keycloakMembers(groupId));
        assertEquals("User", teamRole(ann));
        assertEquals("Admin", teamRole(bob));
        patch(groupId, op("replace", "members", List.of()));
        assertEquals(Set.of(), keycloakMembers(groupId));
        assertEquals("User", teamRole(bob));

        // path-less rename with id, together with a member change
        patch(groupId, op("replace", null, Map.of("id", groupId, "displayName", "Platform")),
                op("add", "members", List.of(Map.of("value", ann))));
        assertEquals("Platform", kc.realm("preset").groups().group(groupId).toRepresentation().getName());
        JsonNode group = scim("GET", "/Groups/" + groupId, null).requireJson();
        assertEquals("Platform", group.path("displayName").asText());
        assertEquals(ann, group.path("members").get(0).path("value").asText(), group::toString);
        assertEquals("User", group.path("members").get(0).path("type").asText());
        JsonNode slim = scim("GET", "/Groups/" + groupId + "?excludedAttributes=members", null).requireJson();
        assertFalse(slim.has("members"), slim::toString);
        assertEquals("Admin", teamRole(ann));

        // users filtered by their groups, in the database
        JsonNode byGroup = scim("GET", "/Users?filter=" + q("groups eq \"" + groupId + "\""), null).requireJson();
        assertEquals(1, byGroup.path("totalResults").asInt(), byGroup::toString);
        assertEquals(ann, byGroup.path("Resources").get(0).path("id").asText());
        JsonNode byName = scim("GET", "/Users?filter=" + q("groups.display eq \"platform\""), null).requireJson();
        assertEquals(1, byName.path("totalResults").asInt(), byName::toString);

        // a rename onto another group's name is a uniqueness conflict and changes nothing
        pushGroup("Sales");
        Http.Response clash = scim("PATCH", "/Groups/" + groupId, Map.of("schemas", List.of(PATCH_OP), "Operations",
                List.of(op("replace", "displayName", "sales"))));
        assertEquals(409, clash.status(), clash::toString);
        assertEquals("Platform", kc.realm("preset").groups().group(groupId).toRepresentation().getName());

        List<AdminEventRepresentation> events = kc.realm("preset").getAdminEvents();
        assertTrue(events.stream().anyMatch(e -> "GROUP_MEMBERSHIP".equals(e.getResourceType())
                && ("users/" + bob + "/groups/" + groupId).equals(e.getResourcePath())), "membership event");
        assertTrue(events.stream().anyMatch(e -> "PRESET_GROUP_ROLES".equals(e.getResourceType())
                && ("teams/" + slug + "/groups/" + groupId + "/roles").equals(e.getResourcePath())), "mapping event");
    }

    @Test
    void aPatchAnswersTheWholeGroupUpToAHundredMembersThen204WithTheNewVersion() {
        String groupId = pushGroup("big-" + slug);
        List<String> users = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            Http.Response created = scim("POST", "/Users", io.preset.teams.it.support.Scim.oktaUser(
                    "big" + i + "-" + slug + "@example.com", "Big", "U" + i));
            assertEquals(201, created.status(), created::toString);
            users.add(created.requireJson().path("id").asText());
        }
        // Okta's conformance run: add one member, remove it, and expect 200 with "members": []
        JsonNode one = patch(groupId, op("add", "members", List.of(Map.of("value", users.get(0))))).requireJson();
        assertEquals(1, one.path("members").size(), one::toString);
        JsonNode empty = patch(groupId, op("remove", "members[value eq \"" + users.get(0) + "\"]", null)).requireJson();
        assertTrue(empty.path("members").isArray() && empty.path("members").isEmpty(), empty::toString);

        JsonNode hundred = patch(groupId, op("add", "members", users.subList(0, 100).stream()
                .map(id -> Map.of("value", id)).toList())).requireJson();
        assertEquals(100, hundred.path("members").size());

        Http.Response more = scim("PATCH", "/Groups/" + groupId, Map.of("schemas", List.of(PATCH_OP), "Operations",
                List.of(op("add", "members", List.of(Map.of("value", users.get(100)))))));
        assertEquals(204, more.status(), more::toString);
        assertEquals("", more.body() == null ? "" : more.body());
        JsonNode group = scim("GET", "/Groups/" + groupId, null).requireJson();
        assertEquals(101, group.path("members").size());
        assertEquals("W/\"" + group.path("meta").path("version").asText().replaceAll("^W/\"|\"$", "") + "\"",
                more.header("ETag"), () -> "the 204 carries the new version: " + more);

        // a client that asks gets what it asks for
        Http.Response asked = scim("PATCH", "/Groups/" + groupId + "?attributes=members", Map.of("schemas", List.of(PATCH_OP),
                "Operations", List.of(op("remove", "members[value eq \"" + users.get(100) + "\"]", null))));
        assertEquals(200, asked.status(), asked::toString);
        assertEquals(100, asked.requireJson().path("members").size());
        Http.Response lean = scim("PATCH", "/Groups/" + groupId + "?excludedAttributes=members", Map.of("schemas",
                List.of(PATCH_OP), "Operations", List.of(op("replace", null, Map.of("displayName", "bigger-" + slug)))));
        assertEquals(200, lean.status(), lean::toString);
        assertFalse(lean.requireJson().has("members"), lean::toString);
        assertEquals("bigger-" + slug, lean.requireJson().path("displayName").asText());
    }

    @Test
    void membersMustBelongToTheTeamAndNamesAreUniquePerTeam() {
        String ann = member("ann");
        String outsider = kc.createUser("preset", slug + "-out", PASSWORD);
        String groupId = pushGroup("Engineering");
        Http.Response bad = scim("PATCH", "/Groups/" + groupId, Map.of("schemas", List.of(PATCH_OP), "Operations",
                List.of(op("add", "members", List.of(Map.of("value", ann), Map.of("value", outsider))))));
        assertEquals(400, bad.status(), bad::toString);
        assertEquals("invalidValue", bad.requireJson().path("scimType").asText());
        assertTrue(bad.requireJson().path("detail").asText().contains(outsider), bad::toString);
        assertEquals(Set.of(), keycloakMembers(groupId), "nothing of the refused PATCH was kept");

        Http.Response dup = scim("POST", "/Groups", Map.of("schemas", List.of(GROUP), "displayName", "ENGINEERING"));
        assertEquals(409, dup.status(), dup::toString);
        assertEquals("uniqueness", dup.requireJson().path("scimType").asText());

        // another team may push the same name
        String otherSlug = slug + "-b";
        assertEquals(201, Http.post(kc.baseUrl() + "/admin/realms/preset/teams", admin, Map.of("slug", otherSlug, "title", "B")).status());
        Http.Response other = Http.request("POST", kc.baseUrl() + "/realms/preset/teams/" + otherSlug + "/scim/v2/Groups")
                .bearer(scimToken(otherSlug)).contentType(SCIM_JSON).body(Map.of("schemas", List.of(GROUP), "displayName", "Engineering")).send();
        assertEquals(201, other.status(), other::toString);
        String otherId = other.requireJson().path("id").asText();
        // ... and it is invisible to this team
        assertEquals(404, scim("GET", "/Groups/" + otherId, null).status());
        assertEquals(404, Http.get(api + "/groups/" + otherId + "/roles", admin).status());

        // POST with members, PUT replaces them
        Http.Response withMembers = scim("POST", "/Groups", Map.of("schemas", List.of(GROUP), "displayName", "Sales",
                "externalId", "okta-1", "members", List.of(Map.of("value", ann))));
        assertEquals(201, withMembers.status(), withMembers::toString);
        String salesId = withMembers.requireJson().path("id").asText();
        assertEquals(Set.of(ann), keycloakMembers(salesId));
        JsonNode byExt = scim("GET", "/Groups?filter=" + q("externalId eq \"okta-1\""), null).requireJson();
        assertEquals(1, byExt.path("totalResults").asInt(), byExt::toString);
        Http.Response put = scim("PUT", "/Groups/" + salesId, Map.of("schemas", List.of(GROUP), "displayName", "Sales",
                "members", List.of()));
        assertEquals(200, put.status(), put::toString);
        assertEquals(Set.of(), keycloakMembers(salesId));
        assertEquals(400, scim("GET", "/Groups?filter=" + q("displayName co \"a\""), null).status());

        // bad mappings
        assertEquals(400, Http.put(api + "/groups/" + groupId + "/roles", admin, Map.of("teamRole", "Owner")).status());
        assertEquals(400, Http.put(api + "/groups/" + groupId + "/roles", admin,
                Map.of("workspaceRoles", Map.of("nope", "Admin"))).status());
        JsonNode list = Http.get(api + "/groups", admin).requireJson();
        assertEquals(2, list.size(), list::toString);
    }

    @Test
    void aLowerMappedGroupDoesNotLowerAnyone() {
        String ann = member("ann");
        String high = pushGroup("Admins");
        String low = pushGroup("Viewers");
        mapRoles(high, "Admin", Map.of("analytics", "PresetAlpha"));
        mapRoles(low, "User", Map.of("analytics", "PresetReportsOnly"));
        patch(low, op("add", "members", List.of(Map.of("value", ann))));
        assertEquals("User", teamRole(ann));
        assertEquals("PresetReportsOnly", workspaceRole(ann));
        patch(high, op("add", "members", List.of(Map.of("value", ann))));
        JsonNode roles = effective(ann);
        assertEquals("Admin", roles.path("teamRole").path("role").asText(), roles::toString);
        assertEquals("PresetAlpha", roles.path("workspaceRoles").path("analytics").path("role").asText(), roles::toString);
        assertEquals(2, roles.path("workspaceRoles").path("analytics").path("sources").size(), roles::toString);
        assertEquals("PresetAlpha", claim(ann).path("workspaces").path("analytics").asText());

        JsonNode groups = Http.get(api + "/groups", admin).requireJson();
        assertEquals("Admin", groups.get(0).path("roles").path("teamRole").asText(), groups::toString);
        assertEquals("PresetReportsOnly", groups.get(1).path("roles").path("workspaceRoles").path("analytics").asText());
    }

    @Test
    void membershipChangesThroughKeycloakAdminRestCountAtOnce() {
        String ann = member("ann");
        String groupId = pushGroup("Engineering");
        mapRoles(groupId, "Admin", Map.of("analytics", "Admin"));
        kc.realm("preset").users().get(ann).joinGroup(groupId);
        assertEquals("Admin", teamRole(ann));
        assertEquals("Admin", workspaceRole(ann));
        kc.realm("preset").users().get(ann).leaveGroup(groupId);
        assertEquals("User", teamRole(ann));
        assertNull(workspaceRole(ann));
        assertEquals("User", claim(ann).path("role").asText());

        // deleting the group in the admin console removes it from SCIM and its mapping
        kc.realm("preset").users().get(ann).joinGroup(groupId);
        kc.realm("preset").groups().group(groupId).remove();
        assertEquals("User", teamRole(ann));
        assertEquals(404, scim("GET", "/Groups/" + groupId, null).status());
        assertEquals(0, Http.get(api + "/groups", admin).requireJson().size());
    }

    @Test
    void deletingTheGroupWithdrawsRolesButKeepsMembers() {
        String ann = member("ann");
        String groupId = pushGroup("Engineering");
        mapRoles(groupId, "Admin", Map.of("analytics", "PresetAlpha"));
        patch(groupId, op("add", "members", List.of(Map.of("value", ann))));
        assertEquals("Admin", teamRole(ann));

        Http.Response deleted = scim("DELETE", "/Groups/" + groupId, null);
        assertEquals(204, deleted.status(), deleted::toString);
        JsonNode roles = effective(ann);
        assertTrue(roles.path("active").asBoolean(), roles::toString);
        assertEquals("User", roles.path("teamRole").path("role").asText());
        assertTrue(roles.path("workspaceRoles").isEmpty(), roles::toString);
        assertThrows(NotFoundException.class, () -> kc.realm("preset").groups().group(groupId).toRepresentation());
        assertEquals(404, scim("GET", "/Groups/" + groupId, null).status());
        assertEquals(404, Http.get(api + "/groups/" + groupId + "/roles", admin).status());
        assertEquals(0, scim("GET", "/Groups", null).requireJson().path("totalResults").asInt());
        // the name is free again
        pushGroup("Engineering");
    }

    @Test
    void removingAMemberThroughTheAdminApiAlsoTakesThemOutOfTheTeamsGroups() {
        String ann = member("ann");
        String groupId = pushGroup("Admins");
        mapRoles(groupId, "Admin", Map.of("analytics", "Admin"));
        patch(groupId, op("add", "members", List.of(Map.of("value", ann))));
        assertEquals("Admin", teamRole(ann));

        Http.Response removed = Http.delete(api + "/members/" + ann, admin);
        assertEquals(204, removed.status(), removed::toString);
        assertFalse(keycloakMembers(groupId).contains(ann), "left the team's pushed groups");

        // rejoining does not bring back what the old group granted
        assertEquals(201, Http.put(api + "/members/" + ann, admin, Map.of("teamRole", "User")).status());
        assertEquals("User", teamRole(ann));
        assertNull(workspaceRole(ann));
    }

    @Test
    void deletingTheUserOrTheTeamCleansEverything() {
        String ann = member("ann");
        String bob = member("bob");
        String groupId = pushGroup("Engineering");
        mapRoles(groupId, "Admin", Map.of("analytics", "PresetAlpha"));
        patch(groupId, op("add", "members", List.of(Map.of("value", ann), Map.of("value", bob))));

        kc.realm("preset").users().delete(ann).close();
        assertEquals(404, Http.get(api + "/members/" + ann, admin).status());
        JsonNode group = scim("GET", "/Groups/" + groupId, null).requireJson();
        assertEquals(1, group.path("members").size(), group::toString);
        assertEquals(bob, group.path("members").get(0).path("value").asText());
        assertEquals("Admin", teamRole(bob));

        // the workspace goes: its group mapping rows go with it
        assertEquals(204, Http.delete(api + "/workspaces/analytics", admin).status());
        assertTrue(Http.get(api + "/groups/" + groupId + "/roles", admin).requireJson().path("workspaceRoles").isEmpty());

        assertEquals(204, Http.delete(api, admin).status());
        assertThrows(NotFoundException.class, () -> kc.realm("preset").groups().group(groupId).toRepresentation());
        Set<String> topLevel = new HashSet<>();
        kc.realm("preset").groups().groups().forEach(g -> topLevel.add(g.getName()));
        assertFalse(topLevel.contains("team:" + slug), topLevel::toString);
    }
}
