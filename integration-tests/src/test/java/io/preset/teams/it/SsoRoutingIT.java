package io.preset.teams.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.preset.teams.it.support.Browser;
import io.preset.teams.it.support.Http;
import io.preset.teams.it.support.IdpSim;
import io.preset.teams.it.support.KeycloakExtension;
import io.preset.teams.it.support.KeycloakTarget;
import io.preset.teams.it.support.Scim;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.FederatedIdentityRepresentation;
import org.keycloak.representations.idm.IdentityProviderRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;

import java.util.List;
import java.util.Map;

import static io.preset.teams.it.support.Http.enc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How people reach their team's SSO on the shipped web app client {@code preset-web}: identifier-first sign-in
 * (flow {@code preset web browser}) and the Okta dashboard tile ({@code /realms/preset/teams/{slug}/sso/start}),
 * with two teams whose Okta is played by other realms of the same Keycloak ({@link IdpSim}).
 */
@ExtendWith(KeycloakExtension.class)
class SsoRoutingIT {

    private static final String WEB = "preset-web";
    private static final String WEB_REDIRECT = "http://localhost:8088/callback";
    /** The Home URL of preset-web in realm-config: where the tile lands by default. */
    private static final String WEB_HOME = "http://localhost:8088/";
    private static final String OWN_PASSWORD = "Own-Pass-789";
    private static final String DOMAIN = "route-sim.test";
    private static final String OTHER_DOMAIN = "routeg-sim.test";
    private static final String UNVERIFIED = "route-unverified.test";

    private static KeycloakTarget kc;
    private static String team;
    private static Scim scim;
    private static IdpSim okta;
    private static String other;
    private static Scim otherScim;
    private static IdpSim otherOkta;

    @BeforeAll
    static void setUp(KeycloakTarget target) {
        kc = target;
        team = Scim.createTeam(kc, "route");
        scim = Scim.forTeam(kc, team);
        Scim.verifyDomain(kc, team, DOMAIN);
        okta = IdpSim.create(kc, "route-sim", team, List.of(DOMAIN, UNVERIFIED));
        other = Scim.createTeam(kc, "routeg");
        otherScim = Scim.forTeam(kc, other);
        Scim.verifyDomain(kc, other, OTHER_DOMAIN);
        otherOkta = IdpSim.create(kc, "routeg-sim", other, List.of(OTHER_DOMAIN));
        // the first team also claims the second team's domain: a claim it cannot verify, so it routes nothing
        Http.Response claimed = Http.post(api(team) + "/domains", kc.adminToken(), Map.of("domain", OTHER_DOMAIN));
        assertEquals(201, claimed.status(), claimed::toString);
    }

    // --- identifier first

    @Test
    void theWebAppAsksForTheEmailFirstAndAVerifiedDomainGoesToTheTeamsIdp() {
        String userId = provision(scim, "Uma.Ito@Route-Sim.test");
        okta.createUser("uma.ito@route-sim.test");
        Browser browser = new Browser(kc.baseUrl());
        Pkce pkce = new Pkce();
        Browser.Page first = browser.open(pkce.authorizeUrl(""));
        assertIdentifierPage(first);

        Browser.Page toIdp = browser.submit(first.form("kc-form-login"), Map.of("username", "UMA.ITO@route-sim.TEST"));
        assertTrue(toIdp.form("/realms/route-sim/protocol/saml").hidden().containsKey("SAMLRequest"), toIdp::toString);
        JsonNode token = pkce.exchange(code(okta.signInFrom(browser, toIdp, "uma.ito@route-sim.test")));
        assertEquals(userId, Http.jwtClaims(token.path("access_token").asText()).path("sub").asText(), token::toString);
        assertEquals("User", Http.jwtClaims(token.path("access_token").asText()).path("preset_teams").path(team)
                .path("role").asText(), token::toString);
        assertEquals(List.of(okta.alias()), links(userId));
    }

