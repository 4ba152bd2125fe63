package io.preset.teams.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.preset.teams.it.support.Http;
import io.preset.teams.it.support.KeycloakExtension;
import io.preset.teams.it.support.KeycloakTarget;
import io.preset.teams.it.support.LocalKeycloak;
import io.preset.teams.it.support.OktaGrant;
import io.preset.teams.it.support.Scim;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.preset.teams.it.support.Http.enc;
import static io.preset.teams.it.support.Scim.oktaUser;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Teams travel with the realm: {@code kc.sh export} of the harness server (teams, workspaces, SCIM users and groups
 * pushed by SCIM, a mapping, a SCIM token, an invitation, a verified domain, forwarding with pending outbox rows),
 * {@code kc.sh import} into a second, fresh Keycloak and database, and every SCIM and admin API answer compared;
 * the same SCIM token works there. The second server also boots a realm file that declares a team
 * ({@code --import-realm}): its SCIM token (declared by hash) authenticates and its mapped group grants roles.
 */
@ExtendWith(KeycloakExtension.class)
class RealmRoundTripIT {

    private static KeycloakTarget kc;

    @BeforeAll
    static void setUp(KeycloakTarget target) {
        kc = target;
    }

    @Test
    void exportImportKeepsEveryAnswerAndADeclaredRealmBootsWorking() throws IOException {
        assumeTrue(kc instanceof LocalKeycloak, "needs the local distribution to run kc.sh export");
        LocalKeycloak source = (LocalKeycloak) kc;
        String api = kc.baseUrl() + "/admin/realms/preset/teams/";

        // --- a team as Okta leaves it
        String slug = Scim.createTeam(kc, "trip");
        String other = Scim.createTeam(kc, "tripb");
        assertEquals(201, Http.post(api + slug + "/workspaces", kc.adminToken(), Map.of("name", "analytics", "title", "Analytics")).status());
        Scim scim = Scim.forTeam(kc, slug);
        String suffix = Long.toString(System.nanoTime(), 36);
        String annName = "Ann.Trip" + suffix + "@Trip.example";
        Http.Response ann = scim.post("/Users", oktaUser(annName, "Ann", "Trip"));
        assertEquals(201, ann.status(), ann::toString);
        String annId = ann.requireJson().path("id").asText();
        Http.Response bob = scim.post("/Users", oktaUser("bob.trip" + suffix + "@trip.example", "Bob", "Trip"));
        assertEquals(201, bob.status(), bob::toString);
        Http.Response group = scim.post("/Groups", Map.of("schemas", List.of(Scim.GROUP), "displayName", "Engineering",
                "externalId", "00g" + suffix, "members", List.of(Map.of("value", annId))));
        assertEquals(201, group.status(), group::toString);
        String groupId = group.requireJson().path("id").asText();
        assertEquals(200, Http.put(api + slug + "/groups/" + groupId + "/roles", kc.adminToken(),
                Map.of("teamRole", "Admin", "workspaceRoles", Map.of("analytics", "PresetBeta"))).status());
        Scim.verifyDomain(kc, slug, "trip" + suffix + ".example");
        // the other team provisions Ann too: an account it does not own, so a pending invitation
        Scim otherScim = Scim.forTeam(kc, other);
        Http.Response invited = otherScim.post("/Users", oktaUser(annName, "Ann", "Trip"));
        assertTrue(invited.status() == 201, invited::toString);
        // forwarding to a port nobody listens on, then switched off: the rows wait, pending
        Map<String, Object> forwarding = new LinkedHashMap<>(Map.of("enabled", true, "baseUrl", "http://127.0.0.1:" + closedPort(),
                "remoteTeam", "remote-" + suffix, "workspaceIds", Map.of("analytics", "ws-1")));
        assertEquals(200, Http.put(api + slug + "/forwarding", kc.adminToken(), forwarding).status());
        assertEquals(200, scim.patch("/Users/" + annId, Scim.patch(Map.of("op", "replace", "path", "displayName", "value", "Ann T."))).status());
        forwarding.put("enabled", false);
        assertEquals(200, Http.put(api + slug + "/forwarding", kc.adminToken(), forwarding).status());
        sleep(2000); // a send in progress records its outcome
        JsonNode outbox = Http.get(api + slug + "/forwarding/outbox", kc.adminToken()).requireJson();
        assertTrue(outbox.size() > 0, () -> "pending outbox rows: " + outbox);

        String bobId = bob.requireJson().path("id").asText();
        // an admin of the team authenticated Okta: Okta holds an offline grant of okta-scim
        String olga = "olga-" + suffix;
        String olgaId = kc.createUser("preset", olga, "Olga-Secret-1");
        assertEquals(201, Http.put(api + slug + "/members/" + olgaId, kc.adminToken(), Map.of("teamRole", "Admin")).status());
        String oktaRefreshToken = OktaGrant.obtain(kc, olga, "Olga-Secret-1");
        Map<String, JsonNode> scimBefore = scimAnswers(kc, slug, scim.token(), annId, annName, groupId);
        Map<String, JsonNode> adminBefore = adminAnswers(kc, slug, other, annId, bobId, groupId);

        // --- kc.sh export while the server is stopped (H2 admits one process)
        Path dir = Files.createTempDirectory("preset-export-");
        List<LocalKeycloak.CommandResult> export = new ArrayList<>();
        source.restart(false, () -> export.add(source.kcCommand(List.of("export", "--dir", dir.toString(), "--realm", "preset"))));
        assertEquals(0, export.get(0).exitCode(), export.get(0)::output);
        String exportLog = export.get(0).output();
        assertTrue(exportLog.contains("Exported the Preset teams of realm preset"), exportLog);
        assertFalse(exportLog.contains("Forwarding dispatcher started"), "no background work inside kc.sh export");
        assertFalse(exportLog.contains("Forwarding poll failed"), exportLog);
        String realmFile = Files.readString(dir.resolve("preset-realm.json"));
        assertFalse(realmFile.contains(scim.token()), "the export holds token hashes, never a token");
        assertEquals(scimBefore, scimAnswers(kc, slug, scim.token(), annId, annName, groupId), "the source after its restart");

        // --- kc.sh import into a fresh Keycloak and database, which also boots a declared realm
        List<LocalKeycloak.CommandResult> imported = new ArrayList<>();
        try (LocalKeycloak target = LocalKeycloak.startAnother("roundtrip-" + kc.db(), kc.db(), fresh -> {
            fresh.useHostname(kc.baseUrl()); // the restored server takes the old one's name, so Okta's tokens fit
            copyDeclaredRealm(fresh.runDir().resolve("data/import"));
            imported.add(fresh.kcCommand(List.of("import", "--dir", dir.toString())));
        })) {
            assertEquals(0, imported.get(0).exitCode(), imported.get(0)::output);
            assertFalse(imported.get(0).output().contains("Forwarding dispatcher started"), "no background work inside kc.sh import");

            assertEquals(adminBefore, adminAnswers(target, slug, other, annId, bobId, groupId), "admin API answers");
            assertEquals(scimBefore, scimAnswers(target, slug, scim.token(), annId, annName, groupId),
                    "SCIM answers with the same token");

            // Okta renews its grant against the imported realm and provisions with the new access token
            Http.Response renewed = OktaGrant.renew(target, oktaRefreshToken);
            assertEquals(200, renewed.status(), () -> "Okta's grant after the import: " + renewed);
            Http.Response users = Http.get(target.baseUrl() + "/realms/preset/teams/" + slug + "/scim/v2/Users",
                    OktaGrant.accessToken(renewed));
            assertEquals(200, users.status(), users::toString);

            declaredRealmWorks(target);
        }
    }

