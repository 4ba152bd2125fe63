package io.preset.teams.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.preset.teams.it.support.Browser;
import io.preset.teams.it.support.Http;
import io.preset.teams.it.support.KeycloakExtension;
import io.preset.teams.it.support.KeycloakTarget;
import io.preset.teams.it.support.Scim;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.representations.idm.AdminEventRepresentation;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.RequiredActionProviderRepresentation;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Invitations across the tenant boundary: team A's SCIM creates an account (A owns it), team B's SCIM provisions
 * the same userName and gets a pending invitation. Until the account holder accepts it at a browser login (or an
 * operator adds the member) B's membership grants nothing: no token claim, no okta-scim admin rights. Then the
 * page's Accept, Decline and Not now, the admin API's list and revoke, an operator's PUT, and the events.
 */
@ExtendWith(KeycloakExtension.class)
class InvitationsIT {

    private static final String ACTION = "preset-team-invitation";
    private static final String CLIENT_ID = "it-invitations-login";
    private static final String REDIRECT_URI = "https://app.example.test/invitations/callback";
    private static final String PASSWORD = "Holder-Pass-123";

    private static KeycloakTarget kc;

    @BeforeAll
    static void setUp(KeycloakTarget target) {
        kc = target;
        kc.ensureCodeFlowClient("preset", CLIENT_ID, REDIRECT_URI);
        kc.ensureTeamsClaimOnPasswordGrant("preset");
    }

    /** Two teams with SCIM, B with a workspace; {@code user} created by A's SCIM, then provisioned by B's. */
    private record Setup(Scim a, Scim b, String userId, String username, String bUserName) {
    }

    private static Setup invited(String name) {
        Scim a = Scim.forTeam(kc, Scim.createTeam(kc, "inv-a"));
        Scim b = Scim.forTeam(kc, Scim.createTeam(kc, "inv-b"));
        assertEquals(201, Http.post(api(b.slug()) + "/workspaces", kc.adminToken(),
                Map.of("name", "analytics", "title", "Analytics")).status());
        String username = name + "." + Long.toString(System.nanoTime(), 36) + "@inv-a.example";
        Http.Response created = a.post("/Users", Scim.oktaUser(username, "Ivy", "Owner"));
        assertEquals(201, created.status(), created::toString);
        String userId = created.requireJson().path("id").asText();
        setPassword(userId);

        // B spells the userName its own way and sends its own profile
        String bUserName = username.toUpperCase(java.util.Locale.ROOT);
        Http.Response invited = b.post("/Users", Scim.oktaUser(bUserName, "Invited", "ByB"));
        assertEquals(201, invited.status(), invited::toString);
        JsonNode view = invited.requireJson();
        assertEquals(userId, view.path("id").asText(), view::toString);
        assertEquals(bUserName, view.path("userName").asText(), "B's own spelling: " + view);
        assertEquals("Invited", view.path("name").path("givenName").asText(), "B's own profile, not A's: " + view);
        assertFalse(view.toString().contains("Owner"), "nothing of A's profile: " + view);
        return new Setup(a, b, userId, username, bUserName);
    }

    // --- tests

    @Test
    void registeredInTheImportedRealmAndInRealmsCreatedLater() {
        RequiredActionProviderRepresentation preset = kc.realm("preset").flows().getRequiredAction(ACTION);
        assertTrue(preset.isEnabled(), "enabled in realm preset");
        String name = "inv-realm-" + Long.toString(System.nanoTime(), 36);
        RealmRepresentation realm = new RealmRepresentation();
        realm.setRealm(name);
        realm.setEnabled(true);
        kc.adminClient().realms().create(realm);
        try {
            assertTrue(kc.realm(name).flows().getRequiredAction(ACTION).isEnabled(), "registered in a realm created at runtime");
        } finally {
            kc.realm(name).remove();
        }
    }