    @Test
    void somebodyWithoutAnAccountGetsOneJustInTimeThroughTheTeamsIdp() {
        okta.createUser("newbie@route-sim.test");
        assertTrue(kc.realm("preset").users().searchByEmail("newbie@route-sim.test", true).isEmpty());
        Browser browser = new Browser(kc.baseUrl());
        Pkce pkce = new Pkce();
        Browser.Page toIdp = identify(browser, pkce, "newbie@route-sim.test");
        JsonNode token = pkce.exchange(code(okta.signInFrom(browser, toIdp, "newbie@route-sim.test")));
        String userId = Http.jwtClaims(token.path("access_token").asText()).path("sub").asText();
        assertEquals("newbie@route-sim.test", kc.realm("preset").users().get(userId).toRepresentation().getEmail());
        assertEquals("User", Scim.member(kc, team, userId).path("teamRole").path("role").asText());
    }

    /**
     * An account outside the teams' domains, an email nobody has, a domain the team only claimed and a plain
     * username: the same password page, and the same error for a wrong password as for an account that does not exist.
     */
    @Test
    void everyOtherIdentifierGetsTheSamePasswordPageWhetherOrNotTheAccountExists() {
        String known = "known@elsewhere-route.test";
        String knownId = kc.createUser("preset", known, OWN_PASSWORD);
        List<String> identifiers = List.of(known, "nobody@elsewhere-route.test", "someone@" + UNVERIFIED, "plain-" + System.nanoTime());
        String reference = null;
        String referenceError = null;
        for (String identifier : identifiers) {
            Browser browser = new Browser(kc.baseUrl());
            Browser.Page password = identify(browser, new Pkce(), identifier);
            assertPasswordPage(password);
            String text = visible(password, identifier);
            assertTrue(password.body().contains("value=\"" + identifier + "\""), "the page shows what was typed: " + password);
            if (reference == null) {
                reference = text;
            }
            assertEquals(reference, text, "the password page for " + identifier);

            Browser.Page wrong = browser.submit(password.form("kc-form-login"), Map.of("password", "not-the-password"));
            assertPasswordPage(wrong);
            String error = visible(wrong, identifier);
            assertTrue(error.contains("Invalid username or password"), error);
            if (referenceError == null) {
                referenceError = error;
            }
            assertEquals(referenceError, error, "the error for " + identifier);
        }

        // the right password of the existing account signs it in
        Browser browser = new Browser(kc.baseUrl());
        Pkce pkce = new Pkce();
        // "Restart login" goes back to the first page (a typo in the email is not a dead end)
        Browser.Page typo = identify(browser, pkce, "knwon@elsewhere-route.test");
        java.util.regex.Matcher restart = java.util.regex.Pattern.compile("location.href='([^']+)'").matcher(typo.body());
        assertTrue(restart.find(), typo::toString);
        String restartUrl = restart.group(1).replace("&amp;", "&");
        assertIdentifierPage(browser.open(restartUrl.startsWith("/") ? kc.baseUrl() + restartUrl : restartUrl));
        Browser.Page password = identify(browser, pkce, known);
        JsonNode token = pkce.exchange(code(browser.submit(password.form("kc-form-login"), Map.of("password", OWN_PASSWORD))));
        assertEquals(knownId, Http.jwtClaims(token.path("access_token").asText()).path("sub").asText());
    }

    /** A user with OTP gets the OTP page after the password, as on the one-page form. */
    @Test
    void otpFollowsThePasswordForUsersWhoHaveIt() throws Exception {
        String user = "otp@elsewhere-route.test";
        String secret = "route-otp-secret-0123456789";
        org.keycloak.representations.idm.UserRepresentation u = new org.keycloak.representations.idm.UserRepresentation();
        u.setUsername(user);
        u.setEmail(user);
        u.setEmailVerified(true);
        u.setFirstName("Otto");
        u.setLastName("Tp");
        u.setEnabled(true);
        org.keycloak.representations.idm.CredentialRepresentation pw = new org.keycloak.representations.idm.CredentialRepresentation();
        pw.setType("password");
        pw.setValue(OWN_PASSWORD);
        pw.setTemporary(false);
        org.keycloak.representations.idm.CredentialRepresentation otp = new org.keycloak.representations.idm.CredentialRepresentation();
        otp.setType("otp");
        otp.setUserLabel("it");
        otp.setSecretData("{\"value\":\"" + secret + "\"}");
        otp.setCredentialData("{\"subType\":\"totp\",\"digits\":6,\"counter\":0,\"period\":30,\"algorithm\":\"HmacSHA1\"}");
        u.setCredentials(List.of(pw, otp));
        String userId;
        try (Response r = kc.realm("preset").users().create(u)) {
            assertEquals(201, r.getStatus());
            String path = r.getLocation().getPath();
            userId = path.substring(path.lastIndexOf('/') + 1);
        }
        Browser browser = new Browser(kc.baseUrl());
        Pkce pkce = new Pkce();
        Browser.Page password = identify(browser, pkce, user);
        assertPasswordPage(password);
        Browser.Page otpPage = browser.submit(password.form("kc-form-login"), Map.of("password", OWN_PASSWORD));
        assertEquals(200, otpPage.status(), otpPage::toString);
        assertTrue(otpPage.body().contains("name=\"otp\""), otpPage::toString);
        Browser.Page last = browser.submit(otpPage.form("kc-otp-login-form"), Map.of("otp", totp(secret)));
        JsonNode token = pkce.exchange(code(last));
        assertEquals(userId, Http.jwtClaims(token.path("access_token").asText()).path("sub").asText());
    }