    @Test
    void declarationsAreRefusedOutsideAnImport() {
        String realmId = kc.realm("preset").toRepresentation().getId();
        Http.Response r = Http.post(kc.baseUrl() + "/admin/realms/preset/components", kc.adminToken(), Map.of(
                "name", "sneaky", "providerId", "preset-team", "providerType", "io.preset.teams.realmio.TeamDeclaration",
                "parentId", realmId, "config", Map.of("title", List.of("Sneaky"))));
        assertEquals(400, r.status(), r::toString);
        assertTrue(r.body().contains("for an import only"), r::toString);
        assertEquals(404, Http.get(kc.baseUrl() + "/admin/realms/preset/teams/sneaky", kc.adminToken()).status());
    }

    @Test
    void aBadDeclarationFailsTheRealmCreationNamingTheEntry() throws IOException {
        String[][] cases = {
                {"\"analytics=PresetReportsOnly\"", "\"sales=PresetReportsOnly\"",
                        "team 'declared-co', member 'erin': unknown workspace 'sales'"},
                {"\"name\": \"erin\", \"providerId\": \"preset-member\"", "\"name\": \"zoe\", \"providerId\": \"preset-member\"",
                        "team 'declared-co', member 'zoe': no user 'zoe' in the realm"},
                {"8dd24f35a915", "pst_DeclaredR", "scim token 'Okta production': 'sha256' must be the SHA-256"}};
        for (String[] c : cases) {
            String realm = "bad-" + Long.toString(System.nanoTime(), 36);
            String file;
            try (InputStream in = RealmRoundTripIT.class.getResourceAsStream("/realms/declared-realm.json")) {
                file = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            }
            assertTrue(file.contains(c[0]), c[0]);
            String rep = file.replace("\"realm\": \"declared\"", "\"realm\": \"" + realm + "\"").replace(c[0], c[1]);
            Http.Response r = Http.request("POST", kc.baseUrl() + "/admin/realms").bearer(kc.adminToken())
                    .contentType("application/json").body(rep).send();
            assertEquals(400, r.status(), r::toString);
            assertTrue(r.body().contains(c[2]), r::toString);
            assertEquals(404, Http.get(kc.baseUrl() + "/admin/realms/" + realm, kc.adminToken()).status(),
                    "nothing of the realm stays");
        }
    }

