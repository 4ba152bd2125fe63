package io.preset.teams.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.preset.teams.it.support.Browser;
import io.preset.teams.it.support.Http;
import io.preset.teams.it.support.KeycloakExtension;
import io.preset.teams.it.support.KeycloakTarget;
import io.preset.teams.it.support.ProvisioningLogs;
import io.preset.teams.it.support.Scim;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static io.preset.teams.it.support.Scim.oktaUser;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Okta's "Authenticate with Preset" on a real Keycloak: the authorization code flow driven through the
 * login, team and consent pages as a browser would, the code exchanged with the client secret (form body
 * and HTTP Basic), SCIM called with the access token (Bearer and bare), refresh; then the admin loses
 * admin rights in every way and both the access token and the refresh are refused.
 */
@ExtendWith(KeycloakExtension.class)
class OktaOAuthIT {

    private static final String CLIENT_ID = KeycloakTarget.OKTA_CLIENT_ID;
    private static final String CLIENT_SECRET = KeycloakTarget.OKTA_CLIENT_SECRET;
    private static final String REDIRECT_URI = KeycloakTarget.OKTA_REDIRECT_URI;
    private static final String PASSWORD = "Secret-123";
    private static final String GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";

    private static KeycloakTarget kc;

    @BeforeAll
    static void setUp(KeycloakTarget target) {
        kc = target;
    }

    private record Tokens(String access, String refresh, JsonNode response) {
    }

    // --- the browser side

    private static String authorizeUrl(String state) {
        return kc.realmUrl("preset") + "/protocol/openid-connect/auth?client_id=" + CLIENT_ID
                + "&response_type=code&redirect_uri=" + enc(REDIRECT_URI)
                + "&scope=" + enc("openid offline_access") + "&state=" + state;
    }

    /** Opens the authorize URL and signs in when Keycloak asks; returns the page that follows. */
    private static Browser.Page signIn(Browser browser, String username, String state) {
        Browser.Page page = browser.open(authorizeUrl(state));
        if (page.hasForm("kc-form-login")) {
            assertEquals(200, page.status(), page::toString);
            page = browser.submit(page.form("kc-form-login"), Map.of("username", username, "password", PASSWORD));
        }
        return page;
    }

    /** Signs in, checks the team page, continues, consents when asked, and returns the code sent to Okta. */
    private static String authorize(Browser browser, String username, List<String> shownSlugs, List<String> hiddenSlugs) {
        String state = "st" + Long.toString(System.nanoTime(), 36);
        Browser.Page teams = signIn(browser, username, state);
        assertEquals(200, teams.status(), teams::toString);
        assertTrue(teams.hasForm("preset-okta-teams-form"), teams::toString);
        String text = teams.text();
        assertTrue(text.contains("Connect Okta SCIM provisioning to Preset"), text);
        assertTrue(teams.body().contains("value=\"" + username + "\""), "shows who is signed in: " + teams.body());
        assertTrue(text.contains("read the team's users and groups"), text);
        shownSlugs.forEach(slug -> assertTrue(text.contains("(" + slug + ")"), () -> slug + " missing: " + text));
        hiddenSlugs.forEach(slug -> assertFalse(text.contains(slug), () -> slug + " shown: " + text));
        assertTrue(text.contains("create, update and deactivate their users"), text);

        Browser.Page next = browser.submit(teams.form("preset-okta-teams-form"), Map.of("accept", ""));
        if (next.status() == 200) {
            // first authorization (or after a revocation): Keycloak's consent page, themed
            String consent = next.text();
            assertTrue(consent.contains("Okta will provision the users and groups of the Preset teams you administer"), consent);
            assertTrue(consent.contains("Offline Access"), consent);
            next = browser.submit(next.form("login-actions/consent"), Map.of("accept", ""));
        }
        assertEquals(302, next.status(), next::toString);
        assertTrue(next.location().startsWith(REDIRECT_URI + "?"), next::toString);
        assertEquals(state, next.locationParameter("state"));
        assertNull(next.locationParameter("error"), next::toString);
        String code = next.locationParameter("code");
        assertNotNull(code, next::toString);
        return code;
    }