    /** RFC 6238 with Keycloak's defaults (HmacSHA1, 6 digits, 30 s), the secret's UTF-8 bytes as key. */
    private static String totp(String secret) throws Exception {
        long step = System.currentTimeMillis() / 1000 / 30;
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA1");
        mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA1"));
        byte[] h = mac.doFinal(java.nio.ByteBuffer.allocate(8).putLong(step).array());
        int o = h[h.length - 1] & 0xf;
        int bin = ((h[o] & 0x7f) << 24) | ((h[o + 1] & 0xff) << 16) | ((h[o + 2] & 0xff) << 8) | (h[o + 3] & 0xff);
        return String.format("%06d", bin % 1_000_000);
    }

    /** A domain one team verified goes to that team's IdP only, even when another team claims it too. */
    @Test
    void aDomainRoutesOnlyToTheTeamThatVerifiedIt() {
        String carl = provision(otherScim, "carl@" + OTHER_DOMAIN);
        otherOkta.createUser("carl@" + OTHER_DOMAIN);
        Browser browser = new Browser(kc.baseUrl());
        Pkce pkce = new Pkce();
        Browser.Page toIdp = identify(browser, pkce, "carl@" + OTHER_DOMAIN);
        assertTrue(toIdp.body().contains("/realms/routeg-sim/protocol/saml"), toIdp::toString);
        assertFalse(toIdp.body().contains("/realms/route-sim/protocol/saml"), toIdp::toString);
        JsonNode token = pkce.exchange(code(otherOkta.signInFrom(browser, toIdp, "carl@" + OTHER_DOMAIN)));
        assertEquals(carl, Http.jwtClaims(token.path("access_token").asText()).path("sub").asText());
        assertEquals(List.of(otherOkta.alias()), links(carl));
    }

    /** Routing skips no check: an account of the domain that is no member of the team is refused by the team's IdP login. */
    @Test
    void theMembershipCheckStillAppliesAfterRouting() {
        String dan = provision(otherScim, "dan@" + DOMAIN);
        okta.createUser("dan@" + DOMAIN);
        Browser browser = new Browser(kc.baseUrl());
        Browser.Page toIdp = identify(browser, new Pkce(), "dan@" + DOMAIN);
        Browser.Page refused = okta.signInFrom(browser, toIdp, "dan@" + DOMAIN);
        assertEquals(403, refused.status(), refused::toString);
        assertNull(refused.location(), refused::toString);
        assertTrue(refused.text().contains("is not a member of the Preset team"), refused::text);
        assertEquals(List.of(), links(dan));
        assertNull(Scim.member(kc, team, dan));
    }

    @Test
    void aDisabledTeamIdpRoutesNothing() {
        IdentityProviderRepresentation idp = kc.realm("preset").identityProviders().get(otherOkta.alias()).toRepresentation();
        idp.setEnabled(false);
        kc.realm("preset").identityProviders().get(otherOkta.alias()).update(idp);
        try {
            assertPasswordPage(identify(new Browser(kc.baseUrl()), new Pkce(), "erin@" + OTHER_DOMAIN));
            Http.Response tile = Http.get(startUrl(other, null));
            assertEquals(404, tile.status(), tile::toString);
        } finally {
            idp.setEnabled(true);
            kc.realm("preset").identityProviders().get(otherOkta.alias()).update(idp);
        }
    }