    @Test
    void pendingInvitationGrantsNothingUntilAcceptedAtLogin() {
        Setup s = invited("ivy");
        // B pushes a group with the invitee, mapped to Admin and a workspace role
        String groupId = pushGroup(s.b(), s.userId());
        Http.Response mapped = Http.put(api(s.b().slug()) + "/groups/" + groupId + "/roles", kc.adminToken(),
                Map.of("teamRole", "Admin", "workspaceRoles", Map.of("analytics", "PresetAlpha")));
        assertEquals(200, mapped.status(), mapped::toString);
        // the account is an admin of its own team A
        assertEquals(200, Http.put(api(s.a().slug()) + "/members/" + s.userId(), kc.adminToken(),
                Map.of("teamRole", "Admin")).status());

        // the admin API: pending, no roles, listed as an invitation in B's spelling
        JsonNode member = Scim.member(kc, s.b().slug(), s.userId());
        assertTrue(member.path("pending").asBoolean(), member::toString);
        assertFalse(member.path("active").asBoolean(), member::toString);
        assertEquals("", member.path("teamRole").path("role").asText(), "no effective team role: " + member);
        assertTrue(member.path("workspaceRoles").isEmpty(), member::toString);
        JsonNode list = invitations(s.b().slug());
        assertEquals(1, list.path("total").asInt(), list::toString);
        JsonNode invitation = list.path("invitations").get(0);
        assertEquals(s.userId(), invitation.path("userId").asText(), list::toString);
        assertEquals(s.bUserName(), invitation.path("userName").asText(), list::toString);
        assertTrue(invitation.path("requestedActive").asBoolean(), list::toString);
        assertFalse(invitation.path("invitedAt").asText().isEmpty(), list::toString);
        JsonNode memberPage = Http.get(api(s.b().slug()) + "/members", kc.adminToken()).requireJson();
        assertTrue(memberPage.path("members").get(0).path("pending").asBoolean(), memberPage::toString);

        // a token (password grant: never blocked by the invitation) has A, not B
        JsonNode claims = Http.jwtClaims(kc.userToken(s.username(), PASSWORD));
        assertEquals("Admin", claims.path("preset_teams").path(s.a().slug()).path("role").asText(), claims::toString);
        assertTrue(claims.path("preset_teams").path(s.b().slug()).isMissingNode(), claims::toString);

        // Okta's OAuth: the team page lists A only; the invitation page comes after it ("Not now"); the token
        // administers A's SCIM, not B's
        String oktaToken = oktaToken(s.username(), s.a().slug(), s.b().slug());
        assertEquals(200, new Scim(kc, s.a().slug(), oktaToken).get("/Users").status());
        assertEquals(403, new Scim(kc, s.b().slug(), oktaToken).get("/Users").status());
        assertEquals(1, invitations(s.b().slug()).path("total").asInt(), "Not now keeps it pending");

        // a browser login shows the invitation; Accept
        Browser browser = new Browser(kc.baseUrl());
        Browser.Page page = signIn(browser, s.username());
        assertInvitationPage(page, s.b().slug());
        Browser.Page next = browser.submit(page.form("preset-invite-form-" + s.b().slug()), Map.of("accept", s.b().slug()));
        JsonNode after = exchange(code(next));
        JsonNode b = after.path("preset_teams").path(s.b().slug());
        assertEquals("Admin", b.path("role").asText(), after::toString);
        assertEquals("PresetAlpha", b.path("workspaces").path("analytics").asText(), after::toString);

        // accepted everywhere: the admin API, the same okta-scim token on B's SCIM, the user event
        assertEquals(0, invitations(s.b().slug()).path("total").asInt());
        JsonNode accepted = Scim.member(kc, s.b().slug(), s.userId());
        assertFalse(accepted.path("pending").asBoolean(), accepted::toString);
        assertTrue(accepted.path("active").asBoolean(), accepted::toString);
        assertEquals("Admin", accepted.path("teamRole").path("role").asText(), accepted::toString);
        assertEquals(200, new Scim(kc, s.b().slug(), oktaToken).get("/Users").status());
        assertTrue(userEvents(s.userId()).stream().anyMatch(e -> s.b().slug().equals(
                detail(e, "preset_team_invitation_accepted"))), "a user event names the accepted team");

        // the next login goes straight through
        assertNotNull(code(signIn(new Browser(kc.baseUrl()), s.username())));
    }

