package io.preset.teams.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.preset.teams.it.support.Http;
import io.preset.teams.it.support.KeycloakExtension;
import io.preset.teams.it.support.KeycloakTarget;
import io.preset.teams.it.support.Scim;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.representations.idm.UserRepresentation;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.preset.teams.it.support.Scim.oktaUser;
import static io.preset.teams.it.support.Scim.patch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SCIM /Users replayed the way Okta and Entra call it, asserting responses and stored state. */
@ExtendWith(KeycloakExtension.class)
class ScimUsersIT {

    private static KeycloakTarget kc;
    private static String token;
    private static Scim acme;

    @BeforeAll
    static void setUp(KeycloakTarget target) {
        kc = target;
        acme = Scim.forTeam(kc, Scim.createTeam(kc, "acme"));
        token = acme.token();
    }

    private static String unique(String local) {
        return local + "." + Long.toString(System.nanoTime(), 36) + "@example.com";
    }

    private static UserRepresentation keycloakUser(String id) {
        return kc.realm("preset").users().get(id).toRepresentation();
    }

    private static void assertScimError(Http.Response r, int status, String scimType) {
        assertEquals(status, r.status(), r::toString);
        assertTrue(r.header("Content-Type").startsWith("application/scim+json"), r::toString);
        JsonNode body = r.requireJson();
        assertEquals(Scim.ERROR, body.path("schemas").get(0).asText(), r::toString);
        assertEquals(Integer.toString(status), body.path("status").asText(), "status is a string: " + r);
        if (scimType != null) {
            assertEquals(scimType, body.path("scimType").asText(), r::toString);
        }
        assertFalse(body.path("detail").asText().isBlank(), r::toString);
    }

    @Test
    void oktaConnectionTest() {
        Http.Response users = acme.get("/Users?startIndex=1&count=2");
        assertEquals(200, users.status(), users::toString);
        assertTrue(users.header("Content-Type").startsWith("application/scim+json"));
        JsonNode body = users.requireJson();
        assertEquals("urn:ietf:params:scim:api:messages:2.0:ListResponse", body.path("schemas").get(0).asText());
        assertTrue(body.path("totalResults").isInt());
        assertTrue(body.path("startIndex").isInt());
        assertEquals(1, body.path("startIndex").asInt());

        Http.Response spc = acme.get("/ServiceProviderConfig");
        assertEquals(200, spc.status(), spc::toString);
        assertTrue(spc.requireJson().path("patch").path("supported").asBoolean());
        assertEquals(200, acme.get("/ResourceTypes").status());
        assertEquals(200, acme.get("/Schemas/" + Scim.CORE_USER).status());
        assertScimError(acme.get("/Schemas/urn:nope"), 404, null);
    }

    @Test
    void oktaCreateLooksUpThenPostsAndGetsTheFullUser() {
        String userName = unique("new.hire");
        Http.Response lookup = acme.get("/Users?filter=userName+eq+%22" + userName + "%22&startIndex=1&count=100");
        assertEquals(200, lookup.status(), lookup::toString);
        assertEquals(0, lookup.requireJson().path("totalResults").asInt());

        Http.Response created = acme.post("/Users", oktaUser(userName, "Nia", "Hire"));
        assertEquals(201, created.status(), created::toString);
        JsonNode user = created.requireJson();
        String id = user.path("id").asText();
        assertTrue(created.header("Location").endsWith("/Users/" + id), created::toString);
        assertEquals(userName, user.path("userName").asText());
        assertEquals("Nia", user.path("name").path("givenName").asText());
        assertEquals("en-US", user.path("locale").asText());
        assertEquals("Nia Hire", user.path("displayName").asText());
        assertTrue(user.path("active").asBoolean());
        assertTrue(user.path("externalId").asText().startsWith("00u"));
        assertFalse(created.body().contains("Okta-Sync-Password-1"), "password never echoed");
        assertFalse(user.has("password"));
        assertEquals("User", user.path("meta").path("resourceType").asText());
        assertNotNull(user.path("meta").path("created").asText(null));
        assertEquals(user.path("meta").path("location").asText(), created.header("Location"));

        UserRepresentation stored = keycloakUser(id);
        assertEquals(userName.toLowerCase(), stored.getUsername());
        assertEquals("Nia", stored.getFirstName());
        assertEquals("Hire", stored.getLastName());
        assertEquals(userName.toLowerCase(), stored.getEmail());
        assertTrue(stored.isEnabled());
        assertEquals("User", Scim.member(kc, acme.slug(), id).path("teamRole").path("role").asText());

        Http.Response found = acme.filterUsers("userName eq \"" + userName + "\"");
        assertEquals(1, found.requireJson().path("totalResults").asInt(), found::toString);
        assertEquals(id, found.requireJson().path("Resources").get(0).path("id").asText());
    }