    /** Scripts and password managers that post both fields on the first page still sign in (after the same routing). */
    @Test
    void aFirstPagePostWithThePasswordIsAOnePageSignIn() {
        String user = "onepage@elsewhere-route.test";
        String userId = kc.createUser("preset", user, OWN_PASSWORD);
        Browser browser = new Browser(kc.baseUrl());
        Pkce pkce = new Pkce();
        Browser.Page first = browser.open(pkce.authorizeUrl(""));
        JsonNode token = pkce.exchange(code(browser.submit(first.form("kc-form-login"),
                Map.of("username", user, "password", OWN_PASSWORD))));
        assertEquals(userId, Http.jwtClaims(token.path("access_token").asText()).path("sub").asText());

        // a wrong password that way shows the password page with the error
        Browser again = new Browser(kc.baseUrl());
        Browser.Page page = again.open(new Pkce().authorizeUrl(""));
        Browser.Page wrong = again.submit(page.form("kc-form-login"), Map.of("username", user, "password", "nope"));
        assertPasswordPage(wrong);
        assertTrue(wrong.text().contains("Invalid username or password"), wrong::text);
        // with an email of a verified team domain, the password posted along does not skip the team's IdP
        Browser routed = new Browser(kc.baseUrl());
        Browser.Page start = routed.open(new Pkce().authorizeUrl(""));
        Browser.Page toIdp = routed.submit(start.form("kc-form-login"), Map.of("username", "pw@" + DOMAIN, "password", OWN_PASSWORD));
        assertTrue(toIdp.form("/realms/route-sim/protocol/saml").hidden().containsKey("SAMLRequest"), toIdp::toString);
        // an empty identifier: the first page again, with a message
        Browser.Page empty = again.submit(again.open(new Pkce().authorizeUrl("")).form("kc-form-login"), Map.of("username", " "));
        assertIdentifierPage(empty);
        assertTrue(empty.text().contains("Please specify username"), empty::text);
    }

    /** login_hint of a verified domain still goes straight to the IdP; any other login_hint fills the first page. */
    @Test
    void loginHintRoutesOrFillsTheFirstPage() {
        Browser.Page toIdp = new Browser(kc.baseUrl()).open(new Pkce().authorizeUrl("&login_hint=" + enc("x@" + DOMAIN)));
        assertTrue(toIdp.form("/realms/route-sim/protocol/saml").hidden().containsKey("SAMLRequest"), toIdp::toString);
        Browser.Page first = new Browser(kc.baseUrl()).open(new Pkce().authorizeUrl("&login_hint=" + enc("y@" + UNVERIFIED)));
        assertIdentifierPage(first);
        assertTrue(first.body().contains("value=\"y@" + UNVERIFIED + "\""), first::toString);
    }

    /** Only preset-web is identifier-first: another client of the realm keeps the one-page form of the realm's flow. */
    @Test
    void otherClientsKeepTheOnePageForm() {
        String client = "it-sso-routing";
        String redirect = "https://app.example.test/routing";
        kc.ensureCodeFlowClient("preset", client, redirect);
        Browser.Page page = new Browser(kc.baseUrl()).open(kc.realmUrl("preset") + "/protocol/openid-connect/auth?client_id="
                + client + "&response_type=code&scope=openid&redirect_uri=" + enc(redirect));
        assertTrue(page.hasForm("kc-form-login"), page::toString);
        assertTrue(page.body().contains("name=\"username\"") && page.body().contains("name=\"password\""), page::toString);
    }

    // --- the Okta tile

