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

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static io.preset.teams.it.support.Scim.oktaUser;
import static io.preset.teams.it.support.Scim.patch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The tenant boundary on the SCIM side, replayed as a hostile team admin would: team acme controls its SCIM client
 * and tries to read, rename or capture accounts of team globex, and to probe which accounts exist. Each step must
 * answer as for any other request and change nothing of globex's account or globex's view of it. (The sign-in
 * steps of the chain are in {@code SamlSsoIT}, domains in {@code DomainsIT}, invitations in {@code InvitationsIT}.)
 */
@ExtendWith(KeycloakExtension.class)
class TenantBoundaryIT {

    private static KeycloakTarget kc;
    private static String globexSlug;
    private static Scim acme;
    private static Scim globex;
    private static String globexDomain;

    @BeforeAll
    static void setUp(KeycloakTarget target) {
        kc = target;
        acme = Scim.forTeam(kc, Scim.createTeam(kc, "acme"));
        globexSlug = Scim.createTeam(kc, "globex");
        globex = Scim.forTeam(kc, globexSlug);
        globexDomain = globexSlug + ".example";
        Scim.verifyDomain(kc, globexSlug, globexDomain);
    }

    private static String unique(String prefix) {
        return prefix + "-" + Long.toString(System.nanoTime(), 36);
    }

    /** globex's Okta pushes an employee with a private profile. */
    private static JsonNode globexEmployee(String local) {
        Map<String, Object> body = new HashMap<>(oktaUser(local + "@" + globexDomain, "Vic", "Tim"));
        body.put("schemas", List.of(Scim.CORE_USER, Scim.ENTERPRISE));
        body.put("title", "CFO");
        body.put("phoneNumbers", List.of(Map.of("value", "+1 555 0100", "type", "work")));
        body.put(Scim.ENTERPRISE, Map.of("department", "Finance"));
        Http.Response created = globex.post("/Users", body);
        assertEquals(201, created.status(), created::toString);
        return created.requireJson();
    }

    private static UserRepresentation account(String id) {
        return kc.realm("preset").users().get(id).toRepresentation();
    }

    @Test
    void step1_postOfAnotherTeamsUserNameLeaksNothingAndGrantsNothing() {
        JsonNode victim = globexEmployee(unique("victim"));
        String id = victim.path("id").asText();

        Map<String, Object> probe = new HashMap<>(oktaUser(victim.path("userName").asText(), "Mallory", "Acme"));
        Http.Response posted = acme.post("/Users", probe);
        assertEquals(201, posted.status(), posted::toString);
        JsonNode seen = posted.requireJson();
        String text = seen.toString();
        assertFalse(text.contains("CFO") || text.contains("555 0100") || text.contains("Finance") || text.contains("Vic"),
                "nothing of globex's profile: " + text);
        assertEquals("Mallory", seen.path("name").path("givenName").asText(), "acme sees what acme sent");
        assertTrue(seen.path("active").asBoolean(), "answered as for a new user");
        assertEquals(seen, acme.get("/Users/" + seen.path("id").asText()).requireJson(), "GET shows the same view");
        assertEquals(0, acme.filterUsers("title eq \"CFO\"").requireJson().path("totalResults").asInt(),
                "acme's filters run on acme's values only");
        assertEquals(0, acme.filterUsers("name.givenName eq \"Vic\"").requireJson().path("totalResults").asInt());

        // the membership is a pending invitation: no role, and globex's account and view are untouched
        JsonNode member = Scim.member(kc, acme.slug(), id);
        assertFalse(member.path("active").asBoolean(), member::toString);
        assertEquals("Vic", account(id).getFirstName());
        assertEquals(victim.path("userName").asText().toLowerCase(), account(id).getEmail());
        JsonNode globexView = globex.get("/Users/" + id).requireJson();
        assertEquals("CFO", globexView.path("title").asText(), globexView::toString);
        assertEquals("Vic", globexView.path("name").path("givenName").asText());
    }

    @Test
    void step3_putOrPatchOfANonOwnedAccountChangesOnlyTheTeamsOwnView() {
        JsonNode victim = globexEmployee(unique("rename"));
        String id = acme.post("/Users", oktaUser(victim.path("userName").asText(), "M", "A")).requireJson().path("id").asText();
        assertEquals(victim.path("id").asText(), id);

        Map<String, Object> put = new HashMap<>(oktaUser("attacker-" + unique("x") + "@acme.example", "Evil", "Name"));
        Http.Response replaced = acme.put("/Users/" + id, put);
        assertEquals(200, replaced.status(), replaced::toString);
        assertEquals(put.get("userName"), replaced.requireJson().path("userName").asText(), "acme's own spelling");
        Http.Response patched = acme.patch("/Users/" + id, patch(Map.of("op", "replace", "path", "title", "value", "pwned")));
        assertEquals(200, patched.status(), patched::toString);

        JsonNode globexView = globex.get("/Users/" + id).requireJson();
        assertEquals(victim.path("userName").asText(), globexView.path("userName").asText(), "globex's userName unchanged");
        assertEquals("CFO", globexView.path("title").asText());
        assertEquals(victim.path("meta").path("version").asText(), globexView.path("meta").path("version").asText(),
                "globex's view did not even change version");
        UserRepresentation kcUser = account(id);
        assertEquals(victim.path("userName").asText().toLowerCase(), kcUser.getUsername());
        assertEquals("Vic", kcUser.getFirstName());
        assertEquals(1, globex.filterUsers("userName eq \"" + victim.path("userName").asText() + "\"")
                .requireJson().path("totalResults").asInt());
    }