    @Test
    void mixedCaseUserNameIsEchoedAndFoundInUpperCase() {
        String userName = "Mixed.Case." + Long.toString(System.nanoTime(), 36) + "@Example.COM";
        Http.Response created = acme.post("/Users", oktaUser(userName, "Max", "Case"));
        assertEquals(201, created.status(), created::toString);
        assertEquals(userName, created.requireJson().path("userName").asText());

        Http.Response upper = acme.filterUsers("userName eq \"" + userName.toUpperCase() + "\"");
        JsonNode list = upper.requireJson();
        assertEquals(1, list.path("totalResults").asInt(), upper::toString);
        assertEquals(userName, list.path("Resources").get(0).path("userName").asText(), "byte for byte");
        String id = created.requireJson().path("id").asText();
        assertEquals(userName, acme.get("/Users/" + id).requireJson().path("userName").asText());
    }

    @Test
    void duplicatePostIs409AndAnExistingAccountIsInvitedToAnotherTeam() {
        String userName = unique("dup");
        JsonNode first = acme.post("/Users", oktaUser(userName, "Dee", "Up")).requireJson();
        Http.Response again = acme.post("/Users", oktaUser(userName.toUpperCase(), "Dee", "Up"));
        assertScimError(again, 409, "uniqueness");
        assertEquals(1, acme.filterUsers("userName eq \"" + userName + "\"").requireJson().path("totalResults").asInt());

        Scim globex = Scim.forTeam(kc, Scim.createTeam(kc, "globex"));
        Http.Response joined = globex.post("/Users", oktaUser(userName, "Other", "Name"));
        assertEquals(201, joined.status(), joined::toString);
        assertEquals(first.path("id").asText(), joined.requireJson().path("id").asText(), "one account, two teams");
        assertEquals("Other", joined.requireJson().path("name").path("givenName").asText(), "globex sees what it sent");
        assertEquals("Dee", keycloakUser(first.path("id").asText()).getFirstName(), "only the owning team writes the profile");
        assertEquals("Dee", acme.get("/Users/" + first.path("id").asText()).requireJson().path("name").path("givenName").asText());

        // an email another account uses: answered like any create (no probe), but not copied into the new account
        String someone = unique("someone");
        Http.Response otherAccountSameEmail = acme.post("/Users", Map.of("schemas", List.of(Scim.CORE_USER),
                "userName", someone, "emails", List.of(Map.of("value", userName, "primary", true))));
        assertEquals(201, otherAccountSameEmail.status(), otherAccountSameEmail::toString);
        assertEquals(userName, otherAccountSameEmail.requireJson().path("emails").get(0).path("value").asText());
        assertNull(keycloakUser(otherAccountSameEmail.requireJson().path("id").asText()).getEmail());
    }

    @Test
    void unknownIdsAre404WithScimErrorBody() {
        assertScimError(acme.get("/Users/010101001010101011001010101011"), 404, null);
        assertScimError(acme.get("/Users/6b8b4567-1111-2222-3333-444455556666"), 404, null);
        assertScimError(acme.put("/Users/010101001010101011001010101011", oktaUser(unique("x"), "A", "B")), 404, null);
        assertScimError(acme.delete("/Users/010101001010101011001010101011"), 404, null);
        assertScimError(acme.get("/Nothing"), 404, null);
        assertScimError(new Scim(kc, "no-such-team", token).get("/Users"), 404, null);
        assertScimError(new Scim(kc, acme.slug(), "not-a-token").get("/Users"), 401, null);
        Http.Response anonymous = Http.get(acme.base() + "/Users");
        assertScimError(anonymous, 401, null);
    }