    @Test
    void declineRemovesTheInvitationAndTheTeamsView() {
        Setup s = invited("dan");
        Browser browser = new Browser(kc.baseUrl());
        Browser.Page page = signIn(browser, s.username());
        assertInvitationPage(page, s.b().slug());
        JsonNode claims = exchange(code(browser.submit(page.form("preset-invite-form-" + s.b().slug()),
                Map.of("decline", s.b().slug()))));
        assertTrue(claims.path("preset_teams").path(s.b().slug()).isMissingNode(), claims::toString);

        assertEquals(404, s.b().get("/Users/" + s.userId()).status(), "B's SCIM no longer sees the account");
        assertNull(Scim.member(kc, s.b().slug(), s.userId()));
        assertEquals(0, invitations(s.b().slug()).path("total").asInt());
        assertNotNull(Scim.member(kc, s.a().slug(), s.userId()), "A's membership is untouched");
        assertTrue(userEvents(s.userId()).stream().anyMatch(e -> s.b().slug().equals(
                detail(e, "preset_team_invitation_declined"))), "a user event names the declined team");
        assertNotNull(code(signIn(new Browser(kc.baseUrl()), s.username())), "no page at the next login");
    }

    @Test
    void notNowKeepsItPendingAndThePageComesBack() {
        Setup s = invited("nat");
        Browser browser = new Browser(kc.baseUrl());
        Browser.Page page = signIn(browser, s.username());
        assertInvitationPage(page, s.b().slug());
        JsonNode claims = exchange(code(browser.submit(page.form("preset-invite-later"), Map.of("later", "later"))));
        assertTrue(claims.path("preset_teams").path(s.b().slug()).isMissingNode(), claims::toString);
        assertTrue(Scim.member(kc, s.b().slug(), s.userId()).path("pending").asBoolean());
        assertEquals(1, invitations(s.b().slug()).path("total").asInt());

        // a form that names a team that did not invite the account changes nothing
        Browser again = new Browser(kc.baseUrl());
        Browser.Page second = signIn(again, s.username());
        assertInvitationPage(second, s.b().slug());
        Browser.Page forged = again.submit(second.form("preset-invite-form-" + s.b().slug()), Map.of("accept", s.a().slug()));
        assertInvitationPage(forged, s.b().slug());
        assertTrue(Scim.member(kc, s.b().slug(), s.userId()).path("pending").asBoolean());
    }