    @Test
    void theTileSignsInThroughTheTeamsIdpAndTheWebAppGetsItsCodeAtOnce() {
        String userId = provision(scim, "tina@" + DOMAIN);
        okta.createUser("tina@" + DOMAIN);
        Browser browser = new Browser(kc.baseUrl());
        Browser.Page toIdp = browser.open(startUrl(team, null));
        Browser.Page landed = okta.signInFrom(browser, toIdp, "tina@" + DOMAIN);
        assertEquals(302, landed.status(), landed::toString);
        assertEquals(WEB_HOME, landed.location(), landed::toString);
        assertTrue(landed.url().contains("/teams/" + team + "/sso/landed"), landed::toString);
        // the code that reached the landing page is worth nothing: nobody holds its PKCE verifier
        String tileCode = java.net.URLDecoder.decode(landed.url().replaceAll(".*[?&]code=([^&]*).*", "$1"), java.nio.charset.StandardCharsets.UTF_8);
        Http.Response stolen = Http.postForm(kc.tokenEndpoint("preset"), Map.of("grant_type", "authorization_code",
                "client_id", "preset-sso-start", "code", tileCode,
                "redirect_uri", kc.realmUrl("preset") + "/teams/" + team + "/sso/landed"));
        assertEquals(400, stolen.status(), stolen::toString);

        // the web app starts its own request (PKCE): no page, a code at once
        Pkce pkce = new Pkce();
        JsonNode token = pkce.exchange(code(browser.open(pkce.authorizeUrl(""))));
        JsonNode claims = Http.jwtClaims(token.path("access_token").asText());
        assertEquals(userId, claims.path("sub").asText(), token::toString);
        assertEquals("User", claims.path("preset_teams").path(team).path("role").asText(), token::toString);

        // a deep link among preset-web's registered redirect URIs
        Browser deep = new Browser(kc.baseUrl());
        Browser.Page deepLanded = okta.signInFrom(deep, deep.open(startUrl(team, "http://localhost:8088/dashboards/7?tab=1")),
                "tina@" + DOMAIN);
        assertEquals("http://localhost:8088/dashboards/7?tab=1", deepLanded.location(), deepLanded::toString);
    }

    @Test
    void theTileCreatesAccountsOnlyInTheTeamsVerifiedDomainsAndNeverSignsInAnotherTeamsAccount() {
        // a new user of the team's domain: just in time, as for any SSO login
        okta.createUser("tilenew@" + DOMAIN);
        Browser browser = new Browser(kc.baseUrl());
        Browser.Page landed = okta.signInFrom(browser, browser.open(startUrl(team, null)), "tilenew@" + DOMAIN);
        assertEquals(WEB_HOME, landed.location(), landed::toString);

        // the team's Okta asserts an email of the other team's domain: nobody is created, nothing lands
        okta.createUser("intruder@" + OTHER_DOMAIN);
        Browser intruder = new Browser(kc.baseUrl());
        Browser.Page refused = okta.signInFrom(intruder, intruder.open(startUrl(team, null)), "intruder@" + OTHER_DOMAIN);
        assertEquals(403, refused.status(), refused::toString);
        assertNull(refused.location(), refused::toString);
        assertTrue(kc.realm("preset").users().searchByEmail("intruder@" + OTHER_DOMAIN, true).isEmpty());

        // ... nor an existing account of the other team
        String victim = provision(otherScim, "victim@" + OTHER_DOMAIN);
        okta.createUser("victim@" + OTHER_DOMAIN);
        Browser attacker = new Browser(kc.baseUrl());
        Browser.Page blocked = okta.signInFrom(attacker, attacker.open(startUrl(team, null)), "victim@" + OTHER_DOMAIN);
        assertEquals(403, blocked.status(), blocked::toString);
        assertNull(blocked.location(), blocked::toString);
        assertEquals(List.of(), links(victim));
    }

    /**
     * What the SAML app's own tile does (IdP-initiated SSO: an unsolicited response posted to the ACS): Keycloak's
     * broker has no login to continue, so it signs nobody in and sends nobody on. Hence the bookmark to sso/start.
     */
    @Test
    void anUnsolicitedResponseAtTheAcsSignsNobodyIn() {
        provision(scim, "unsolicited@" + DOMAIN);
        okta.createUser("unsolicited@" + DOMAIN);
        String spEntityId = okta.idp().path("spEntityId").asText();
        ClientRepresentation app = kc.realm(okta.realm()).clients().findByClientId(spEntityId).get(0);
        app.getAttributes().put("saml_idp_initiated_sso_url_name", "preset-tile");
        kc.realm(okta.realm()).clients().get(app.getId()).update(app);

        Browser browser = new Browser(kc.baseUrl());
        Browser.Page login = browser.open(kc.realmUrl(okta.realm()) + "/protocol/saml/clients/preset-tile");
        Browser.Page response = browser.submit(login.form("kc-form-login"), Map.of("username", "unsolicited@" + DOMAIN,
                "password", IdpSim.PASSWORD));
        Browser.Form toBroker = response.form("/broker/" + okta.alias() + "/endpoint");
        assertTrue(toBroker.hidden().containsKey("SAMLResponse"), response::toString);
        Browser.Page answer = browser.submit(toBroker, Map.of());
        assertTrue(answer.status() >= 400, answer::toString);
        assertNull(answer.location(), answer::toString);
        // and no Keycloak session: the web app's sign-in asks for the email
        assertIdentifierPage(browser.open(new Pkce().authorizeUrl("")));
    }