    @Test
    void step5_emailOfAnotherTeamsAccountIsNoProbeAndNotTaken() {
        JsonNode victim = globexEmployee(unique("mail"));
        String victimEmail = victim.path("emails").get(0).path("value").asText();
        Map<String, Object> body = new HashMap<>(oktaUser(unique("fresh") + "@acme.example", "Fresh", "User"));
        body.put("emails", List.of(Map.of("value", victimEmail, "primary", true, "type", "work")));
        Http.Response created = acme.post("/Users", body);
        assertEquals(201, created.status(), created::toString);
        assertFalse(created.body().contains("another"), created::toString);
        String id = created.requireJson().path("id").asText();
        assertFalse(id.equals(victim.path("id").asText()), "a new account");
        assertNull(account(id).getEmail(), "the email of a domain globex verified is never copied into acme's account");
        assertEquals(victimEmail, account(victim.path("id").asText()).getEmail(), "the victim keeps their email");
    }

    @Test
    void probesAnswerAlikeForTakenAndFreeUserNames() {
        JsonNode taken = globexEmployee(unique("probe"));
        JsonNode takenAnswer = acme.post("/Users", oktaUser(taken.path("userName").asText(), "P", "Q")).requireJson();
        JsonNode freeAnswer = acme.post("/Users", oktaUser(unique("nobody") + "@acme.example", "P", "Q")).requireJson();
        assertEquals(keys(freeAnswer), keys(takenAnswer), "same shape");
        assertEquals(freeAnswer.path("meta").path("version").asText(), takenAnswer.path("meta").path("version").asText());
        assertEquals(freeAnswer.path("active"), takenAnswer.path("active"));
        // as instants: "…:45Z" (a whole second) sorts after "…:45.250Z" as text
        assertTrue(java.time.Instant.parse(takenAnswer.path("meta").path("created").asText())
                        .isAfter(java.time.Instant.parse(taken.path("meta").path("created").asText())),
                "meta.created is acme's, not the account's");

        // an account in globex's verified domain that does not exist yet: acme may create it, but not own it
        String newInDomain = unique("newhire") + "@" + globexDomain;
        Http.Response created = acme.post("/Users", oktaUser(newInDomain, "New", "Hire"));
        assertEquals(201, created.status(), created::toString);
        String id = created.requireJson().path("id").asText();
        assertFalse(Scim.member(kc, acme.slug(), id).path("active").asBoolean(), "an invitation, not a membership");
        assertNull(account(id).getFirstName(), "acme writes nothing into an account globex owns");
        assertNull(account(id).getEmail());
        // globex provisions its new hire later: it owns the account and joins it at once
        Http.Response joined = globex.post("/Users", oktaUser(newInDomain, "Nina", "Hire"));
        assertEquals(201, joined.status(), joined::toString);
        assertEquals(id, joined.requireJson().path("id").asText());
        assertTrue(Scim.member(kc, globexSlug, id).path("active").asBoolean());
        assertEquals("Nina", account(id).getFirstName());
    }

    @Test
    void deleteOfAnInvitationLeavesTheOwnersAccountAndMembership() {
        JsonNode victim = globexEmployee(unique("keep"));
        String id = acme.post("/Users", oktaUser(victim.path("userName").asText(), "K", "P")).requireJson().path("id").asText();
        assertEquals(204, acme.delete("/Users/" + id).status());
        assertEquals(200, globex.get("/Users/" + id).status());
        assertEquals("Vic", account(id).getFirstName());
    }

    @Test
    void anOperatorAccountIsOwnedByNoTeam() {
        String username = unique("ops") + "@" + globexDomain;
        String id = kc.createUser("preset", username, "Ops-Pass-123");
        var realmManagement = kc.realm("preset").clients().findByClientId("realm-management").get(0);
        var manageUsers = kc.realm("preset").clients().get(realmManagement.getId()).roles().get("manage-users").toRepresentation();
        kc.realm("preset").users().get(id).roles().clientLevel(realmManagement.getId()).add(List.of(manageUsers));
        String before = account(id).getFirstName();

        Http.Response joined = globex.post("/Users", oktaUser(username, "Hijack", "Attempt"));
        assertEquals(201, joined.status(), joined::toString);
        assertFalse(Scim.member(kc, globexSlug, id).path("active").asBoolean(),
                "even the team that verified its domain only invites an operator account");
        Map<String, Object> put = new HashMap<>(oktaUser(username, "Hijack", "Again"));
        put.put("emails", List.of(Map.of("value", "attacker@" + globexDomain, "primary", true)));
        assertEquals(200, globex.put("/Users/" + id, put).status());
        assertEquals(before, account(id).getFirstName(), "no team writes an operator's profile");
        assertEquals(username.toLowerCase(), account(id).getEmail(), "nor its email (password resets go there)");
    }

    private static Set<String> keys(JsonNode node) {
        Set<String> keys = new TreeSet<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }
}