    @Test
    void operatorRevokesOneAndAddsAnother() {
        Setup s = invited("rev");
        String b = s.b().slug();
        String other = s.a().post("/Users", Scim.oktaUser("add." + Long.toString(System.nanoTime(), 36)
                + "@inv-a.example", "Ada", "Owner")).requireJson().path("id").asText();
        String otherName = kc.realm("preset").users().get(other).toRepresentation().getUsername();
        assertEquals(201, s.b().post("/Users", Scim.oktaUser(otherName, "Ada", "ByB")).status());
        assertEquals(2, invitations(b).path("total").asInt());
        JsonNode firstPage = Http.get(api(b) + "/invitations?first=0&max=1", kc.adminToken()).requireJson();
        assertEquals(1, firstPage.path("invitations").size(), firstPage::toString);
        assertEquals(2, firstPage.path("total").asInt(), firstPage::toString);

        // revoke: the pending membership goes; a second revoke and a revoke of a real member are 404
        assertEquals(204, Http.delete(api(b) + "/invitations/" + s.userId(), kc.adminToken()).status());
        assertEquals(404, Http.delete(api(b) + "/invitations/" + s.userId(), kc.adminToken()).status());
        assertNull(Scim.member(kc, b, s.userId()));
        assertEquals(404, s.b().get("/Users/" + s.userId()).status());
        assertNotNull(code(signIn(new Browser(kc.baseUrl()), s.username())), "no invitation page any more");

        // an operator adds the other invitee: accepted, with the direct roles of the PUT
        Http.Response put = Http.put(api(b) + "/members/" + other, kc.adminToken(),
                Map.of("teamRole", "User", "workspaceRoles", Map.of("analytics", "PresetBeta")));
        assertEquals(200, put.status(), put::toString);
        assertFalse(put.requireJson().path("pending").asBoolean(), put::toString);
        assertTrue(put.requireJson().path("active").asBoolean(), put::toString);
        assertEquals(0, invitations(b).path("total").asInt());
        assertEquals(404, Http.delete(api(b) + "/invitations/" + other, kc.adminToken()).status(), "a member is no invitation");
        setPassword(other);
        JsonNode claims = Http.jwtClaims(kc.userToken(otherName, PASSWORD));
        assertEquals("User", claims.path("preset_teams").path(b).path("role").asText(), claims::toString);
        assertEquals("PresetBeta", claims.path("preset_teams").path(b).path("workspaces").path("analytics").asText(), claims::toString);

        // permissions: an account without realm-management roles can neither read nor revoke
        String nobody = kc.userToken(s.username(), PASSWORD);
        assertEquals(403, Http.get(api(b) + "/invitations", nobody).status());
        assertEquals(403, Http.delete(api(b) + "/invitations/" + other, nobody).status());

        List<AdminEventRepresentation> events = kc.realm("preset").getAdminEvents(null, null, null, null, null, null,
                null, null, 0, 100_000);
        assertTrue(events.stream().anyMatch(e -> "PRESET_TEAM_INVITATION".equals(e.getResourceType())
                && "DELETE".equals(e.getOperationType())
                && ("teams/" + b + "/invitations/" + s.userId()).equals(e.getResourcePath())), "revoke event");
        assertTrue(events.stream().anyMatch(e -> "PRESET_TEAM_INVITATION".equals(e.getResourceType())
                && "ACTION".equals(e.getOperationType())
                && ("teams/" + b + "/invitations/" + other + "/accept").equals(e.getResourcePath())), "accept event");
        assertTrue(events.stream().anyMatch(e -> "PRESET_TEAM_MEMBER".equals(e.getResourceType())
                && "UPDATE".equals(e.getOperationType())
                && ("teams/" + b + "/members/" + other).equals(e.getResourcePath())), "member event of the PUT");
    }

    // --- the invitation page

    private static void assertInvitationPage(Browser.Page page, String invitingSlug) {
        assertEquals(200, page.status(), page::toString);
        assertTrue(page.hasForm("preset-invite-form-" + invitingSlug), page::toString);
        assertTrue(page.hasForm("preset-invite-later"), page::toString);
        String text = page.text();
        assertTrue(text.contains("Team invitations"), text);
        assertTrue(text.contains("inv-b (" + invitingSlug + ")"), "the team's title and slug: " + text);
        assertTrue(text.contains("the team can give your account roles"), text);
        assertTrue(text.contains("see your account as a member"), text);
        assertTrue(page.body().contains("aria-label=\"Accept the invitation of inv-b\""), page::body);
        assertTrue(page.body().contains("/login-actions/required-action"), "posts to the login flow's action URL");
    }

    private static Browser.Page signIn(Browser browser, String username) {
        Browser.Page login = browser.open(kc.realmUrl("preset") + "/protocol/openid-connect/auth?client_id=" + CLIENT_ID
                + "&redirect_uri=" + Http.enc(REDIRECT_URI) + "&response_type=code&scope=openid&state=st-inv");
        return browser.submit(login.form("kc-form-login"), Map.of("username", username, "password", PASSWORD));
    }

    private static String code(Browser.Page last) {
        assertEquals(302, last.status(), last::toString);
        assertTrue(last.location().startsWith(REDIRECT_URI + "?"), last::toString);
        assertNull(last.locationParameter("error"), last::toString);
        return last.locationParameter("code");
    }