    @Test
    void theTileRefusesWhatItCannotDoWithAClearPage() {
        assertPage(Http.get(startUrl("no-such-team-" + System.nanoTime(), null)), 404, "There is no Preset team");
        String bare = Scim.createTeam(kc, "route-bare");
        assertPage(Http.get(startUrl(bare, null)), 404, "has no single sign-on set up");
        // no open redirect: only registered redirect URIs of preset-web
        for (String target : List.of("https://evil.example/", "http://localhost:8088.evil.example/", "javascript:alert(1)",
                "//evil.example/", "/relative", "http://localhost:8088/x#frag", "x".repeat(3000))) {
            assertPage(Http.get(startUrl(team, target)), 400, "not a registered address");
        }
        // landing without having started here, or with another state
        String landed = kc.realmUrl("preset") + "/teams/" + team + "/sso/landed";
        assertPage(Http.get(landed + "?state=abc&code=x"), 400, "did not start here");
        assertPage(Http.get(landed), 400, "did not start here");
        Browser browser = new Browser(kc.baseUrl());
        browser.open(startUrl(team, null));
        Browser.Page forged = browser.open(landed + "?state=forged&code=x");
        assertEquals(400, forged.status(), forged::toString);
        assertNull(forged.location(), forged::toString);
    }

    /** A realm not imported from realm-config gets the identifier-first flow and its binding with its first team IdP. */
    @Test
    void aRealmCreatedAtRuntimeGetsTheFlowAndTheBindingOnDemand() {
        String name = "route-runtime-" + Long.toString(System.nanoTime(), 36);
        RealmRepresentation realm = new RealmRepresentation();
        realm.setRealm(name);
        realm.setEnabled(true);
        kc.adminClient().realms().create(realm);
        try {
            ClientRepresentation web = new ClientRepresentation();
            web.setClientId(WEB);
            web.setPublicClient(true);
            web.setStandardFlowEnabled(true);
            web.setRedirectUris(List.of("http://localhost:8088/*"));
            web.setBaseUrl(WEB_HOME);
            try (Response r = kc.realm(name).clients().create(web)) {
                assertEquals(201, r.getStatus());
            }
            String teams = kc.baseUrl() + "/admin/realms/" + name + "/teams";
            assertEquals(201, Http.post(teams, kc.adminToken(), Map.of("slug", "rt", "title", "Runtime")).status());
            String cert = kc.realm("preset").identityProviders().get(okta.alias()).toRepresentation().getConfig().get("signingCertificate");
            Http.Response idp = Http.put(teams + "/rt/saml", kc.adminToken(), Map.of("singleSignOnServiceUrl",
                    "https://idp.example.test/sso", "idpEntityId", "http://idp.example.test", "signingCertificate", cert));
            assertEquals(201, idp.status(), idp::toString);
            assertEquals(executions("preset", "preset web browser"), executions(name, "preset web browser"));
            String flowId = kc.realm(name).flows().getFlows().stream().filter(f -> "preset web browser".equals(f.getAlias()))
                    .findFirst().orElseThrow().getId();
            assertEquals(flowId, kc.realm(name).clients().findByClientId(WEB).get(0).getAuthenticationFlowBindingOverrides().get("browser"));

            // the tile's client is created when the tile is first used; the tile goes on to the IdP
            Http.Response start = Http.get(kc.realmUrl(name) + "/teams/rt/sso/start");
            assertEquals(302, start.status(), start::toString);
            assertTrue(start.header("Location").contains("kc_idp_hint=team-rt"), start::toString);
            assertEquals(1, kc.realm(name).clients().findByClientId("preset-sso-start").size());
        } finally {
            kc.realm(name).remove();
        }
    }