    @Test
    void profileUpdateByGetThenPut() {
        String userName = unique("pat");
        String id = acme.post("/Users", oktaUser(userName, "Pat", "Old")).requireJson().path("id").asText();
        JsonNode user = acme.get("/Users/" + id).requireJson();
        var changed = (com.fasterxml.jackson.databind.node.ObjectNode) user.deepCopy();
        changed.with("name").put("familyName", "New");
        changed.put("title", "Engineer");
        changed.putObject(Scim.ENTERPRISE).put("department", "R&D");
        changed.withArray("schemas").add(Scim.ENTERPRISE);
        changed.put("password", "ignored-secret");
        Http.Response put = acme.put("/Users/" + id, changed);
        assertEquals(200, put.status(), put::toString);
        assertEquals("New", put.requireJson().path("name").path("familyName").asText());
        assertEquals("R&D", put.requireJson().path(Scim.ENTERPRISE).path("department").asText());
        assertFalse(put.body().contains("ignored-secret"));
        assertEquals("New", keycloakUser(id).getLastName());
        JsonNode reread = acme.get("/Users/" + id).requireJson();
        assertEquals("Engineer", reread.path("title").asText());
        assertEquals("R&D", reread.path(Scim.ENTERPRISE).path("department").asText(), "enterprise kept on PUT");
        assertFalse(user.path("meta").path("version").asText().equals(reread.path("meta").path("version").asText()));
    }

    @Test
    void pathlessPatchDeactivatesAndReactivatesTheMembershipOnly() {
        String id = acme.post("/Users", oktaUser(unique("deact"), "Dea", "Ctive")).requireJson().path("id").asText();
        Http.Response admin = Http.put(kc.baseUrl() + "/admin/realms/preset/teams/" + acme.slug() + "/members/" + id,
                kc.adminToken(), Map.of("teamRole", "Admin"));
        assertEquals(200, admin.status(), admin::toString);

        Http.Response off = acme.patch("/Users/" + id, patch(Map.of("op", "replace", "value", Map.of("active", false))));
        assertEquals(200, off.status(), off::toString);
        assertFalse(off.requireJson().path("active").asBoolean());
        JsonNode member = Scim.member(kc, acme.slug(), id);
        assertFalse(member.path("active").asBoolean());
        assertTrue(member.path("teamRole").isNull() || member.path("teamRole").isMissingNode(), member::toString);
        assertTrue(keycloakUser(id).isEnabled(), "the account stays enabled");
        assertFalse(acme.get("/Users/" + id).requireJson().path("active").asBoolean());

        Http.Response on = acme.patch("/Users/" + id, patch(Map.of("op", "replace", "value", Map.of("active", true))));
        assertEquals(200, on.status(), on::toString);
        assertTrue(on.requireJson().path("active").asBoolean());
        assertEquals("User", Scim.member(kc, acme.slug(), id).path("teamRole").path("role").asText(), "restored as User");
    }

    @Test
    void wizardStylePutDeactivates() {
        JsonNode user = acme.post("/Users", oktaUser(unique("wiz"), "Wiz", "Ard")).requireJson();
        String id = user.path("id").asText();
        var body = (com.fasterxml.jackson.databind.node.ObjectNode) user.deepCopy();
        body.put("active", false);
        Http.Response put = acme.put("/Users/" + id, body);
        assertEquals(200, put.status(), put::toString);
        assertFalse(Scim.member(kc, acme.slug(), id).path("active").asBoolean());
        assertTrue(keycloakUser(id).isEnabled());
    }

    @Test
    void entraStringBooleansAndDottedKeys() {
        String id = acme.post("/Users", oktaUser(unique("entra"), "En", "Tra")).requireJson().path("id").asText();
        Http.Response off = acme.patch("/Users/" + id, patch(Map.of("op", "Replace", "path", "active", "value", "False")));
        assertEquals(200, off.status(), off::toString);
        assertFalse(Scim.member(kc, acme.slug(), id).path("active").asBoolean());

        Http.Response dotted = acme.patch("/Users/" + id, patch(Map.of("op", "replace", "value", Map.of(
                "name.givenName", "Entra",
                Scim.ENTERPRISE + ":department", "Sales",
                Scim.ENTERPRISE + ":manager", "mgr-42"))));
        assertEquals(200, dotted.status(), dotted::toString);
        JsonNode updated = dotted.requireJson();
        assertEquals("Entra", updated.path("name").path("givenName").asText());
        assertEquals("Tra", updated.path("name").path("familyName").asText(), "other name parts kept");
        assertEquals("Sales", updated.path(Scim.ENTERPRISE).path("department").asText());
        assertEquals("mgr-42", updated.path(Scim.ENTERPRISE).path("manager").path("value").asText());
        assertEquals("Entra", keycloakUser(id).getFirstName());

        Http.Response on = acme.patch("/Users/" + id, patch(Map.of("op", "Replace", "path", "active", "value", "True")));
        assertTrue(on.requireJson().path("active").asBoolean(), on::toString);
        assertScimError(acme.patch("/Users/" + id, patch(Map.of("op", "Replace", "path", "active", "value", "maybe"))),
                400, "invalidValue");
        assertTrue(Scim.member(kc, acme.slug(), id).path("active").asBoolean(), "refused patch changed nothing");
    }

