package io.preset.teams.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.preset.teams.it.support.Browser;
import io.preset.teams.it.support.ConsoleBrowser;
import io.preset.teams.it.support.Http;
import io.preset.teams.it.support.IdpSim;
import io.preset.teams.it.support.KeycloakExtension;
import io.preset.teams.it.support.KeycloakTarget;
import io.preset.teams.it.support.Scim;
import io.preset.teams.it.support.StubDns;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static io.preset.teams.it.support.Http.enc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The team portal ({@code /realms/preset/teams/{slug}/portal/}) in headless Chromium and at its JSON API: a team
 * Admin signs in through the shipped client {@code preset-portal}, sees Okta connected through them, reads the values
 * for Okta, mints a SCIM token
 * that SCIM then accepts, and maps a pushed group after a preview that says exactly what saving does (checked
 * through the admin API), claims and verifies a domain, lists the members; a User of the team, an Admin of another team and tokens of other clients get nothing.
 * Writes the screenshots {@code docs/img/portal-*.png} to {@code target/portal-img/}.
 */
@ExtendWith(KeycloakExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TeamPortalIT {

    private static final String PASSWORD = "Secret-123";
    private static final String CLIENT_ID = "preset-portal";
    private static final String GROUP = "Engineering";

    private static KeycloakTarget kc;
    private static ConsoleBrowser browser;
    private static String acme;
    private static String globex;
    private static String ada;      // Admin of acme (direct)
    private static String adaId;
    private static String bob;      // User of acme
    private static String carol;    // Admin of globex
    private static String groupId;
    private static Scim okta;
    private static String danId;
    private static String danName;
    private static String eveId;

    @RegisterExtension
    final ConsoleBrowser.FailureArtifacts artifacts = new ConsoleBrowser.FailureArtifacts(() -> browser);

    @BeforeAll
    static void setUp(KeycloakTarget target) {
        kc = target;
        acme = Scim.createTeam(kc, "portal");
        globex = Scim.createTeam(kc, "portalg");
        assertEquals(200, Http.put(teams(acme), kc.adminToken(), Map.of("title", "Acme Corp")).status());
        assertEquals(201, Http.post(teams(acme + "/workspaces"), kc.adminToken(), Map.of("name", "analytics", "title", "Analytics")).status());
        String suffix = Long.toString(System.nanoTime(), 36);
        ada = "ada-" + suffix;
        bob = "bob-" + suffix;
        carol = "carol-" + suffix;
        adaId = kc.createUser("preset", ada, PASSWORD);
        String bobId = kc.createUser("preset", bob, PASSWORD);
        String carolId = kc.createUser("preset", carol, PASSWORD);
        assertEquals(201, Http.put(teams(acme + "/members/" + adaId), kc.adminToken(), Map.of("teamRole", "Admin")).status());
        assertEquals(201, Http.put(teams(acme + "/members/" + bobId), kc.adminToken(), Map.of("teamRole", "User")).status());
        assertEquals(201, Http.put(teams(globex + "/members/" + carolId), kc.adminToken(), Map.of("teamRole", "Admin")).status());

        // Okta provisioned Dan and Eve and pushed "Engineering" with both in it; the group grants nothing yet
        okta = Scim.forTeam(kc, acme);
        danName = "dan-" + suffix + "@acme.example";
        danId = created(okta.post("/Users", Scim.oktaUser(danName, "Dan", "Brown")));
        eveId = created(okta.post("/Users", Scim.oktaUser("eve-" + suffix + "@acme.example", "Eve", "Green")));
        groupId = created(okta.post("/Groups", Map.of("schemas", List.of("urn:ietf:params:scim:schemas:core:2.0:Group"),
                "displayName", GROUP, "members", List.of(Map.of("value", danId), Map.of("value", eveId)))));
    }

    /** Ada clicks "Authenticate with Preset" in Okta: sign-in, the team page, consent; Okta exchanges the code. */
    private static String oktaRefreshToken(String username) {
        Browser http = new Browser(kc.baseUrl());
        Browser.Page page = http.open(kc.realmUrl("preset") + "/protocol/openid-connect/auth?client_id=" + KeycloakTarget.OKTA_CLIENT_ID
                + "&response_type=code&redirect_uri=" + enc(KeycloakTarget.OKTA_REDIRECT_URI)
                + "&scope=" + enc("openid offline_access") + "&state=okta");
        page = http.submit(page.form("kc-form-login"), Map.of("username", username, "password", PASSWORD));
        page = http.submit(page.form("preset-okta-teams-form"), Map.of("accept", ""));
        if (page.status() == 200) {
            page = http.submit(page.form("login-actions/consent"), Map.of("accept", ""));
        }
        String code = page.locationParameter("code");
        assertNotNull(code, page::toString);
        Http.Response tokens = Http.postForm(kc.tokenEndpoint("preset"), Map.of("grant_type", "authorization_code",
                "code", code, "redirect_uri", KeycloakTarget.OKTA_REDIRECT_URI,
                "client_id", KeycloakTarget.OKTA_CLIENT_ID, "client_secret", KeycloakTarget.OKTA_CLIENT_SECRET));
        assertEquals(200, tokens.status(), tokens::toString);
        return tokens.requireJson().path("refresh_token").asText();
    }

    private static Http.Response oktaRefresh(String refreshToken) {
        return Http.postForm(kc.tokenEndpoint("preset"), Map.of("grant_type", "refresh_token", "refresh_token", refreshToken,
                "client_id", KeycloakTarget.OKTA_CLIENT_ID, "client_secret", KeycloakTarget.OKTA_CLIENT_SECRET));
    }

    @AfterAll
    static void tearDown() {
        if (browser != null) {
            browser.close();
        }
    }

    // --- the browser

    @Test
    @Order(1)
    void aTeamAdminConnectsOktaMintsATokenAndMapsAGroupInThePortal() {
        ConsoleBrowser.assumeInstalled();
        browser = ConsoleBrowser.start();
        String portal = kc.realmUrl("preset") + "/teams/" + acme + "/portal/";
        String oktaRefresh = oktaRefreshToken(ada);
        // Okta calls SCIM with the access token of Ada's grant: the Connect page shows that call
        Http.Response oktaTokens = oktaRefresh(oktaRefresh);
        assertEquals(200, oktaTokens.status(), oktaTokens::toString);
        assertEquals(200, new Scim(kc, acme, oktaTokens.requireJson().path("access_token").asText()).get("/Users").status());
        signIn(portal, ada);

        // Connect Okta: connected through Ada; the exact values to paste
        browser.visible("the team's title", By.xpath("//h1[normalize-space()='Acme Corp']"));
        WebElement connection = browser.visible("Okta's connection", By.cssSelector("[data-testid='okta-status']"));
        browser.await("connected", ExpectedConditions.textToBePresentInElement(connection, "Okta is connected"));
        assertTrue(connection.getText().contains("through " + ada + ", since "), connection.getText());
        assertTrue(browser.driver().findElement(By.cssSelector("[data-testid='okta-last-call']")).getText()
                .startsWith("Okta's last successful call: 20"), connection.getText());
        WebElement base = browser.visible("Okta's base URL", By.cssSelector("[data-testid='okta-base-url']"));
        assertEquals(kc.realmUrl("preset") + "/teams/${app.teamSlug}/scim/v2", base.getAttribute("value"));
        assertEquals(acme, browser.driver().findElement(By.cssSelector("[data-testid='team-slug']")).getAttribute("value"));
        assertEquals(kc.realmUrl("preset") + "/teams/" + acme + "/scim/v2",
                browser.driver().findElement(By.cssSelector("[data-testid='scim-base-url']")).getAttribute("value"));
        browser.driver().findElement(By.cssSelector("[data-testid='team-slug-copy']")).click();
        browser.visible("copied", By.xpath("//*[contains(@class,'portal-copied')][normalize-space()='Copied']"));
        screenshot("portal-connect");

        // SCIM tokens: a token for Entra, shown once; SCIM accepts it
        browser.driver().findElement(By.cssSelector("[data-testid='tab-tokens']")).click();
        browser.visible("token name", By.cssSelector("[data-testid='token-name']")).sendKeys("Entra production");
        new Select(browser.driver().findElement(By.cssSelector("[data-testid='token-expiry']"))).selectByVisibleText("30 days");
        browser.driver().findElement(By.cssSelector("[data-testid='token-create']")).click();
        String secret = browser.visible("the new token", By.cssSelector("[data-testid='token-secret']")).getAttribute("value");
        assertFalse(secret.isBlank());
        WebElement listed = browser.visible("the token in the list",
                By.xpath("//*[@data-testid='tokens-table']//tbody/tr[td[1][normalize-space()='Entra production']]"));
        assertTrue(listed.getText().contains("active") && listed.getText().contains("by " + ada), listed.getText());
        screenshot("portal-tokens");
        Http.Response user = new Scim(kc, acme, secret).post("/Users", Scim.oktaUser("fay-" + acme + "@acme.example", "Fay", "Li"));
        assertEquals(201, user.status(), user::toString);
        assertTrue(portalEvent("PRESET_SCIM_TOKEN", "CREATE", "teams/" + acme + "/scim-tokens/"), "a SCIM token event by Ada");
        JsonNode tokens = Http.get(teams(acme + "/scim-tokens"), kc.adminToken()).requireJson();
        JsonNode minted = null;
        for (JsonNode token : tokens) {
            if ("Entra production".equals(token.path("name").asText())) {
                minted = token;
            }
        }
        assertNotNull(minted, tokens::toString);
        assertEquals(ada, minted.path("createdBy").asText(), minted::toString);
        assertTrue(minted.path("lastUsedAt").isNumber(), minted::toString);

        // Groups and roles: Engineering -> Admin and analytics Primary Creator; the preview says who gains what
        browser.driver().findElement(By.cssSelector("[data-testid='tab-groups']")).click();
        WebElement row = browser.visible("Engineering", By.cssSelector("[data-testid='group-row-" + GROUP + "']"));
        assertTrue(row.getText().contains("2"), row.getText());
        new Select(row.findElement(By.cssSelector("[data-testid='team-role-" + GROUP + "']"))).selectByValue("Admin");
        new Select(row.findElement(By.cssSelector("[data-testid='ws-role-" + GROUP + "-analytics']"))).selectByValue("PresetAlpha");
        row.findElement(By.cssSelector("[data-testid='review-" + GROUP + "']")).click();
        WebElement preview = browser.visible("the preview", By.cssSelector("[data-testid='preview-list']"));
        List<WebElement> items = preview.findElements(By.tagName("li"));
        assertEquals(2, items.size(), preview.getText());
        for (WebElement item : items) {
            assertTrue(item.getText().contains("Team role: User → Admin"), item.getText());
            assertTrue(item.getText().contains("analytics: No Access → Primary Creator"), item.getText());
        }
        assertEquals("User", Scim.member(kc, acme, danId).path("teamRole").path("role").asText(), "the preview saved nothing");
        screenshot("portal-groups");
        browser.driver().findElement(By.cssSelector("[data-testid='preview-save']")).click();
        browser.visible("saved", By.cssSelector("[data-testid='alert-success']"));
        for (String id : List.of(danId, eveId)) {
            JsonNode roles = Scim.member(kc, acme, id);
            assertEquals("Admin", roles.path("teamRole").path("role").asText(), roles::toString);
            assertEquals("PresetAlpha", roles.path("workspaceRoles").path("analytics").path("role").asText(), roles::toString);
        }
        JsonNode mapping = Http.get(teams(acme + "/groups/" + groupId + "/roles"), kc.adminToken()).requireJson();
        assertEquals("Admin", mapping.path("teamRole").asText(), mapping::toString);
        assertTrue(portalEvent("PRESET_GROUP_ROLES", "UPDATE", "teams/" + acme + "/groups/" + groupId + "/roles"),
                "a mapping event by Ada");

        // the same preview now: nobody changes
        row = browser.visible("Engineering", By.cssSelector("[data-testid='group-row-" + GROUP + "']"));
        row.findElement(By.cssSelector("[data-testid='review-" + GROUP + "']")).click();
        browser.visible("nothing changes", By.cssSelector("[data-testid='preview-none']"));

        // a demotion: who loses Admin, and whose Okta grant goes with it (Gus, Admin only through Engineering,
        // authorized Okta); the preview revokes nothing
        String gus = "gus-" + adaId.substring(0, 8);
        String gusId = kc.createUser("preset", gus, PASSWORD);
        assertEquals(201, Http.put(teams(acme + "/members/" + gusId), kc.adminToken(), Map.of("teamRole", "User")).status());
        Http.Response joined = okta.patch("/Groups/" + groupId, Scim.patch(Map.of("op", "add", "path", "members",
                "value", List.of(Map.of("value", gusId)))));
        assertTrue(joined.status() == 200 || joined.status() == 204, joined::toString);
        String gusOkta = oktaRefreshToken(gus);
        browser.driver().findElement(By.cssSelector("[data-testid='tab-groups']")).click();
        row = browser.visible("Engineering", By.cssSelector("[data-testid='group-row-" + GROUP + "']"));
        new Select(row.findElement(By.cssSelector("[data-testid='team-role-" + GROUP + "']"))).selectByValue("User");
        row.findElement(By.cssSelector("[data-testid='review-" + GROUP + "']")).click();
        WebElement demotion = browser.visible("the demotion", By.cssSelector("[data-testid='preview-list']"));
        assertEquals(3, demotion.findElements(By.tagName("li")).size(), demotion.getText());
        String gusLine = demotion.findElement(By.cssSelector("[data-testid='preview-" + gus + "']")).getText();
        assertTrue(gusLine.contains("Team role: Admin → User") && gusLine.contains("Okta grant revoked"), gusLine);
        for (WebElement item : demotion.findElements(By.tagName("li"))) {
            if (!item.getText().startsWith(gus)) {
                assertTrue(item.getText().contains("Team role: Admin → User") && !item.getText().contains("Okta"), item.getText());
            }
        }
        browser.driver().findElement(By.cssSelector("[data-testid='preview-cancel']")).click();
        assertEquals(200, oktaRefresh(gusOkta).status(), "the preview revoked nothing");

        // Domains: claim, the TXT record to publish, verify now (the stub DNS answers once the record is "published")
        if (kc.usesStubDns()) {
            String domain = acme + ".test";
            browser.driver().findElement(By.cssSelector("[data-testid='tab-domains']")).click();
            browser.visible("domain", By.cssSelector("[data-testid='domain-name']")).sendKeys(domain);
            browser.driver().findElement(By.cssSelector("[data-testid='domain-claim']")).click();
            String txt = browser.visible("the TXT record", By.cssSelector("[data-testid='txt-" + domain + "']")).getAttribute("value");
            assertTrue(txt.matches("preset-domain-verification=[0-9a-f]{32}"), txt);
            browser.driver().findElement(By.cssSelector("[data-testid='verify-" + domain + "']")).click();
            browser.visible("not verified yet", By.cssSelector("[data-testid='alert-warning']"));
            assertTrue(browser.driver().findElement(By.cssSelector("[data-testid='domain-status-" + domain + "']")).getText()
                    .startsWith("Not verified: "));
            screenshot("portal-domains");
            StubDns.shared().txt(domain, txt);
            browser.driver().findElement(By.cssSelector("[data-testid='verify-" + domain + "']")).click();
            browser.await("verified", ExpectedConditions.textToBePresentInElementLocated(
                    By.cssSelector("[data-testid='domain-status-" + domain + "']"), "Verified"));
            JsonNode claim = Http.get(teams(acme + "/domains/" + domain), kc.adminToken()).requireJson();
            assertTrue(claim.path("verified").asBoolean(), claim::toString);
            assertTrue(portalEvent("PRESET_TEAM_DOMAIN", "ACTION", "teams/" + acme + "/domains/" + domain + "/verify"));
        }
        // a claim made by mistake is withdrawn (a second click confirms)
        String mistake = "mistake-" + acme + ".test";
        browser.driver().findElement(By.cssSelector("[data-testid='tab-domains']")).click();
        browser.visible("domain", By.cssSelector("[data-testid='domain-name']")).sendKeys(mistake);
        browser.driver().findElement(By.cssSelector("[data-testid='domain-claim']")).click();
        WebElement remove = browser.visible("remove", By.cssSelector("[data-testid='remove-" + mistake + "']"));
        remove.click();
        browser.await("asks to confirm", ExpectedConditions.textToBePresentInElement(remove, "Confirm"));
        remove.click();
        browser.await("removed", ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("[data-testid='domain-row-" + mistake + "']")));
        assertEquals(404, Http.get(teams(acme + "/domains/" + mistake), kc.adminToken()).status());
        assertTrue(portalEvent("PRESET_TEAM_DOMAIN", "DELETE", "teams/" + acme + "/domains/" + mistake));

        // Members: effective roles and their sources; search by userName
        browser.driver().findElement(By.cssSelector("[data-testid='tab-members']")).click();
        browser.visible("the members", By.cssSelector("[data-testid='members-table']"));
        WebElement search = browser.visible("search", By.cssSelector("[data-testid='member-search']"));
        search.sendKeys("dan-");
        browser.driver().findElement(By.cssSelector("[data-testid='member-search-go']")).click();
        browser.await("one match", ExpectedConditions.textToBe(By.cssSelector("[data-testid='member-count']"), "1–1 of 1"));
        WebElement dan = browser.visible("Dan", By.cssSelector("[data-testid='members-table'] tbody tr"));
        assertTrue(dan.getText().contains("Admin (group " + GROUP + ")"), dan.getText());
        assertTrue(dan.getText().contains("Analytics: Primary Creator (group " + GROUP + ")"), dan.getText());
        search = browser.driver().findElement(By.cssSelector("[data-testid='member-search']"));
        search.clear();
        browser.driver().findElement(By.cssSelector("[data-testid='member-search-go']")).click();
        browser.await("every member", ExpectedConditions.textToBe(By.cssSelector("[data-testid='member-count']"), "1–6 of 6"));
        browser.visible("no invitation", By.cssSelector("[data-testid='invitations-none']"));

        // Ivy's account belongs to globex; acme's Okta pushing her makes a pending invitation, which Ada revokes
        String ivy = "ivy-" + acme + "@globex.example";
        assertEquals(201, Scim.forTeam(kc, globex).post("/Users", Scim.oktaUser(ivy, "Ivy", "Ng")).status());
        Http.Response invited = okta.post("/Users", Scim.oktaUser(ivy, "Ivy", "Ng"));
        assertEquals(201, invited.status(), invited::toString);
        String ivyId = invited.requireJson().path("id").asText();
        browser.driver().findElement(By.cssSelector("[data-testid='tab-members']")).click();
        WebElement invitation = browser.visible("the invitation", By.cssSelector("[data-testid='invitation-row-" + ivy + "']"));
        screenshot("portal-members");
        WebElement revoke = invitation.findElement(By.cssSelector("[data-testid='revoke-" + ivy + "']"));
        revoke.click();
        browser.await("asks to confirm", ExpectedConditions.textToBePresentInElement(revoke, "Confirm"));
        revoke.click();
        browser.visible("no invitation left", By.cssSelector("[data-testid='invitations-none']"));
        assertEquals(0, Http.get(teams(acme + "/invitations"), kc.adminToken()).requireJson().path("total").asInt());
        assertEquals(404, okta.get("/Users/" + ivyId).status(), "acme's SCIM no longer sees Ivy");
        assertTrue(portalEvent("PRESET_TEAM_INVITATION", "DELETE", "teams/" + acme + "/invitations/" + ivyId));

        // the provisioning log: Okta's duplicate push of Dan is answered 409, and the log says so
        Http.Response duplicate = okta.post("/Users", Scim.oktaUser(danName, "Dan", "Brown"));
        assertEquals(409, duplicate.status(), duplicate::toString);
        browser.driver().findElement(By.cssSelector("[data-testid='tab-log']")).click();
        browser.visible("the log", By.cssSelector("[data-testid='log-table']"));
        new Select(browser.driver().findElement(By.cssSelector("[data-testid='log-status']"))).selectByValue("error");
        browser.driver().findElement(By.cssSelector("[data-testid='log-go']")).click();
        browser.await("the 409", ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("[data-testid='log-table'] tbody tr"), "409 uniqueness"));
        WebElement error = browser.driver().findElement(By.cssSelector("[data-testid='log-table'] tbody tr"));
        assertTrue(error.getText().contains("POST /Users"), error.getText());
        screenshot("portal-log");

        // Disconnect Okta: Ada's grant is revoked, Okta's refresh fails
        assertEquals(200, oktaRefresh(oktaRefresh).status());
        browser.driver().findElement(By.cssSelector("[data-testid='tab-connect']")).click();
        WebElement disconnect = browser.visible("disconnect", By.cssSelector("[data-testid='okta-disconnect']"));
        disconnect.click();
        browser.await("asks to confirm", ExpectedConditions.textToBePresentInElement(disconnect, "Confirm"));
        disconnect.click();
        browser.await("disconnected", ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("[data-testid='okta-status']"), "Okta is disconnected"));
        Http.Response refused = oktaRefresh(oktaRefresh);
        assertEquals(400, refused.status(), refused::toString);
        assertEquals("invalid_grant", refused.requireJson().path("error").asText(), refused::toString);
        assertTrue(portalEvent("PRESET_TEAM_OKTA_CONNECTION", "DELETE", "teams/" + acme + "/okta"), "a disconnect event by Ada");

        // the chooser lists the teams Ada administers, and only those
        browser.driver().get(kc.realmUrl("preset") + "/teams/portal/");
        browser.visible("acme in the chooser", By.cssSelector("[data-testid='team-" + acme + "']"));
        assertTrue(browser.driver().findElements(By.cssSelector("[data-testid='team-" + globex + "']")).isEmpty());
        screenshot("portal-chooser");

        singleSignOn(portal);
    }

    /**
     * Single sign-on, set up by Ada alone: the values for the SAML app, the IdP's metadata uploaded as a file, then
     * from its URL; a key rollover at the IdP picked up by "Refresh now" with the old certificate still accepted; a
     * test sign-in through the IdP (a person of a verified domain, created just in time); the old certificate dropped.
     */
    private void singleSignOn(String portal) {
        String sim = "portal-okta-" + acme;
        IdpSim.createRealm(kc, sim);
        String metadataUrl = IdpSim.metadataUrl(kc, sim);
        String acs = kc.realmUrl("preset") + "/broker/team-" + acme + "/endpoint";
        browser.driver().get(portal);
        browser.visible("the team's title", By.xpath("//h1[normalize-space()='Acme Corp']"));
        browser.driver().findElement(By.cssSelector("[data-testid='tab-sso']")).click();
        browser.visible("not set up", By.xpath("//*[@data-testid='alert-info']//*[normalize-space()='Single sign-on is not set up']"));
        assertEquals(acs, browser.visible("ACS URL", By.cssSelector("[data-testid='sso-acs-url']")).getAttribute("value"));
        assertEquals(acs, browser.driver().findElement(By.cssSelector("[data-testid='sso-entity-id']")).getAttribute("value"));
        assertEquals(kc.realmUrl("preset") + "/teams/" + acme + "/sso/start",
                browser.driver().findElement(By.cssSelector("[data-testid='sso-tile-url']")).getAttribute("value"));

        // the metadata as a file (Entra's "Federation Metadata XML")
        java.nio.file.Path xml = ConsoleBrowser.targetDir().resolve("portal-okta-metadata.xml");
        try {
            java.nio.file.Files.writeString(xml, Http.get(metadataUrl).body());
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        browser.driver().findElement(By.cssSelector("[data-testid='sso-metadata-file']")).sendKeys(xml.toAbsolutePath().toString());
        browser.driver().findElement(By.cssSelector("[data-testid='sso-save-file']")).click();
        browser.await("on", ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-testid='sso-status']"),
                "Single sign-on is on"));
        assertEquals(1, certificateRows("current"));
        assertTrue(portalEvent("PRESET_TEAM_IDENTITY_PROVIDER", "CREATE", "teams/" + acme + "/saml"), "an IdP event by Ada");

        // then from its URL, which is fetched again later
        browser.visible("metadata URL", By.cssSelector("[data-testid='sso-metadata-url']")).sendKeys(metadataUrl);
        browser.driver().findElement(By.cssSelector("[data-testid='sso-save-url']")).click();
        browser.await("from the URL", ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("[data-testid='sso-metadata-state']"), "Settings from " + metadataUrl));
        JsonNode idp = Http.get(teams(acme + "/saml"), kc.adminToken()).requireJson();
        assertEquals(metadataUrl, idp.path("metadata").path("url").asText(), idp::toString);
        String oldCert = idp.path("signingCertificates").get(0).asText();
        IdpSim okta = IdpSim.app(kc, sim, acme, idp);

        // the IdP rolls its key over: a new key first published beside the old one, then the old one removed
        IdpSim.addSigningKey(kc, sim, "rsa-rollover");
        browser.driver().findElement(By.cssSelector("[data-testid='sso-refresh']")).click();
        browser.await("both keys", d -> certificateRows("current") == 2);
        IdpSim.removeOriginalSigningKey(kc, sim);
        browser.driver().findElement(By.cssSelector("[data-testid='sso-refresh']")).click();
        browser.await("the old key is previous", d -> certificateRows("previous") == 1 && certificateRows("current") == 1);
        screenshot("portal-sso");
        idp = Http.get(teams(acme + "/saml"), kc.adminToken()).requireJson();
        assertEquals(oldCert, idp.path("previousCertificates").path("certificates").get(0).asText(), idp::toString);
        assertTrue(idp.path("previousCertificates").path("acceptedUntil").asLong() > System.currentTimeMillis(), idp::toString);
        assertTrue(portalEvent("PRESET_TEAM_IDENTITY_PROVIDER", "ACTION", "teams/" + acme + "/saml/refresh"));

        // a test sign-in through the IdP, signed with its new key: Zed, of the verified domain, joins just in time
        if (kc.usesStubDns()) {
            String zed = "zed@" + acme + ".test";
            okta.createUser(zed);
            browser.driver().get(portal + "?sso-test=1");
            // Ada is signed in here: the test offers to sign her out first
            WebElement signOut = browser.visible("sign out first", By.cssSelector("[data-testid='sso-test-signout']"));
            assertTrue(browser.driver().getPageSource().contains("signed in as " + ada));
            signOut.click();
            browser.visible("the IdP's login", By.id("username")).sendKeys(zed);
            browser.driver().findElement(By.id("password")).sendKeys(IdpSim.PASSWORD);
            browser.driver().findElement(By.id("kc-login")).click();
            WebElement result = browser.visible("the result", By.cssSelector("[data-testid='sso-test-result']"));
            browser.await("works", ExpectedConditions.textToBePresentInElement(result, "Single sign-on works"));
            assertTrue(result.getText().contains("as " + zed), result.getText());
            screenshot("portal-sso-test");
        }

        // Ada stops accepting the old certificate before its window ends; the IdP keeps working with the new one
        String adaToken = portalToken(ada, acme);
        Http.Response dropped = api("DELETE", acme, "sso/previous-certificates", adaToken, null);
        assertEquals(200, dropped.status(), dropped::toString);
        assertTrue(dropped.requireJson().path("previousCertificates").isMissingNode(), dropped::toString);
        assertEquals(1, dropped.requireJson().path("signingCertificates").size(), dropped::toString);
        assertFalse(dropped.body().contains(oldCert), "the old certificate is no longer accepted");
    }

    /** The certificate rows in {@code state}; -1 while the page is being redrawn. */
    private int certificateRows(String state) {
        try {
            return (int) browser.driver().findElements(By.cssSelector("[data-testid='sso-certificates'] tbody tr")).stream()
                    .filter(tr -> tr.findElements(By.tagName("td")).size() == 2
                            && tr.findElements(By.tagName("td")).get(1).getText().startsWith(state)).count();
        } catch (org.openqa.selenium.StaleElementReferenceException e) {
            return -1;
        }
    }

    @Test
    @Order(2)
    void aUserOfTheTeamAndAnAdminOfAnotherTeamGetNothingInTheBrowser() {
        ConsoleBrowser.assumeInstalled();
        if (browser == null) {
            browser = ConsoleBrowser.start();
        }
        String portal = kc.realmUrl("preset") + "/teams/" + acme + "/portal/";
        for (String who : List.of(bob, carol)) {
            browser.driver().manage().deleteAllCookies(); // a new person at the same browser
            signIn(portal, who);
            WebElement refused = browser.visible("the refusal", By.cssSelector("[data-testid='alert-danger']"));
            assertTrue(refused.getText().contains("not an active Admin of team '" + acme + "'"), refused.getText());
            assertTrue(browser.driver().findElements(By.cssSelector("[data-testid='tab-tokens']")).isEmpty());
            assertFalse(browser.driver().getPageSource().contains("scim/v2"), "no value of the team is shown");
            if (who.equals(bob)) {
                screenshot("portal-forbidden");
            }
        }
    }

    private static void signIn(String portal, String username) {
        browser.driver().get(portal);
        browser.visible("login form", By.id("username")).sendKeys(username);
        browser.driver().findElement(By.id("password")).sendKeys(PASSWORD);
        browser.driver().findElement(By.id("kc-login")).click();
        browser.await("back in the portal", d -> d.getCurrentUrl().startsWith(portal) && !d.getCurrentUrl().contains("code="));
        browser.visible("signed in as " + username,
                By.xpath("//*[@id='portal-user'][normalize-space()='" + username + "']"));
    }

    // --- the JSON API, with plain HTTP

    @Test
    @Order(3)
    void theApiServesOnlyTheTeamsAdminsAndOperatorsAndOnlyTokensOfThePortal() {
        String adaToken = portalToken(ada, acme);
        String bobToken = portalToken(bob, acme);
        String carolToken = portalToken(carol, acme);

        assertEquals(200, api("GET", acme, "team", adaToken, null).status());
        // no token, a garbage token, a valid token of another client: 401
        Http.Response none = Http.get(api(acme, "team"));
        assertEquals(401, none.status(), none::toString);
        assertTrue(none.header("WWW-Authenticate").startsWith("Bearer"), none::toString);
        assertEquals(401, api("GET", acme, "team", "not-a-token", null).status());
        String webToken = token("preset-web", "http://localhost:8088/callback", ada);
        Http.Response otherClient = api("GET", acme, "scim-tokens", webToken, null);
        assertEquals(401, otherClient.status(), otherClient::toString);
        assertTrue(otherClient.requireJson().path("error").asText().contains("not issued to the team portal"), otherClient::toString);

        // a User of the team and an Admin of another team: 403 on every call, and nothing changes
        int tokensBefore = Http.get(teams(acme + "/scim-tokens"), kc.adminToken()).requireJson().size();
        String roles = "groups/" + groupId + "/roles";
        // whatever the earlier tests left (the browser test maps the group to Admin; without a browser it is unmapped)
        JsonNode mappingBefore = Http.get(teams(acme + "/" + roles), kc.adminToken()).requireJson();
        for (String token : List.of(bobToken, carolToken)) {
            for (String[] call : new String[][] {{"GET", "team"}, {"GET", "scim-tokens"}, {"GET", "groups"}, {"GET", "members"},
                    {"GET", "domains"}, {"GET", "okta"}, {"POST", "okta/disconnect"}, {"POST", "domains/x.test/verify"},
                    {"GET", "sso"}, {"POST", "sso/refresh"}, {"DELETE", "sso"}, {"DELETE", "sso/previous-certificates"},
                    {"GET", "invitations"}, {"DELETE", "invitations/" + adaId}, {"GET", "log"},
                    {"DELETE", "domains/" + acme + ".test"}}) {
                Http.Response r = api(call[0], acme, call[1], token, null);
                assertEquals(403, r.status(), r::toString);
                assertTrue(r.requireJson().path("error").asText().contains("not an active Admin of team '" + acme + "'"), r::toString);
            }
            assertEquals(403, api("POST", acme, "scim-tokens", token, Map.of("name", "stolen")).status());
            assertEquals(403, api("POST", acme, "domains", token, Map.of("domain", "stolen.test")).status());
            assertEquals(403, api("POST", acme, roles + "/preview", token, Map.of("teamRole", "User")).status());
            assertEquals(403, api("PUT", acme, roles, token, Map.of("teamRole", "User")).status());
            assertEquals(403, api("PUT", acme, "sso", token, Map.of("metadataUrl", "https://attacker.example/m")).status());
            assertEquals(403, api("PUT", acme, "sso/enabled", token, Map.of("enabled", false)).status());
            assertEquals(403, api("PUT", acme, "sso/oidc", token, Map.of("issuer", "https://attacker.example",
                    "clientId", "x", "clientSecret", "y")).status());
        }
        assertEquals(tokensBefore, Http.get(teams(acme + "/scim-tokens"), kc.adminToken()).requireJson().size());
        assertEquals(mappingBefore, Http.get(teams(acme + "/" + roles), kc.adminToken()).requireJson());
        // Carol's own team works; a team that does not exist looks like one she does not administer
        assertEquals(200, api("GET", globex, "team", carolToken, null).status());
        Http.Response unknown = api("GET", "no-such-team-" + acme, "team", carolToken, null);
        assertEquals(403, unknown.status(), unknown::toString);
        // Ada cannot reach Globex's pushed group through her own team's URL either
        Http.Response foreign = api("GET", globex, "scim-tokens", adaToken, null);
        assertEquals(403, foreign.status(), foreign::toString);

        // a realm operator with manage-users sees every team
        String operator = "op-" + Long.toString(System.nanoTime(), 36);
        kc.createRealmAdmin(operator, PASSWORD, "manage-users");
        String operatorToken = portalToken(operator, acme);
        assertEquals(200, api("GET", acme, "team", operatorToken, null).status());
        // the chooser pages every team of the realm for an operator, and searches slug and title
        String chooser = kc.realmUrl("preset") + "/teams/portal/api/teams";
        JsonNode onePage = Http.get(chooser + "?max=1", operatorToken).requireJson();
        assertEquals(1, onePage.path("teams").size(), onePage::toString);
        assertTrue(onePage.path("total").asLong() >= 2, onePage::toString);
        JsonNode found = Http.get(chooser + "?search=" + enc("ACME corp"), operatorToken).requireJson();
        assertTrue(found.path("teams").findValuesAsText("slug").contains(acme), found::toString);
        assertFalse(found.path("teams").findValuesAsText("slug").contains(globex), found::toString);
        assertEquals(400, Http.get(chooser + "?max=0", operatorToken).status());
        // Carol's chooser holds her team only, whatever she searches
        JsonNode carols = Http.get(chooser + "?search=portal", carolToken).requireJson();
        assertEquals(List.of(globex), carols.path("teams").findValuesAsText("slug"), carols::toString);

        // bad input: the admin API's messages, nothing saved, never a 5xx
        Http.Response badExpiry = api("POST", acme, "scim-tokens", adaToken, Map.of("name", "x", "expiresInDays", 0));
        assertEquals(400, badExpiry.status(), badExpiry::toString);
        assertEquals("'expiresInDays' must be a whole number from 1 to 3650", badExpiry.requireJson().path("error").asText());
        Http.Response badWorkspace = api("POST", acme, roles + "/preview", adaToken, Map.of("workspaceRoles", Map.of("finance", "PresetAlpha")));
        assertEquals(400, badWorkspace.status(), badWorkspace::toString);
        assertEquals("Unknown workspace 'finance' in team '" + acme + "'", badWorkspace.requireJson().path("error").asText());
        Http.Response badPage = api("GET", acme, "members?max=5000", adaToken, null);
        assertEquals(400, badPage.status(), badPage::toString);
        Http.Response wildcard = api("GET", acme, "members?search=%25", adaToken, null);
        assertEquals(0, wildcard.requireJson().path("total").asLong(), "'%' matches itself, not everyone: " + wildcard);
        Http.Response garbledType = Http.sendBytes("POST", api(acme, "scim-tokens"), adaToken,
                "{\"name\": \"x\"}".getBytes(StandardCharsets.UTF_8), "garbage");
        assertEquals(415, garbledType.status(), garbledType::toString);
        Http.Response notPushed = api("PUT", acme, "groups/not-a-group/roles", adaToken, Map.of("teamRole", "User"));
        assertEquals(404, notPushed.status(), notPushed::toString);

        // a metadata URL must not make Keycloak call into the operator's network; no such attempt changes anything
        String ssoBefore = api("GET", acme, "sso", adaToken, null).body();
        for (String[] bad : new String[][] {
                {"http://attacker.example/metadata", "must be an https URL"},
                {"https://127.0.0.1:" + URI.create(kc.baseUrl()).getPort() + "/realms/master/protocol/saml/descriptor",
                        "private or reserved address"},
                {"https://169.254.169.254/latest/meta-data/", "private or reserved address"},
                {"https://user:pw@idp.example/m", "without user name or password"},
                {"file:///etc/passwd", "https"}}) {
            Http.Response r = api("PUT", acme, "sso", adaToken, Map.of("metadataUrl", bad[0]));
            assertEquals(400, r.status(), r::toString);
            assertTrue(r.requireJson().path("error").asText().contains(bad[1]), r::toString);
        }
        // an allowed host that answers no metadata: a clear 400 (here: TLS to a plain-http port), never a 5xx
        Http.Response notTls = api("PUT", acme, "sso", adaToken, Map.of("metadataUrl",
                "https://localhost:" + URI.create(kc.baseUrl()).getPort() + "/realms/master/protocol/saml/descriptor"));
        assertEquals(400, notTls.status(), notTls::toString);
        assertTrue(notTls.requireJson().path("error").asText().startsWith("'metadataUrl' could not be fetched"), notTls::toString);
        Http.Response notMetadata = api("PUT", acme, "sso", adaToken, Map.of("metadataUrl", kc.realmUrl("preset")));
        assertEquals(400, notMetadata.status(), notMetadata::toString);
        assertTrue(notMetadata.requireJson().path("error").asText().startsWith("'metadataUrl' answered, but"), notMetadata::toString);
        Http.Response two = api("PUT", acme, "sso", adaToken, Map.of("metadataUrl", "https://a.example/m", "metadata", "<x/>"));
        assertEquals(400, two.status(), two::toString);
        Http.Response shared = api("PUT", acme, "sso/oidc", adaToken, Map.of("issuer",
                "https://login.microsoftonline.com/common/v2.0", "clientId", "x", "clientSecret", "y"));
        assertEquals(400, shared.status(), shared::toString);
        assertTrue(shared.requireJson().path("error").asText().contains("multi-tenant"), shared::toString);
        if (api("GET", acme, "sso", adaToken, null).requireJson().path("saml").isObject()) { // SAML is set: OIDC waits
            Http.Response both = api("PUT", acme, "sso/oidc", adaToken, Map.of("issuer", kc.realmUrl("master"),
                    "clientId", "x", "clientSecret", "y"));
            assertEquals(409, both.status(), both::toString);
            assertTrue(both.requireJson().path("error").asText().contains("signs in through SAML"), both::toString);
        }
        assertEquals(ssoBefore, api("GET", acme, "sso", adaToken, null).body(), "nothing changed");

        // the portal's token is no SCIM credential
        Http.Response scim = new Scim(kc, acme, adaToken).get("/Users");
        assertTrue(scim.status() == 401 || scim.status() == 403, scim::toString);
    }

    @Test
    @Order(4)
    void theShippedClientRequiresPkceOffersNoPasswordGrantAndRedirectsOnlyToThePortal() {
        String redirect = kc.realmUrl("preset") + "/teams/" + acme + "/portal/";
        String auth = kc.realmUrl("preset") + "/protocol/openid-connect/auth?client_id=" + CLIENT_ID
                + "&response_type=code&scope=openid&state=s1&redirect_uri=";
        Browser.Page noPkce = new Browser(kc.baseUrl()).open(auth + enc(redirect));
        assertTrue(noPkce.url().contains("error=invalid_request") || String.valueOf(noPkce.location()).contains("error=invalid_request"),
                noPkce::toString);
        Browser.Page elsewhere = new Browser(kc.baseUrl()).open(auth + enc("https://attacker.example/portal/")
                + "&code_challenge=abc&code_challenge_method=S256");
        assertEquals(400, elsewhere.status(), elsewhere::toString);
        assertTrue(elsewhere.body().contains("Invalid parameter: redirect_uri"), elsewhere::toString);
        Http.Response password = Http.postForm(kc.tokenEndpoint("preset"), Map.of("grant_type", "password",
                "client_id", CLIENT_ID, "username", ada, "password", PASSWORD));
        assertTrue(password.status() == 400 || password.status() == 401, password::toString);
        assertEquals("unauthorized_client", password.requireJson().path("error").asText(), password::toString);

        Http.Response page = Http.get(redirect);
        assertEquals(200, page.status(), page::toString);
        List<String> policies = page.headers().allValues("Content-Security-Policy");
        assertTrue(policies.stream().anyMatch(p -> p.contains("script-src 'self'") && p.contains("connect-src 'self'")),
                policies::toString);
        assertFalse(page.body().contains(acme + "/scim"), "the page itself holds nothing of the team");
    }

    // --- helpers

    /** Signs in through the login form with PKCE (response_mode=query) and exchanges the code at the token endpoint. */
    private static String token(String clientId, String redirectUri, String username) {
        String verifier = "v" + Long.toString(System.nanoTime(), 36) + "-0123456789abcdefghijklmnopqrstuvwxyz0123456789";
        String url = kc.realmUrl("preset") + "/protocol/openid-connect/auth?client_id=" + clientId
                + "&response_type=code&response_mode=query&scope=openid&redirect_uri=" + enc(redirectUri) + "&state=s1"
                + "&code_challenge=" + Http.pkceChallenge(verifier) + "&code_challenge_method=S256";
        Browser http = new Browser(kc.baseUrl());
        Browser.Page login = http.open(url);
        assertTrue(login.hasForm("kc-form-login"), login::toString);
        Browser.Page back = http.submit(login.form("kc-form-login"), Map.of("username", username, "password", PASSWORD));
        String landed = back.location() != null ? back.location() : back.url();
        String code = null;
        for (String pair : URI.create(landed).getRawQuery().split("&")) {
            if (pair.startsWith("code=")) {
                code = java.net.URLDecoder.decode(pair.substring(5), StandardCharsets.UTF_8);
            }
        }
        assertNotNull(code, back::toString);
        Http.Response r = Http.postForm(kc.tokenEndpoint("preset"), Map.of("grant_type", "authorization_code",
                "client_id", clientId, "code", code, "redirect_uri", redirectUri, "code_verifier", verifier));
        assertEquals(200, r.status(), r::toString);
        return r.requireJson().path("access_token").asText();
    }

    private static String portalToken(String username, String slug) {
        return token(CLIENT_ID, kc.realmUrl("preset") + "/teams/" + slug + "/portal/", username);
    }

    private static String api(String slug, String path) {
        return kc.realmUrl("preset") + "/teams/" + slug + "/portal/api/" + path;
    }

    private static Http.Response api(String method, String slug, String path, String token, Object body) {
        return Http.send(method, api(slug, path), token, body);
    }

    private static String teams(String path) {
        return kc.baseUrl() + "/admin/realms/preset/teams/" + path;
    }

    private static String created(Http.Response r) {
        assertEquals(201, r.status(), r::toString);
        return r.requireJson().path("id").asText();
    }

    /** An admin event of the portal (detail channel=team-portal) attributed to Ada and client preset-portal. */
    private static boolean portalEvent(String type, String operation, String pathPrefix) {
        Http.Response r = Http.get(kc.baseUrl() + "/admin/realms/preset/admin-events?max=200", kc.adminToken());
        assertEquals(200, r.status(), r::toString);
        for (JsonNode event : r.requireJson()) {
            if (type.equals(event.path("resourceType").asText()) && operation.equals(event.path("operationType").asText())
                    && event.path("resourcePath").asText().startsWith(pathPrefix)
                    && "team-portal".equals(event.path("details").path("channel").asText())
                    && adaId.equals(event.path("authDetails").path("userId").asText())) {
                return true;
            }
        }
        return false;
    }

    private void screenshot(String name) {
        browser.screenshot(ConsoleBrowser.targetDir().resolve("portal-img").resolve(name + ".png"));
    }
}
