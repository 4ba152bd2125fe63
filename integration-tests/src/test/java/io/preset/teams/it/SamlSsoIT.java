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
import org.keycloak.representations.idm.AdminEventRepresentation;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.FederatedIdentityRepresentation;
import org.keycloak.representations.idm.IdentityProviderRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Per-team SAML SSO brokered by Keycloak, with a second realm of the same Keycloak ({@value #OKTA}) playing
 * the team's Okta SAML app: the team's identity provider is configured through our admin API from that
 * realm's IdP metadata, users are provisioned by SCIM, and a browser (forms, cookies, the SAML POST binding)
 * signs in through the broker.
 */
@ExtendWith(KeycloakExtension.class)
class SamlSsoIT {

    private static final String OKTA = "okta-sim";
    private static final String CLIENT_ID = "it-saml-login";
    private static final String REDIRECT_URI = "https://app.example.test/callback";
    private static final String GLOBEX_OKTA = "globex-sim";
    /** Password of an account of realm preset (not the IdP's). */
    private static final String OWN_PASSWORD = "Own-Pass-456";

    private static KeycloakTarget kc;
    private static String acme;
    private static String alias;
    private static Scim acmeScim;
    private static IdpSim okta;
    private static String globex;
    private static Scim globexScim;
    private static IdpSim globexOkta;

    @BeforeAll
    static void setUp(KeycloakTarget target) {
        kc = target;
        kc.ensureCodeFlowClient("preset", CLIENT_ID, REDIRECT_URI);
        acme = Scim.createTeam(kc, "acme");
        alias = "team-" + acme;
        acmeScim = Scim.forTeam(kc, acme);
        okta = IdpSim.create(kc, OKTA, acme, List.of("Acme-Sim.test"));

        JsonNode idp = okta.idp();
        String acs = kc.realmUrl("preset") + "/broker/" + alias + "/endpoint";
        assertEquals(alias, idp.path("alias").asText(), idp::toString);
        assertEquals(acs, idp.path("acsUrl").asText(), idp::toString);
        assertEquals(acs, idp.path("spEntityId").asText(), idp::toString);
        assertEquals(kc.realmUrl(OKTA), idp.path("idpEntityId").asText(), idp::toString);
        assertEquals(kc.realmUrl(OKTA) + "/protocol/saml", idp.path("singleSignOnServiceUrl").asText(), idp::toString);
        assertEquals("acme-sim.test", idp.path("emailDomains").get(0).asText(), idp::toString);
        assertFalse(idp.path("domains").get(0).path("verified").asBoolean(), "emailDomains are claimed, unverified: " + idp);
        assertFalse(idp.path("signingCertificates").isEmpty(), idp::toString);
        // only a verified domain routes to the team's IdP (and lets it create and link accounts)
        Http.Response verified = Http.post(api(acme) + "/domains/acme-sim.test/verify", kc.adminToken(), Map.of("method", "operator"));
        assertEquals(200, verified.status(), verified::toString);
        assertTrue(Http.get(api(acme) + "/saml", kc.adminToken()).requireJson().path("domains").get(0).path("verified").asBoolean());

        // a second team with its own Okta and its own verified domain
        globex = Scim.createTeam(kc, "globex");
        globexScim = Scim.forTeam(kc, globex);
        verifyDomain(globex, "globex-sim.test");
        globexOkta = IdpSim.create(kc, GLOBEX_OKTA, globex, List.of("globex-sim.test"));
    }

    /** The team claims the domain and an operator vouches for it. */
    private static void verifyDomain(String slug, String domain) {
        Http.Response claimed = Http.post(api(slug) + "/domains", kc.adminToken(), Map.of("domain", domain));
        assertEquals(201, claimed.status(), claimed::toString);
        Http.Response verified = Http.post(api(slug) + "/domains/" + domain + "/verify", kc.adminToken(), Map.of("method", "operator"));
        assertEquals(200, verified.status(), verified::toString);
    }

    // --- tests

    @Test
    void scimProvisionedUserLandsOnTheirOwnAccountWithTheirRoles() {
        String userId = provision(acmeScim, "Ann.Lee@Acme-Sim.test", "Ann", "Lee");
        assertEquals(201, Http.post(api(acme) + "/workspaces", kc.adminToken(), Map.of("name", "analytics", "title", "Analytics")).status());
        Http.Response roles = Http.put(api(acme) + "/members/" + userId, kc.adminToken(),
                Map.of("teamRole", "Admin", "workspaceRoles", Map.of("analytics", "PresetAlpha")));
        assertEquals(200, roles.status(), roles::toString);
        okta.createUser("ann.lee@acme-sim.test");

        JsonNode token = exchange(code(signIn(new Browser(kc.baseUrl()), "ann.lee@acme-sim.test")));
        assertEquals(userId, token.path("sub").asText(), token::toString);
        JsonNode team = token.path("preset_teams").path(acme);
        assertEquals("Admin", team.path("role").asText(), token::toString);
        assertEquals("PresetAlpha", team.path("workspaces").path("analytics").asText(), token::toString);

        // linked, no second account, SCIM still shows the provisioned account as it was
        List<FederatedIdentityRepresentation> links = kc.realm("preset").users().get(userId).getFederatedIdentity();
        assertEquals(1, links.size(), links::toString);
        assertEquals(alias, links.get(0).getIdentityProvider());
        assertEquals(1, kc.realm("preset").users().searchByEmail("ann.lee@acme-sim.test", true).size());
        JsonNode scimUser = acmeScim.get("/Users/" + userId).requireJson();
        assertEquals("Ann.Lee@Acme-Sim.test", scimUser.path("userName").asText(), scimUser::toString);

        // later logins go straight through the existing link
        JsonNode again = exchange(code(signIn(new Browser(kc.baseUrl()), "ann.lee@acme-sim.test")));
        assertEquals(userId, again.path("sub").asText());
    }

    /**
     * globex's SCIM created bob, but in acme's verified domain: acme owns the account (globex only holds an
     * invitation), yet it is no member of acme, so acme's Okta cannot sign it in (and bob has no password to
     * re-authenticate with).
     */
    @Test
    void memberOfAnotherTeamIsRefusedAndNothingIsLinked() {
        String bobId = provision(globexScim, "bob@acme-sim.test", "Bob", "Stone");
        JsonNode globexMembership = Scim.member(kc, globex, bobId);
        okta.createUser("bob@acme-sim.test");

        assertRefused(signIn(new Browser(kc.baseUrl()), "bob@acme-sim.test"), "is not a member of the Preset team acme");
        assertEquals(List.of(), links(bobId), "no link was created");
        assertNull(Scim.member(kc, acme, bobId), "bob did not join acme");
        assertEquals(1, kc.realm("preset").users().searchByUsername("bob@acme-sim.test", true).size(), "no new account");
        assertEquals(globexMembership, Scim.member(kc, globex, bobId), "globex untouched");
    }

    /**
     * The review's chain: globex provisions its admin; acme's SCIM posts the same userName; acme's Okta (acme
     * controls it) asserts that email. The account belongs to globex and has no password: refused, nothing changed.
     */
    @Test
    void anotherTeamsAccountIsNotSignedInByTheTeamsIdpEvenAfterItsScimPostedIt() {
        String victim = provision(globexScim, "Victim@Globex-Sim.test", "Vic", "Tim");
        Http.Response admin = Http.put(api(globex) + "/members/" + victim, kc.adminToken(), Map.of("teamRole", "Admin"));
        assertEquals(200, admin.status(), admin::toString);
        Http.Response posted = acmeScim.post("/Users", Scim.oktaUser("victim@globex-sim.test", "Eve", "Intruder"));
        assertEquals(201, posted.status(), posted::toString);
        JsonNode acmeMembership = Scim.member(kc, acme, victim);
        JsonNode globexView = globexScim.get("/Users/" + victim).requireJson();
        okta.createUser("victim@globex-sim.test");

        assertRefused(signIn(new Browser(kc.baseUrl()), "victim@globex-sim.test"), "single sign-on may not sign in to it");
        assertEquals(List.of(), links(victim), "no link was created");
        assertEquals(1, kc.realm("preset").users().searchByEmail("victim@globex-sim.test", true).size(), "no new account");
        assertEquals(acmeMembership, Scim.member(kc, acme, victim), "acme's membership unchanged");
        assertEquals("Admin", Scim.member(kc, globex, victim).path("teamRole").path("role").asText(), "still globex's admin");
        assertEquals(globexView, globexScim.get("/Users/" + victim).requireJson(), "globex's SCIM view unchanged");

        // globex's own Okta signs its admin in; acme's invitation gives nothing until it is accepted
        globexOkta.createUser("victim@globex-sim.test");
        Browser browser = new Browser(kc.baseUrl());
        Browser.Page invitation = signInGlobex(browser, "victim@globex-sim.test");
        // acme's pending invitation is offered at this browser sign-in; "Not now" keeps it pending
        assertTrue(invitation.hasForm("preset-invite-form-" + acme), invitation::toString);
        JsonNode token = exchange(code(browser.submit(invitation.form("preset-invite-later"), Map.of("later", "later"))));
        assertEquals(victim, token.path("sub").asText(), token::toString);
        assertEquals("Admin", token.path("preset_teams").path(globex).path("role").asText(), token::toString);
        assertFalse(token.path("preset_teams").has(acme), token::toString);
        assertEquals(List.of(globexOkta.alias()), links(victim));
    }

    /** An operator account in acme's domain, even an active acme member, is linked only by its own password. */
    @Test
    void operatorAccountIsNeverLinkedSilentlyOnlyAfterReauthenticationWithItsOwnPassword() {
        String ops = kc.createUser("preset", "ops@acme-sim.test", OWN_PASSWORD);
        String managementId = kc.realm("preset").clients().findByClientId("realm-management").get(0).getId();
        RoleRepresentation manageUsers = kc.realm("preset").clients().get(managementId).roles().get("manage-users").toRepresentation();
        kc.realm("preset").users().get(ops).roles().clientLevel(managementId).add(List.of(manageUsers));
        // nobody owns an operator account, so an operator adds it to acme
        Http.Response added = Http.put(api(acme) + "/members/" + ops, kc.adminToken(), Map.of("teamRole", "User"));
        assertEquals(201, added.status(), added::toString);
        okta.createUser("ops@acme-sim.test");

        Browser browser = new Browser(kc.baseUrl());
        Browser.Page password = confirmLink(browser, signIn(browser, "ops@acme-sim.test"));
        Browser.Page wrong = browser.submit(password.form("kc-form-login"), Map.of("username", "ops@acme-sim.test", "password", "not-it"));
        assertEquals(200, wrong.status(), wrong::toString);
        assertTrue(wrong.hasForm("kc-form-login"), wrong::toString);
        assertEquals(List.of(), links(ops), "a wrong password links nothing");

        JsonNode token = exchange(code(browser.submit(wrong.form("kc-form-login"),
                Map.of("username", "ops@acme-sim.test", "password", OWN_PASSWORD))));
        assertEquals(ops, token.path("sub").asText(), token::toString);
        assertEquals(List.of(alias), links(ops), "the holder's own password linked it");
        assertEquals(List.of("manage-users"), kc.realm("preset").users().get(ops).roles().clientLevel(managementId)
                .listAll().stream().map(RoleRepresentation::getName).toList(), "roles unchanged");
    }

    /** acme owns pat's account (verified domain) but pat has a password of their own: re-authentication, then membership. */
    @Test
    void ownAccountWithItsOwnPasswordIsLinkedByReauthenticationAndSignsInOnceAMember() {
        String pat = kc.createUser("preset", "pat@acme-sim.test", OWN_PASSWORD);
        okta.createUser("pat@acme-sim.test");

        Browser.Page notMember = linkWithOwnPassword("pat@acme-sim.test");
        assertRefused(notMember, "is not a member of the Preset team acme");
        assertEquals(List.of(alias), links(pat), "linked by the holder's own password");
        assertNull(Scim.member(kc, acme, pat), "linking joins no team");

        Http.Response joined = acmeScim.post("/Users", Scim.oktaUser("pat@acme-sim.test", "Pat", "Park"));
        assertEquals(201, joined.status(), joined::toString);
        JsonNode token = exchange(code(signIn(new Browser(kc.baseUrl()), "pat@acme-sim.test")));
        assertEquals(pat, token.path("sub").asText(), token::toString);
        assertEquals("User", token.path("preset_teams").path(acme).path("role").asText(), token::toString);
    }

    /** Another team's account with a password, invited by acme's SCIM: its holder may link it, but the invitation comes first. */
    @Test
    void invitedAccountLinkedByItsHolderMustAcceptTheInvitationFirst() {
        String holder = provision(globexScim, "holder@globex-sim.test", "Hol", "Der");
        CredentialRepresentation credential = new CredentialRepresentation();
        credential.setType(CredentialRepresentation.PASSWORD);
        credential.setValue(OWN_PASSWORD);
        credential.setTemporary(false);
        kc.realm("preset").users().get(holder).resetPassword(credential);
        Http.Response invited = acmeScim.post("/Users", Scim.oktaUser("holder@globex-sim.test", "Hol", "Der"));
        assertEquals(201, invited.status(), invited::toString);
        okta.createUser("holder@globex-sim.test");

        Browser.Page pending = linkWithOwnPassword("holder@globex-sim.test");
        assertRefused(pending, "Accept the invitation first by signing in with your own credentials");
        assertEquals(List.of(alias), links(holder));
        assertEquals("User", Scim.member(kc, globex, holder).path("teamRole").path("role").asText(), "globex untouched");
    }

    @Test
    void justInTimeAccountsOnlyInsideTheTeamsVerifiedDomains() {
        Http.Response claimed = Http.post(api(acme) + "/domains", kc.adminToken(), Map.of("domain", "acme-unverified.test"));
        assertEquals(201, claimed.status(), claimed::toString);
        for (String outsider : List.of("outsider@elsewhere.test", "newbie@acme-unverified.test", "new.hire@globex-sim.test")) {
            okta.createUser(outsider);
            assertRefused(signIn(new Browser(kc.baseUrl()), outsider), "can only create accounts in the email domains");
            assertTrue(kc.realm("preset").users().searchByEmail(outsider, true).isEmpty(), outsider + ": no account");
            assertTrue(kc.realm("preset").users().searchByUsername(outsider, true).isEmpty(), outsider + ": no account");
        }
    }

    @Test
    void deactivatedMemberIsRefused() {
        String userId = provision(acmeScim, "dora@acme-sim.test", "Dora", "Diaz");
        Http.Response off = acmeScim.patch("/Users/" + userId, Scim.patch(Map.of("op", "replace", "value", Map.of("active", false))));
        assertEquals(200, off.status(), off::toString);
        okta.createUser("dora@acme-sim.test");

        Browser.Page refused = signIn(new Browser(kc.baseUrl()), "dora@acme-sim.test");
        assertEquals(403, refused.status(), refused::toString);
        assertTrue(kc.realm("preset").users().get(userId).getFederatedIdentity().isEmpty(), "no link was created");
    }

    @Test
    void linkedMemberDeactivatedLaterIsRefusedUntilReactivated() {
        String userId = provision(acmeScim, "finn@acme-sim.test", "Finn", "Frost");
        okta.createUser("finn@acme-sim.test");
        assertEquals(userId, exchange(code(signIn(new Browser(kc.baseUrl()), "finn@acme-sim.test"))).path("sub").asText());

        Http.Response off = acmeScim.patch("/Users/" + userId, Scim.patch(Map.of("op", "replace", "value", Map.of("active", false))));
        assertEquals(200, off.status(), off::toString);
        Browser.Page refused = signIn(new Browser(kc.baseUrl()), "finn@acme-sim.test");
        assertEquals(403, refused.status(), refused::toString);
        assertTrue(refused.text().contains("is not a member of the Preset team acme"), refused::text);

        Http.Response on = acmeScim.patch("/Users/" + userId, Scim.patch(Map.of("op", "replace", "value", Map.of("active", true))));
        assertEquals(200, on.status(), on::toString);
        JsonNode token = exchange(code(signIn(new Browser(kc.baseUrl()), "finn@acme-sim.test")));
        assertEquals("User", token.path("preset_teams").path(acme).path("role").asText(), token::toString);
    }

    @Test
    void justInTimeUserJoinsAsUserAndOktaFindsThemBySimpleUserNameFilter() {
        okta.createUser("carol.jit@acme-sim.test");
        assertTrue(kc.realm("preset").users().searchByEmail("carol.jit@acme-sim.test", true).isEmpty());

        JsonNode token = exchange(code(signIn(new Browser(kc.baseUrl()), "carol.jit@acme-sim.test")));
        String userId = token.path("sub").asText();
        assertEquals("User", token.path("preset_teams").path(acme).path("role").asText(), token::toString);

        UserRepresentation user = kc.realm("preset").users().get(userId).toRepresentation();
        assertEquals("carol.jit@acme-sim.test", user.getEmail());
        assertEquals("Test", user.getFirstName());
        assertEquals(alias, kc.realm("preset").users().get(userId).getFederatedIdentity().get(0).getIdentityProvider());
        JsonNode member = Scim.member(kc, acme, userId);
        assertNotNull(member, "carol is a member of acme");
        assertEquals("User", member.path("teamRole").path("role").asText(), member::toString);

        // Okta's import / "Provision Users" lookup finds the same account
        Http.Response found = acmeScim.filterUsers("userName eq \"Carol.JIT@acme-sim.test\"");
        assertEquals(200, found.status(), found::toString);
        assertEquals(1, found.requireJson().path("totalResults").asInt(), found::toString);
        assertEquals(userId, found.requireJson().path("Resources").get(0).path("id").asText(), found::toString);
        assertTrue(found.requireJson().path("Resources").get(0).path("active").asBoolean(), found::toString);

        // the team's Okta owns the profile of the account its SSO created
        Http.Response renamed = acmeScim.patch("/Users/" + userId, Scim.patch(Map.of("op", "replace", "path", "name.givenName", "value", "Caroline")));
        assertEquals(200, renamed.status(), renamed::toString);
        assertEquals("Caroline", kc.realm("preset").users().get(userId).toRepresentation().getFirstName());
        assertEquals("carol.jit@acme-sim.test", kc.realm("preset").users().get(userId).toRepresentation().getEmail());
    }

    @Test
    void loginHintOfATeamEmailDomainGoesToTheTeamsIdentityProvider() {
        String userId = provision(acmeScim, "erin@acme-sim.test", "Erin", "Ewing");
        okta.createUser("erin@acme-sim.test");
        JsonNode token = exchange(code(signIn(new Browser(kc.baseUrl()), "erin@acme-sim.test",
                "login_hint=" + enc("Erin@ACME-SIM.test"))));
        assertEquals(userId, token.path("sub").asText(), token::toString);

        // another domain: Keycloak's own login form
        Browser.Page form = new Browser(kc.baseUrl()).open(authorizeUrl("login_hint=" + enc("someone@elsewhere.test")));
        assertTrue(form.hasForm("kc-form-login"), form::toString);
        // a domain the team claims without having verified it routes nothing
        assertEquals(201, Http.post(api(acme) + "/domains", kc.adminToken(), Map.of("domain", "acme-unrouted.test")).status());
        Browser.Page unverified = new Browser(kc.baseUrl()).open(authorizeUrl("login_hint=" + enc("erin@acme-unrouted.test")));
        assertTrue(unverified.hasForm("kc-form-login"), unverified::toString);
    }

    @Test
    void adminApiValidatesAndRecordsEveryChange() {
        String team = Scim.createTeam(kc, "sso");
        String admin = kc.adminToken();
        String url = api(team) + "/saml";
        String cert = kc.realm("preset").identityProviders().get(alias).toRepresentation().getConfig().get("signingCertificate");

        assertEquals(404, Http.get(url, admin).status(), "no IdP yet");
        assertEquals(404, Http.put(api("no-such-team") + "/saml", admin, Map.of("metadata", "<x/>")).status());
        assertBad(Http.put(url, admin, Map.of("metadata", "this is not xml")), "not XML");
        assertBad(Http.put(url, admin, Map.of("metadata", "<md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\" entityID=\"x\">")), "metadata");
        assertBad(Http.put(url, admin, Map.of("metadata", "<md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\" entityID=\"x\"/>")), "IDPSSODescriptor");
        assertBad(Http.put(url, admin, Map.of("singleSignOnServiceUrl", "not a url", "idpEntityId", "http://idp", "signingCertificate", cert)), "singleSignOnServiceUrl");
        assertBad(Http.put(url, admin, Map.of("singleSignOnServiceUrl", "ftp://idp.test/sso", "idpEntityId", "http://idp", "signingCertificate", cert)), "singleSignOnServiceUrl");
        assertBad(Http.put(url, admin, Map.of("singleSignOnServiceUrl", "https://idp.test/sso", "idpEntityId", "http://idp", "signingCertificate", "bm90IGEgY2VydA==")), "X.509");
        assertBad(Http.put(url, admin, Map.of("singleSignOnServiceUrl", "https://idp.test/sso", "idpEntityId", "http://idp")), "signingCertificate");
        assertBad(Http.put(url, admin, Map.of("singleSignOnServiceUrl", "https://idp.test/sso", "idpEntityId", "http://idp", "signingCertificate", cert, "emailDomains", List.of("not a domain"))), "not a domain name");
        assertBad(Http.put(url, admin, Map.of("singleSignOnServiceUrl", "https://idp.test/sso", "idpEntityId", "http://idp", "signingCertificate", cert, "surprise", 1)), "Unknown field");
        assertBad(Http.put(url, admin, Map.of("singleSignOnServiceUrl", "https://idp.test/sso", "idpEntityId", "http://idp",
                "signingCertificate", cert, "emailDomains", List.of("sso-own.test", "gmail.com"))), "'gmail.com' is a public mail domain");
        assertEquals(404, Http.get(url, admin).status(), "nothing was created by refused requests");
        assertEquals(0, Http.get(api(team) + "/domains", admin).requireJson().size(), "no claim kept of a refused request");
        assertTrue(kc.realm("preset").identityProviders().findAll().stream().noneMatch(i -> i.getAlias().equals("team-" + team)));

        // created from fields, PEM accepted
        String pem = "-----BEGIN CERTIFICATE-----\n" + cert + "\n-----END CERTIFICATE-----\n";
        Http.Response created = Http.put(url, admin, Map.of("singleSignOnServiceUrl", "https://sso.example.okta.com/app/x/sso/saml",
                "idpEntityId", "http://www.okta.com/exk1", "signingCertificate", pem, "emailDomains", List.of("@Sso.Example")));
        assertEquals(201, created.status(), created::toString);
        IdentityProviderRepresentation idp = kc.realm("preset").identityProviders().get("team-" + team).toRepresentation();
        assertEquals("saml", idp.getProviderId());
        assertTrue(idp.isEnabled());
        assertTrue(idp.isHideOnLogin(), "team IdPs are not listed on the login page");
        assertEquals("preset first broker login", idp.getFirstBrokerLoginFlowAlias());
        assertEquals("preset post broker login", idp.getPostBrokerLoginFlowAlias());
        assertEquals("https://sso.example.okta.com/app/x/sso/saml", idp.getConfig().get("singleSignOnServiceUrl"));
        assertEquals(cert, idp.getConfig().get("signingCertificate"));
        assertEquals("true", idp.getConfig().get("validateSignature"));
        assertEquals("urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress", idp.getConfig().get("nameIDPolicyFormat"));
        JsonNode shown = Http.get(url, admin).requireJson();
        assertEquals("sso.example", shown.path("emailDomains").get(0).asText(), shown::toString);
        assertEquals(6, kc.realm("preset").identityProviders().get("team-" + team).getMappers().size(), "Okta's three attributes and Entra's three claims");

        // updated: 200, same IdP
        Http.Response updated = Http.put(url, admin, Map.of("singleSignOnServiceUrl", "https://sso.example.okta.com/app/y/sso/saml",
                "idpEntityId", "http://www.okta.com/exk2", "signingCertificate", cert));
        assertEquals(200, updated.status(), updated::toString);
        assertEquals("http://www.okta.com/exk2", Http.get(url, admin).requireJson().path("idpEntityId").asText());
        assertEquals(idp.getInternalId(), kc.realm("preset").identityProviders().get("team-" + team).toRepresentation().getInternalId());

        assertEquals(204, Http.delete(url, admin).status());
        assertEquals(404, Http.get(url, admin).status());
        assertTrue(kc.realm("preset").identityProviders().findAll().stream().noneMatch(i -> i.getAlias().equals("team-" + team)));
        assertEquals(404, Http.delete(url, admin).status());

        List<AdminEventRepresentation> events = kc.realm("preset").getAdminEvents();
        for (String op : List.of("CREATE", "UPDATE", "DELETE")) {
            assertTrue(events.stream().anyMatch(e -> "PRESET_TEAM_IDENTITY_PROVIDER".equals(e.getResourceType())
                    && op.equals(e.getOperationType()) && ("teams/" + team + "/saml").equals(e.getResourcePath())), op + " event");
        }

        // deleting a team deletes its identity provider
        assertEquals(201, Http.put(url, admin, Map.of("singleSignOnServiceUrl", "https://sso.example.okta.com/app/x/sso/saml",
                "idpEntityId", "http://www.okta.com/exk1", "signingCertificate", cert)).status());
        assertEquals(204, Http.delete(api(team), admin).status());
        assertTrue(kc.realm("preset").identityProviders().findAll().stream().noneMatch(i -> i.getAlias().equals("team-" + team)));
    }

    /** A realm not imported from realm-config gets the same flows when its first team IdP is configured. */
    @Test
    void realmCreatedAtRuntimeGetsTheSameBrokerFlowsAsTheImportedRealm() {
        String name = "sso-runtime-" + Long.toString(System.nanoTime(), 36);
        RealmRepresentation realm = new RealmRepresentation();
        realm.setRealm(name);
        realm.setEnabled(true);
        kc.adminClient().realms().create(realm);
        try {
            String teams = kc.baseUrl() + "/admin/realms/" + name + "/teams";
            assertEquals(201, Http.post(teams, kc.adminToken(), Map.of("slug", "rt", "title", "Runtime")).status());
            String cert = kc.realm("preset").identityProviders().get(alias).toRepresentation().getConfig().get("signingCertificate");
            Http.Response idp = Http.put(teams + "/rt/saml", kc.adminToken(), Map.of("singleSignOnServiceUrl",
                    "https://idp.example.test/sso", "idpEntityId", "http://idp.example.test", "signingCertificate", cert));
            assertEquals(201, idp.status(), idp::toString);
            for (String flow : List.of("preset first broker login", "preset post broker login")) {
                assertEquals(executions("preset", flow), executions(name, flow), flow);
            }
            assertTrue(executions(name, "preset first broker login").contains("3 idp-username-password-form REQUIRED"));
            assertFalse(executions(name, "preset first broker login").stream().anyMatch(e -> e.contains("idp-email-verification")));
        } finally {
            kc.realm(name).remove();
        }
    }

    /** A flow's executions as "level provider-or-subflow requirement", in order. */
    private static List<String> executions(String realm, String flow) {
        return kc.realm(realm).flows().getExecutions(flow).stream()
                .map(e -> e.getLevel() + " " + (e.getAuthenticationFlow() != null && e.getAuthenticationFlow()
                        ? e.getDisplayName() : e.getProviderId()) + " " + e.getRequirement())
                .toList();
    }

    // --- the browser

    /**
     * The preset realm's authorization endpoint with {@code kc_idp_hint}, the SAML AuthnRequest posted to
     * the IdP, its login form, and the SAMLResponse posted back to the broker: returns the last page.
     */
    private static Browser.Page signIn(Browser browser, String oktaUser) {
        return signIn(browser, oktaUser, "kc_idp_hint=" + alias);
    }

    private static Browser.Page signIn(Browser browser, String oktaUser, String routing) {
        return okta.signIn(browser, authorizeUrl(routing), oktaUser);
    }

    /** Through the IdP of globex. */
    private static Browser.Page signInGlobex(Browser browser, String oktaUser) {
        return globexOkta.signIn(browser, authorizeUrl("kc_idp_hint=" + globexOkta.alias()), oktaUser);
    }

    /** The "account already exists" page, then "Add to existing account": Keycloak's re-authentication form. */
    private static Browser.Page confirmLink(Browser browser, Browser.Page confirm) {
        assertEquals(200, confirm.status(), confirm::toString);
        assertNull(confirm.location(), "not linked silently: " + confirm);
        Browser.Page password = browser.submit(confirm.form("kc-register-form"), Map.of("submitAction", "linkAccount"));
        assertEquals(200, password.status(), password::toString);
        assertTrue(password.hasForm("kc-form-login"), password::toString);
        return password;
    }

    /** Signs in through acme's IdP, confirms the link and re-authenticates with the account's own password. */
    private static Browser.Page linkWithOwnPassword(String user) {
        Browser browser = new Browser(kc.baseUrl());
        Browser.Page password = confirmLink(browser, signIn(browser, user));
        return browser.submit(password.form("kc-form-login"), Map.of("username", user, "password", OWN_PASSWORD));
    }

    /** A themed error page, no redirect back to the client (so no code, no token). */
    private static void assertRefused(Browser.Page page, String text) {
        assertEquals(403, page.status(), page::toString);
        assertNull(page.location(), page::toString);
        assertTrue(page.text().contains(text), page::text);
    }

    private static List<String> links(String userId) {
        return kc.realm("preset").users().get(userId).getFederatedIdentity().stream()
                .map(FederatedIdentityRepresentation::getIdentityProvider).toList();
    }

    private static String authorizeUrl(String routing) {
        return kc.realmUrl("preset") + "/protocol/openid-connect/auth?client_id=" + CLIENT_ID
                + "&redirect_uri=" + enc(REDIRECT_URI) + "&response_type=code&scope=openid&state=st-1&" + routing;
    }

    /** The authorization code of the redirect back to the client, after a successful sign-in. */
    private static String code(Browser.Page last) {
        assertEquals(302, last.status(), last::toString);
        assertTrue(last.location().startsWith(REDIRECT_URI + "?"), last::toString);
        assertNull(last.locationParameter("error"), last::toString);
        assertEquals("st-1", last.locationParameter("state"), last::toString);
        String code = last.locationParameter("code");
        assertNotNull(code, last::toString);
        return code;
    }

    private static JsonNode exchange(String code) {
        Http.Response r = Http.postForm(kc.tokenEndpoint("preset"), Map.of("grant_type", "authorization_code",
                "client_id", CLIENT_ID, "code", code, "redirect_uri", REDIRECT_URI));
        assertEquals(200, r.status(), r::toString);
        try {
            return Http.MAPPER.readTree(Base64.getUrlDecoder().decode(r.requireJson().path("access_token").asText().split("\\.")[1]));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    // --- set-up

    private static String api(String slug) {
        return kc.baseUrl() + "/admin/realms/preset/teams/" + slug;
    }

    private static String provision(Scim scim, String userName, String given, String family) {
        Http.Response r = scim.post("/Users", Scim.oktaUser(userName, given, family));
        assertEquals(201, r.status(), r::toString);
        return r.requireJson().path("id").asText();
    }

    private static void assertBad(Http.Response r, String detail) {
        assertEquals(400, r.status(), r::toString);
        assertTrue(r.requireJson().path("errorMessage").asText().contains(detail), () -> "expected '" + detail + "': " + r);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