    @Test
    void paginationOver250MembersIsStableAndComplete() {
        Scim big = Scim.forTeam(kc, Scim.createTeam(kc, "big"));
        for (int i = 0; i < 250; i++) {
            Http.Response r = big.post("/Users", Map.of("schemas", List.of(Scim.CORE_USER),
                    "userName", "page" + i + "." + big.slug() + "@example.com"));
            assertEquals(201, r.status(), r::toString);
        }
        Set<String> seen = new HashSet<>();
        for (int start = 1; start <= 250; start += 100) {
            JsonNode page = big.get("/Users?startIndex=" + start + "&count=100").requireJson();
            assertEquals(250, page.path("totalResults").asInt());
            assertEquals(start, page.path("startIndex").asInt());
            assertEquals(Math.min(100, 251 - start), page.path("itemsPerPage").asInt());
            page.path("Resources").forEach(u -> assertTrue(seen.add(u.path("id").asText()), "no repeats"));
        }
        assertEquals(250, seen.size());
        JsonNode past = big.get("/Users?startIndex=251&count=100").requireJson();
        assertEquals(0, past.path("Resources").size());
        JsonNode capped = big.get("/Users?count=5000").requireJson();
        assertEquals(250, capped.path("itemsPerPage").asInt());
        JsonNode sorted = big.get("/Users?sortBy=userName&sortOrder=descending&count=1").requireJson();
        assertEquals("page99." + big.slug() + "@example.com", sorted.path("Resources").get(0).path("userName").asText());
    }

    @Test
    void everyFilterOperator() {
        Scim team = Scim.forTeam(kc, Scim.createTeam(kc, "filters"));
        String tag = Long.toString(System.nanoTime(), 36);
        String alice = team.post("/Users", Map.of("schemas", List.of(Scim.CORE_USER, Scim.ENTERPRISE),
                "userName", "alice." + tag + "@acme.io", "externalId", "ext-alice",
                "name", Map.of("givenName", "Alice", "familyName", "Archer"), "title", "Engineer",
                "emails", List.of(Map.of("value", "alice." + tag + "@acme.io", "type", "work", "primary", true),
                        Map.of("value", "alice." + tag + "@home.net", "type", "home")),
                Scim.ENTERPRISE, Map.of("department", "R&D"))).requireJson().path("id").asText();
        String bob = team.post("/Users", Map.of("schemas", List.of(Scim.CORE_USER),
                "userName", "bob." + tag + "@acme.io", "externalId", "ext-bob",
                "name", Map.of("givenName", "Bob", "familyName", "Baker"),
                "emails", List.of(Map.of("value", "bob." + tag + "@acme.io", "type", "work", "primary", true)))).requireJson().path("id").asText();
        String carol = team.post("/Users", Map.of("schemas", List.of(Scim.CORE_USER),
                "userName", "carol." + tag + "@other.org", "active", false)).requireJson().path("id").asText();

        assertFilter(team, "userName eq \"ALICE." + tag + "@ACME.IO\"", alice);
        assertFilter(team, "userName ne \"alice." + tag + "@acme.io\"", bob, carol);
        assertFilter(team, "userName co \"" + tag + "@acme\"", alice, bob);
        assertFilter(team, "userName sw \"carol\"", carol);
        assertFilter(team, "userName ew \"@other.org\"", carol);
        assertFilter(team, "userName gt \"bob\"", bob, carol);
        assertFilter(team, "userName ge \"bob." + tag + "@acme.io\"", bob, carol);
        assertFilter(team, "userName lt \"bob\"", alice);
        assertFilter(team, "userName le \"bob." + tag + "@acme.io\"", alice, bob);
        assertFilter(team, "title pr", alice);
        assertFilter(team, "externalId eq \"ext-bob\"", bob);
        assertFilter(team, "active eq false", carol);
        assertFilter(team, "name.familyName eq \"baker\"", bob);
        assertFilter(team, "emails[type eq \"home\"]", alice);
        assertFilter(team, "emails.value co \"@home.net\"", alice);
        assertFilter(team, Scim.ENTERPRISE + ":department eq \"r&d\"", alice);
        assertFilter(team, "title pr or externalId eq \"ext-bob\"", alice, bob);
        assertFilter(team, "userName co \"acme\" and not (name.givenName eq \"Alice\")", bob);
        assertFilter(team, "meta.lastModified gt \"2000-01-01T00:00:00Z\"", alice, bob, carol);
        assertFilter(team, "meta.created lt \"2000-01-01T00:00:00Z\"");

        assertScimError(team.filterUsers("nickname2 eq \"x\""), 400, "invalidFilter");
        assertScimError(team.filterUsers("userName eq"), 400, "invalidFilter");
        assertScimError(team.filterUsers("((userName eq \"x\""), 400, "invalidFilter");
    }