    @Test
    void aTokenHashTakenInAnotherRealmIsRefusedByName() throws IOException {
        String file;
        try (InputStream in = RealmRoundTripIT.class.getResourceAsStream("/realms/declared-realm.json")) {
            file = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        String first = "dup-" + Long.toString(System.nanoTime(), 36);
        String second = first + "-b";
        Http.Response created = Http.request("POST", kc.baseUrl() + "/admin/realms").bearer(kc.adminToken())
                .contentType("application/json").body(file.replace("\"realm\": \"declared\"", "\"realm\": \"" + first + "\"")).send();
        assertEquals(201, created.status(), created::toString);
        try {
            Http.Response r = Http.request("POST", kc.baseUrl() + "/admin/realms").bearer(kc.adminToken())
                    .contentType("application/json").body(file.replace("\"realm\": \"declared\"", "\"realm\": \"" + second + "\"")).send();
            assertEquals(400, r.status(), r::toString);
            assertTrue(r.body().contains("scim token 'Okta production': a SCIM token with this hash exists already"), r::toString);
            assertEquals(404, Http.get(kc.baseUrl() + "/admin/realms/" + second, kc.adminToken()).status(), "nothing of the realm stays");
        } finally {
            kc.realm(first).remove();
        }
    }

    /** The realm of src/test/resources/realms/declared-realm.json, booted with --import-realm. */
    private static void declaredRealmWorks(KeycloakTarget target) {
        String scimBase = target.baseUrl() + "/realms/declared/teams/declared-co/scim/v2";
        // members declared (like those added through the admin API) are not SCIM-provisioned accounts of the team, so
        // SCIM lists none of them yet; the token authenticates, and SCIM can provision into the declared team
        Http.Response users = Http.get(scimBase + "/Users", "pst_DeclaredRealmBootTokenForTheImportIT_xxxxxx");
        assertEquals(200, users.status(), users::toString);
        Http.Response created = Http.request("POST", scimBase + "/Users").bearer("pst_DeclaredRealmBootTokenForTheImportIT_xxxxxx")
                .contentType("application/scim+json").body(oktaUser("fay@declared-co.test", "Fay", "Declared")).send();
        assertEquals(201, created.status(), created::toString);
        assertEquals(401, Http.get(scimBase + "/Users", "pst_DeclaredRealmBootTokenForTheImportIT_xxxxxy").status(),
                "another token does not authenticate");

        String dana = target.realm("declared").users().search("dana", true).get(0).getId();
        JsonNode member = Http.get(target.baseUrl() + "/admin/realms/declared/teams/declared-co/members/" + dana,
                target.adminToken()).requireJson();
        // dana is declared a User and is in the pushed group Engineering, which the file's console entry maps to Admin
        // and analytics=PresetAlpha: the mapping is applied by the import itself
        assertEquals("Admin", member.path("teamRole").path("role").asText(), member::toString);
        assertTrue(member.path("teamRole").path("sources").toString().contains("Engineering"), member::toString);
        assertEquals("PresetAlpha", member.path("workspaceRoles").path("analytics").path("role").asText(), member::toString);
        assertEquals("User", member.path("direct").path("teamRole").asText(), member::toString);
        String erin = target.realm("declared").users().search("erin", true).get(0).getId();
        JsonNode erinMember = Http.get(target.baseUrl() + "/admin/realms/declared/teams/declared-co/members/" + erin,
                target.adminToken()).requireJson();
        assertEquals("PresetReportsOnly", erinMember.path("workspaceRoles").path("analytics").path("role").asText(),
                erinMember::toString);
        JsonNode groups = Http.get(target.baseUrl() + "/admin/realms/declared/teams/declared-co/groups",
                target.adminToken()).requireJson();
        assertTrue(groups.toString().contains("Engineering"), () -> "the declared pushed group: " + groups);
        var entries = target.realm("declared").components().query(null, "org.keycloak.services.ui.extend.UiPageProvider");
        assertEquals(1, entries.size(), entries::toString);
        assertEquals("Applied", entries.get(0).getConfig().getFirst("status"), () -> "the console entry: " + entries.get(0).getConfig());
        JsonNode domains = Http.get(target.baseUrl() + "/admin/realms/declared/teams/declared-co/domains",
                target.adminToken()).requireJson();
        assertTrue(domains.toString().contains("\"verified\":true"), domains::toString);
        assertEquals(0, target.realm("declared").components().query(null, "io.preset.teams.realmio.TeamDeclaration").size(),
                "the declarations are not kept as components");
    }

    private static Map<String, JsonNode> scimAnswers(KeycloakTarget target, String slug, String token, String userId,
                                                     String userName, String groupId) {
        String base = target.baseUrl() + "/realms/preset/teams/" + slug + "/scim/v2";
        Map<String, JsonNode> answers = new LinkedHashMap<>();
        for (String path : List.of("/Users?count=100", "/Users/" + userId, "/Groups", "/Groups/" + groupId,
                "/Users?filter=" + enc("userName eq \"" + userName.toLowerCase() + "\""),
                "/Users?filter=" + enc("displayName co \"Ann\"") + "&sortBy=userName",
                "/Groups?filter=" + enc("displayName eq \"Engineering\""), "/ServiceProviderConfig")) {
            Http.Response r = Http.get(base + path, token);
            assertEquals(200, r.status(), () -> path + ": " + r);
            answers.put(path, normalized(target, r.requireJson()));
        }
        return answers;
    }

    private static Map<String, JsonNode> adminAnswers(KeycloakTarget target, String slug, String other, String annId,
                                                      String bobId, String groupId) {
        String api = target.baseUrl() + "/admin/realms/preset/teams/";
        Map<String, JsonNode> answers = new LinkedHashMap<>();
        for (String path : List.of(slug, slug + "/workspaces", slug + "/members?max=100", slug + "/members/" + annId,
                slug + "/members/" + bobId, slug + "/groups", slug + "/groups/" + groupId + "/roles", slug + "/scim-tokens",
                slug + "/domains", slug + "/forwarding", slug + "/forwarding/outbox", other + "/invitations",
                other + "/members?max=100", other + "/scim-tokens")) {
            Http.Response r = Http.get(api + path, target.adminToken());
            assertEquals(200, r.status(), () -> path + ": " + r);
            answers.put(path, normalized(target, r.requireJson()));
        }
        return answers;
    }

    /** The answer with the server's own base URL (in meta.location) taken out. */
    private static JsonNode normalized(KeycloakTarget target, JsonNode answer) {
        try {
            // the restored server serves under the source's name (--hostname), and answers on its own port
            return Http.MAPPER.readTree(answer.toString().replace(target.baseUrl(), "{base}").replace(kc.baseUrl(), "{base}"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copyDeclaredRealm(Path importDir) {
        try (InputStream in = RealmRoundTripIT.class.getResourceAsStream("/realms/declared-realm.json")) {
            Files.createDirectories(importDir);
            Files.write(importDir.resolve("declared-realm.json"), in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int closedPort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