    // --- Okta's server side

    private static Http.Response tokenRequest(Map<String, String> params, boolean basicAuth) {
        Map<String, String> form = new java.util.LinkedHashMap<>(params);
        Http.Builder request = Http.request("POST", kc.tokenEndpoint("preset")).contentType("application/x-www-form-urlencoded");
        if (basicAuth) {
            String credentials = enc(CLIENT_ID) + ":" + enc(CLIENT_SECRET);
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        } else {
            form.put("client_id", CLIENT_ID);
            form.put("client_secret", CLIENT_SECRET);
        }
        String body = form.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(java.util.stream.Collectors.joining("&"));
        return request.body(body).send();
    }

    private static Tokens exchange(String code, boolean basicAuth) {
        Http.Response r = tokenRequest(Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT_URI), basicAuth);
        assertEquals(200, r.status(), r::toString);
        JsonNode json = r.requireJson();
        assertTrue(json.path("scope").asText().contains("offline_access"), json::toString);
        assertEquals("Offline", claims(json.path("refresh_token").asText()).path("typ").asText(), "an offline token: " + json);
        return new Tokens(json.path("access_token").asText(), json.path("refresh_token").asText(), json);
    }

    private static Http.Response refresh(String refreshToken, boolean basicAuth) {
        return tokenRequest(Map.of("grant_type", "refresh_token", "refresh_token", refreshToken), basicAuth);
    }

    private static Tokens refreshed(String refreshToken, boolean basicAuth) {
        Http.Response r = refresh(refreshToken, basicAuth);
        assertEquals(200, r.status(), r::toString);
        return new Tokens(r.requireJson().path("access_token").asText(), r.requireJson().path("refresh_token").asText(), r.requireJson());
    }

    private static void assertRefreshRefused(String refreshToken) {
        Http.Response r = refresh(refreshToken, true);
        assertEquals(400, r.status(), r::toString);
        assertEquals("invalid_grant", r.requireJson().path("error").asText(), r::toString);
    }

    private static void assertScimStatus(int status, Http.Response r) {
        assertEquals(status, r.status(), r::toString);
        if (status >= 400) {
            assertEquals(Scim.ERROR, r.requireJson().path("schemas").get(0).asText(), r::toString);
            assertEquals(Integer.toString(status), r.requireJson().path("status").asText(), r::toString);
        }
    }

    // --- set-up helpers

    private static String user(String prefix) {
        String username = prefix + "-" + Long.toString(System.nanoTime(), 36);
        kc.createUser("preset", username, PASSWORD);
        return username;
    }

    private static String idOf(String username) {
        return kc.realm("preset").users().searchByUsername(username, true).get(0).getId();
    }

    private static void setTeamRole(String slug, String username, String teamRole) {
        Http.Response r = Http.put(kc.baseUrl() + "/admin/realms/preset/teams/" + slug + "/members/" + idOf(username),
                kc.adminToken(), Map.of("teamRole", teamRole));
        assertTrue(r.status() == 200 || r.status() == 201, r::toString);
    }

    private static String pushAdminGroup(Scim scim, String member) {
        Http.Response created = scim.post("/Groups", Map.of("schemas", List.of(GROUP), "displayName", "Preset Admins", "members", List.of()));
        assertEquals(201, created.status(), created::toString);
        String groupId = created.requireJson().path("id").asText();
        Http.Response mapped = Http.put(kc.baseUrl() + "/admin/realms/preset/teams/" + scim.slug() + "/groups/" + groupId + "/roles",
                kc.adminToken(), Map.of("teamRole", "Admin", "workspaceRoles", Map.of()));
        assertEquals(200, mapped.status(), mapped::toString);
        Http.Response added = scim.patch("/Groups/" + groupId, Scim.patch(Map.of("op", "add", "path", "members",
                "value", List.of(Map.of("value", idOf(member), "display", member)))));
        assertEquals(200, added.status(), added::toString);
        return groupId;
    }

    private static String teamRole(String slug, String username) {
        return Scim.member(kc, slug, idOf(username)).path("teamRole").path("role").asText();
    }

    // --- tests

    @Test
    void authorizationCodeFlowThenDirectDemotionRevokesAccessAndRefresh() {
        String acme = Scim.createTeam(kc, "acme");
        String initech = Scim.createTeam(kc, "initech");
        String globex = Scim.createTeam(kc, "globex");
        String alice = user("alice");
        setTeamRole(acme, alice, "Admin");
        setTeamRole(initech, alice, "Admin");
        setTeamRole(globex, alice, "User");

        Browser browser = new Browser(kc.baseUrl());
        String code = authorize(browser, alice, List.of(acme, initech), List.of(globex));
        Tokens tokens = exchange(code, false);

        // SCIM with the access token, Bearer and bare (Okta's two modes)
        Scim bearer = new Scim(kc, acme, tokens.access());
        assertScimStatus(200, bearer.get("/Users?startIndex=1&count=2"));
        assertScimStatus(200, bearer.headerMode().get("/Users?startIndex=1&count=2"));
        Http.Response created = bearer.post("/Users", oktaUser("oauth." + Long.toString(System.nanoTime(), 36) + "@example.com", "O", "Auth"));
        assertScimStatus(201, created);
        String createdId = created.requireJson().path("id").asText();
        JsonNode events = Http.get(kc.baseUrl() + "/admin/realms/preset/admin-events?resourcePath=users/" + createdId
                + "&operationTypes=CREATE&max=5", kc.adminToken()).requireJson();
        assertEquals(1, events.size(), events::toString);
        assertEquals(idOf(alice), events.get(0).path("authDetails").path("userId").asText(), "attributed to the admin: " + events);
        // the team's provisioning log names the admin whose grant it was, never the token
        JsonNode logged = ProvisioningLogs.read(kc, acme, "?status=201");
        assertEquals(1, logged.size(), logged::toString);
        assertEquals("oauth", logged.get(0).path("clientKind").asText(), logged::toString);
        assertEquals(alice, logged.get(0).path("clientName").asText(), logged::toString);
        assertEquals(idOf(alice), logged.get(0).path("clientId").asText(), logged::toString);
        String export = Http.get(ProvisioningLogs.url(kc, acme) + "?format=jsonl", kc.adminToken()).body();
        String signature = tokens.access().substring(tokens.access().lastIndexOf('.') + 1);
        assertTrue(!export.contains(tokens.access()) && !export.contains(signature), "no access token in the log");
        // a team the user does not administer, and one that does not exist
        assertScimStatus(403, new Scim(kc, globex, tokens.access()).get("/Users"));
        assertScimStatus(404, new Scim(kc, "no-such-team", tokens.access()).get("/Users"));

        // refresh, with HTTP Basic client authentication this time
        Tokens second = refreshed(tokens.refresh(), true);
        assertScimStatus(200, new Scim(kc, initech, second.access()).get("/Users"));

        // demoted directly through the admin API: access and refresh stop at once
        setTeamRole(acme, alice, "User");
        assertScimStatus(401, bearer.get("/Users"));
        assertScimStatus(401, new Scim(kc, initech, second.access()).headerMode().get("/Users"));
        assertRefreshRefused(tokens.refresh());
        assertRefreshRefused(second.refresh());
        assertTrue(kc.realm("preset").users().get(idOf(alice)).getConsents().stream()
                .noneMatch(c -> CLIENT_ID.equals(c.get("clientId"))), "consent revoked");

        // re-authentication: the team page now lists only the team still administered, consent is asked again
        Tokens again = exchange(authorize(browser, alice, List.of(initech), List.of(acme, globex)), true);
        assertScimStatus(200, new Scim(kc, initech, again.access()).get("/Users"));
        assertScimStatus(403, new Scim(kc, acme, again.access()).get("/Users"));
    }

    @Test
    void removalFromTheAdminMappedPushedGroupRevokesAccessAndRefresh() {
        String slug = Scim.createTeam(kc, "grouped");
        Scim okta = Scim.forTeam(kc, slug);
        String bob = user("bob");
        setTeamRole(slug, bob, "User");
        String groupId = pushAdminGroup(okta, bob);
        assertEquals("Admin", teamRole(slug, bob), "admin through the group");

        Tokens tokens = exchange(authorize(new Browser(kc.baseUrl()), bob, List.of(slug), List.of()), true);
        Scim asBob = new Scim(kc, slug, tokens.access());
        assertScimStatus(200, asBob.get("/Groups"));
        Tokens second = refreshed(tokens.refresh(), false);

        // Okta removes bob from the pushed group
        Http.Response removed = okta.patch("/Groups/" + groupId, Scim.patch(Map.of("op", "remove",
                "path", "members[value eq \"" + idOf(bob) + "\"]")));
        assertEquals(200, removed.status(), removed::toString);
        assertEquals("User", teamRole(slug, bob));
        assertScimStatus(401, asBob.get("/Users"));
        assertScimStatus(401, new Scim(kc, slug, second.access()).get("/Users"));
        assertRefreshRefused(tokens.refresh());
        assertRefreshRefused(second.refresh());
    }

    @Test
    void deactivationThroughScimRevokesAccessAndRefresh() {
        String slug = Scim.createTeam(kc, "deact");
        Scim okta = Scim.forTeam(kc, slug);
        String carol = user("carol");
        setTeamRole(slug, carol, "Admin");
        Tokens tokens = exchange(authorize(new Browser(kc.baseUrl()), carol, List.of(slug), List.of()), false);
        assertScimStatus(200, new Scim(kc, slug, tokens.access()).get("/Users"));

        Http.Response off = okta.patch("/Users/" + idOf(carol), Scim.patch(Map.of("op", "replace", "value", Map.of("active", false))));
        assertEquals(200, off.status(), off::toString);
        assertScimStatus(401, new Scim(kc, slug, tokens.access()).get("/Users"));
        assertRefreshRefused(tokens.refresh());
    }

    @Test
    void aMappingChangeRevokesTheGrantAtOnce() {
        String slug = Scim.createTeam(kc, "mapped");
        Scim okta = Scim.forTeam(kc, slug);
        String dave = user("dave");
        setTeamRole(slug, dave, "User");
        String groupId = pushAdminGroup(okta, dave);
        Tokens tokens = exchange(authorize(new Browser(kc.baseUrl()), dave, List.of(slug), List.of()), true);
        assertScimStatus(200, new Scim(kc, slug, tokens.access()).get("/Users"));

        // the group's mapping no longer grants Admin: no group membership changed, yet the grant goes
        Http.Response remapped = Http.put(kc.baseUrl() + "/admin/realms/preset/teams/" + slug + "/groups/" + groupId + "/roles",
                kc.adminToken(), Map.of("teamRole", "User", "workspaceRoles", Map.of()));
        assertEquals(200, remapped.status(), remapped::toString);
        assertEquals("User", teamRole(slug, dave));
        assertScimStatus(401, new Scim(kc, slug, tokens.access()).get("/Users"));
        assertRefreshRefused(tokens.refresh());
    }

    @Test
    void aGroupDeletedInTheConsoleIsCaughtAtTheCallAndByTheRefreshPolicy() {
        String slug = Scim.createTeam(kc, "console");
        Scim okta = Scim.forTeam(kc, slug);
        String gwen = user("gwen");
        setTeamRole(slug, gwen, "User");
        String groupId = pushAdminGroup(okta, gwen);
        Tokens tokens = exchange(authorize(new Browser(kc.baseUrl()), gwen, List.of(slug), List.of()), true);
        assertScimStatus(200, new Scim(kc, slug, tokens.access()).get("/Users"));
        String pendingCode = authorize(new Browser(kc.baseUrl()), gwen, List.of(slug), List.of());

        // deleted in the Keycloak admin console (REST): no eager revocation runs on that path
        kc.realm("preset").groups().group(groupId).remove();
        assertEquals("User", teamRole(slug, gwen));
        // the call checks the role store: valid token, no longer allowed
        assertScimStatus(403, new Scim(kc, slug, tokens.access()).get("/Users"));
        // the client policy refuses the refresh and the exchange of a code obtained while still an admin
        assertRefreshRefused(tokens.refresh());
        Http.Response exchange = tokenRequest(Map.of("grant_type", "authorization_code", "code", pendingCode,
                "redirect_uri", REDIRECT_URI), false);
        assertEquals(400, exchange.status(), exchange::toString);
        assertEquals("invalid_grant", exchange.requireJson().path("error").asText(), exchange::toString);
    }

    @Test
    void nonAdminsAreRefusedBeforeAnyCodeIsIssued() {
        String slug = Scim.createTeam(kc, "plain");
        String erin = user("erin");
        setTeamRole(slug, erin, "User");
        Browser.Page refused = signIn(new Browser(kc.baseUrl()), erin, "s1");
        assertEquals(403, refused.status(), refused::toString);
        assertTrue(refused.text().contains("not an administrator of any Preset team"), refused::text);
        assertFalse(refused.hasForm("preset-okta-teams-form"));
        assertNull(refused.location());
    }

    @Test
    void cancelOnTheTeamPageSendsAccessDeniedToOkta() {
        String slug = Scim.createTeam(kc, "cancel");
        String frank = user("frank");
        setTeamRole(slug, frank, "Admin");
        Browser browser = new Browser(kc.baseUrl());
        Browser.Page teams = signIn(browser, frank, "s2");
        Browser.Page back = browser.submit(teams.form("preset-okta-teams-form"), Map.of("cancel", ""));
        assertEquals(302, back.status(), back::toString);
        assertTrue(back.location().startsWith(REDIRECT_URI), back::toString);
        assertEquals("access_denied", back.locationParameter("error"), back::toString);
        assertNull(back.locationParameter("code"));
    }

    @Test
    void tokensOfAnotherClientOrAnotherTeamsAdminAre403() {
        String acme = Scim.createTeam(kc, "acme");
        String globex = Scim.createTeam(kc, "globex");
        String gina = user("gina");
        String hank = user("hank");
        setTeamRole(acme, gina, "Admin");
        setTeamRole(globex, hank, "Admin");

        // a valid access token of this realm, but of another client
        Http.Response otherClient = new Scim(kc, acme, kc.userToken(gina, PASSWORD)).get("/Users");
        assertScimStatus(403, otherClient);
        assertTrue(otherClient.requireJson().path("detail").asText().contains(CLIENT_ID), otherClient::toString);

        // the admin of another team
        Tokens hanks = exchange(authorize(new Browser(kc.baseUrl()), hank, List.of(globex), List.of(acme)), false);
        assertScimStatus(200, new Scim(kc, globex, hanks.access()).get("/Users"));
        assertScimStatus(403, new Scim(kc, acme, hanks.access()).get("/Users"));
        assertScimStatus(403, new Scim(kc, acme, hanks.access()).headerMode().get("/Users"));

        // garbage and the wrong client secret
        assertScimStatus(401, new Scim(kc, acme, "eyJhbGciOiJSUzI1NiJ9.e30.c2ln").get("/Users"));
        Http.Response badSecret = Http.postForm(kc.tokenEndpoint("preset"), Map.of("grant_type", "refresh_token",
                "refresh_token", hanks.refresh(), "client_id", CLIENT_ID, "client_secret", "wrong"));
        assertEquals(401, badSecret.status(), badSecret::toString);
    }

    private static JsonNode claims(String jwt) {
        try {
            return Http.MAPPER.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