    private static void assertFilter(Scim team, String filter, String... expectedIds) {
        Http.Response r = team.filterUsers(filter);
        assertEquals(200, r.status(), () -> filter + " -> " + r);
        Set<String> ids = new HashSet<>();
        r.requireJson().path("Resources").forEach(u -> ids.add(u.path("id").asText()));
        assertEquals(Set.of(expectedIds), ids, filter);
        assertEquals(expectedIds.length, r.requireJson().path("totalResults").asInt(), filter);
    }

    @Test
    void teamsSeeOnlyTheirOwnUsers() {
        Scim other = Scim.forTeam(kc, Scim.createTeam(kc, "other"));
        String userName = unique("private");
        String id = acme.post("/Users", oktaUser(userName, "Pri", "Vate")).requireJson().path("id").asText();
        assertScimError(other.get("/Users/" + id), 404, null);
        assertScimError(other.patch("/Users/" + id, patch(Map.of("op", "replace", "value", Map.of("active", false)))), 404, null);
        assertScimError(other.delete("/Users/" + id), 404, null);
        assertEquals(0, other.filterUsers("userName eq \"" + userName + "\"").requireJson().path("totalResults").asInt());
        assertTrue(Scim.member(kc, acme.slug(), id).path("active").asBoolean(), "untouched by the other team");
        assertNull(Scim.member(kc, other.slug(), id));
    }

    @Test
    void deleteRemovesTheMembershipAndAnAccountLeftWithoutTeams() {
        String userName = unique("bye");
        String id = acme.post("/Users", oktaUser(userName, "By", "E")).requireJson().path("id").asText();
        Scim second = Scim.forTeam(kc, Scim.createTeam(kc, "second"));
        assertEquals(201, second.post("/Users", oktaUser(userName, "By", "E")).status());

        assertEquals(204, acme.delete("/Users/" + id).status());
        assertScimError(acme.get("/Users/" + id), 404, null);
        assertNotNull(keycloakUser(id), "still in another team");
        assertEquals(204, second.delete("/Users/" + id).status());
        assertTrue(kc.realm("preset").users().search(userName.toLowerCase(), true).isEmpty(), "account deleted with its last team");
    }

    @Test
    void badBodiesAreScimErrorsAndChangeNothing() {
        assertScimError(acme.request("POST", "/Users", "{\"userName\":"), 400, "invalidSyntax");
        assertScimError(acme.post("/Users", Map.of("userName", unique("noschema"))), 400, "invalidSyntax");
        assertScimError(acme.post("/Users", Map.of("schemas", List.of(Scim.CORE_USER))), 400, "invalidValue");
        assertScimError(acme.post("/Users", Map.of("schemas", List.of(Scim.CORE_USER), "userName", 42)), 400, "invalidValue");
        String userName = unique("badmail");
        assertScimError(acme.post("/Users", Map.of("schemas", List.of(Scim.CORE_USER), "userName", userName,
                "emails", List.of(Map.of("value", "not-an-email")))), 400, "invalidValue");
        assertEquals(0, acme.filterUsers("userName eq \"" + userName + "\"").requireJson().path("totalResults").asInt());
        Http.Response text = Http.request("POST", acme.base() + "/Users").bearer(token).contentType("text/plain").body("hello").send();
        assertScimError(text, 415, null);
    }
}