    private static JsonNode exchange(String code) {
        Http.Response r = Http.postForm(kc.tokenEndpoint("preset"), Map.of("grant_type", "authorization_code",
                "client_id", CLIENT_ID, "code", code, "redirect_uri", REDIRECT_URI));
        assertEquals(200, r.status(), r::toString);
        return Http.jwtClaims(r.requireJson().path("access_token").asText());
    }

    /**
     * Okta's "Authenticate with Preset" for {@code username}: the team page (lists {@code shown}, not {@code hidden}),
     * then the invitation page, answered "Not now", then consent; returns the access token.
     */
    private static String oktaToken(String username, String shown, String hidden) {
        Browser browser = new Browser(kc.baseUrl());
        Browser.Page login = browser.open(kc.realmUrl("preset") + "/protocol/openid-connect/auth?client_id=" + KeycloakTarget.OKTA_CLIENT_ID
                + "&response_type=code&redirect_uri=" + Http.enc(KeycloakTarget.OKTA_REDIRECT_URI) + "&scope=openid&state=st-okta");
        Browser.Page teams = browser.submit(login.form("kc-form-login"), Map.of("username", username, "password", PASSWORD));
        assertTrue(teams.text().contains("(" + shown + ")"), teams::toString);
        assertFalse(teams.text().contains(hidden), "a pending invitation is no administered team: " + teams.text());
        Browser.Page invitation = browser.submit(teams.form("preset-okta-teams-form"), Map.of("accept", ""));
        assertInvitationPage(invitation, hidden);
        Browser.Page next = browser.submit(invitation.form("preset-invite-later"), Map.of("later", "later"));
        if (next.status() == 200) {
            next = browser.submit(next.form("login-actions/consent"), Map.of("accept", ""));
        }
        assertEquals(302, next.status(), next::toString);
        assertTrue(next.location().startsWith(KeycloakTarget.OKTA_REDIRECT_URI + "?"), next::toString);
        Http.Response r = Http.postForm(kc.tokenEndpoint("preset"), Map.of("grant_type", "authorization_code",
                "code", next.locationParameter("code"), "redirect_uri", KeycloakTarget.OKTA_REDIRECT_URI,
                "client_id", KeycloakTarget.OKTA_CLIENT_ID, "client_secret", KeycloakTarget.OKTA_CLIENT_SECRET));
        assertEquals(200, r.status(), r::toString);
        return r.requireJson().path("access_token").asText();
    }

    // --- helpers

    private static String api(String slug) {
        return kc.baseUrl() + "/admin/realms/preset/teams/" + slug;
    }

    private static JsonNode invitations(String slug) {
        Http.Response r = Http.get(api(slug) + "/invitations", kc.adminToken());
        assertEquals(200, r.status(), r::toString);
        return r.requireJson();
    }

    private static String pushGroup(Scim scim, String memberId) {
        Http.Response created = scim.post("/Groups", Map.of("schemas", List.of(Scim.GROUP), "displayName", "Invited admins",
                "members", List.of(Map.of("value", memberId))));
        assertEquals(201, created.status(), created::toString);
        return created.requireJson().path("id").asText();
    }

    /** The account holder's own credential, set by an operator (SCIM never stores a password). */
    private static void setPassword(String userId) {
        CredentialRepresentation credential = new CredentialRepresentation();
        credential.setType(CredentialRepresentation.PASSWORD);
        credential.setValue(PASSWORD);
        credential.setTemporary(false);
        kc.realm("preset").users().get(userId).resetPassword(credential);
    }

    private static List<EventRepresentation> userEvents(String userId) {
        return kc.realm("preset").getEvents(List.of("CUSTOM_REQUIRED_ACTION"), null, userId, null, null, null, 0, 100);
    }

    private static String detail(EventRepresentation event, String key) {
        return event.getDetails() == null ? null : event.getDetails().get(key);
    }
}