    // --- helpers

    /** The web app's authorization request with PKCE S256, and the code exchange. */
    private static final class Pkce {
        final String verifier = "v" + Long.toString(System.nanoTime(), 36) + "-0123456789abcdefghijklmnopqrstuvwxyz0123456789";

        String authorizeUrl(String extra) {
            return kc.realmUrl("preset") + "/protocol/openid-connect/auth?client_id=" + WEB + "&response_type=code&scope=openid"
                    + "&redirect_uri=" + enc(WEB_REDIRECT) + "&state=st-web&code_challenge=" + Http.pkceChallenge(verifier)
                    + "&code_challenge_method=S256" + extra;
        }

        JsonNode exchange(String code) {
            Http.Response r = Http.postForm(kc.tokenEndpoint("preset"), Map.of("grant_type", "authorization_code",
                    "client_id", WEB, "code", code, "redirect_uri", WEB_REDIRECT, "code_verifier", verifier));
            assertEquals(200, r.status(), r::toString);
            return r.requireJson();
        }
    }

    /** Opens the web app's sign-in and types {@code identifier} on the first page: returns the next page. */
    private static Browser.Page identify(Browser browser, Pkce pkce, String identifier) {
        Browser.Page first = browser.open(pkce.authorizeUrl(""));
        assertIdentifierPage(first);
        return browser.submit(first.form("kc-form-login"), Map.of("username", identifier));
    }

    /** The page's text without what differs between two sign-ins (the URL of this one, in a script) and the identifier. */
    private static String visible(Browser.Page page, String identifier) {
        return page.text().replaceAll("if \\(typeof history\\.replaceState.*?\\); \\}", "").replace(identifier, "<id>");
    }

    private static void assertIdentifierPage(Browser.Page page) {
        assertEquals(200, page.status(), page::toString);
        assertTrue(page.hasForm("kc-form-login"), page::toString);
        assertTrue(page.body().contains("name=\"username\""), page::toString);
        assertFalse(page.body().contains("name=\"password\""), "no password on the first page: " + page);
    }

    private static void assertPasswordPage(Browser.Page page) {
        assertEquals(200, page.status(), page::toString);
        assertTrue(page.hasForm("kc-form-login"), page::toString);
        assertTrue(page.body().contains("name=\"password\""), page::toString);
        assertFalse(page.body().contains("SAMLRequest"), page::toString);
    }

    private static void assertPage(Http.Response r, int status, String text) {
        assertEquals(status, r.status(), r::toString);
        assertTrue(r.body().contains(text), () -> "expected '" + text + "': " + r);
    }

    private static String code(Browser.Page last) {
        assertEquals(302, last.status(), last::toString);
        assertTrue(last.location().startsWith(WEB_REDIRECT + "?"), last::toString);
        assertNull(last.locationParameter("error"), last::toString);
        assertEquals("st-web", last.locationParameter("state"), last::toString);
        String code = last.locationParameter("code");
        assertNotNull(code, last::toString);
        return code;
    }

    private static String startUrl(String slug, String target) {
        return kc.realmUrl("preset") + "/teams/" + slug + "/sso/start" + (target == null ? "" : "?target=" + enc(target));
    }

    private static List<String> links(String userId) {
        return kc.realm("preset").users().get(userId).getFederatedIdentity().stream()
                .map(FederatedIdentityRepresentation::getIdentityProvider).toList();
    }

    private static List<String> executions(String realm, String flow) {
        return kc.realm(realm).flows().getExecutions(flow).stream()
                .map(e -> e.getLevel() + " " + (e.getAuthenticationFlow() != null && e.getAuthenticationFlow()
                        ? e.getDisplayName() : e.getProviderId()) + " " + e.getRequirement())
                .toList();
    }

    private static String api(String slug) {
        return kc.baseUrl() + "/admin/realms/preset/teams/" + slug;
    }

    private static String provision(Scim scim, String userName) {
        Http.Response r = scim.post("/Users", Scim.oktaUser(userName, "Given", "Family"));
        assertEquals(201, r.status(), r::toString);
        return r.requireJson().path("id").asText();
    }
}
