package io.preset.teams.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.preset.teams.it.support.Browser;
import io.preset.teams.it.support.Http;
import io.preset.teams.it.support.KeycloakExtension;
import io.preset.teams.it.support.KeycloakTarget;
import io.preset.teams.it.support.Scim;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.representations.idm.AdminEventRepresentation;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.FederatedIdentityRepresentation;
import org.keycloak.representations.idm.IdentityProviderRepresentation;
import org.keycloak.representations.idm.ProtocolMapperRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
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
    private static final String PASSWORD = "Okta-Pass-123";

    private static KeycloakTarget kc;
    private static String acme;
    private static String alias;
    private static Scim acmeScim;

    @BeforeAll
    static void setUp(KeycloakTarget target) {
        kc = target;
        loginClient();
        oktaRealm();
        acme = Scim.createTeam(kc, "acme");
        alias = "team-" + acme;
        acmeScim = Scim.forTeam(kc, acme);

        String metadata = Http.get(kc.realmUrl(OKTA) + "/protocol/saml/descriptor").body();
        Http.Response created = Http.put(api(acme) + "/saml", kc.adminToken(),
                Map.of("metadata", metadata, "emailDomains", List.of("Acme-Sim.test")));
        assertEquals(201, created.status(), created::toString);
        JsonNode idp = created.requireJson();
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

        oktaApp(idp.path("spEntityId").asText(), acs);
    }

    // --- tests

    @Test
    void scimProvisionedUserLandsOnTheirOwnAccountWithTheirRoles() {
        String userId = provision(acmeScim, "Ann.Lee@Acme-Sim.test", "Ann", "Lee");
        assertEquals(201, Http.post(api(acme) + "/workspaces", kc.adminToken(), Map.of("name", "analytics", "title", "Analytics")).status());
        Http.Response roles = Http.put(api(acme) + "/members/" + userId, kc.adminToken(),
                Map.of("teamRole", "Admin", "workspaceRoles", Map.of("analytics", "PresetAlpha")));
        assertEquals(200, roles.status(), roles::toString);
        kc.createUser(OKTA, "ann.lee@acme-sim.test", PASSWORD);

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

    @Test
    void memberOfAnotherTeamIsRefusedAndNothingIsLinked() {
        String globex = Scim.createTeam(kc, "globex");
        // globex's own domain: acme verified acme-sim.test, so an account there would be acme's
        String bobId = provision(Scim.forTeam(kc, globex), "bob@globex-sim.test", "Bob", "Stone");
        kc.createUser(OKTA, "bob@globex-sim.test", PASSWORD);

        Browser.Page refused = signIn(new Browser(kc.baseUrl()), "bob@globex-sim.test");
        assertEquals(403, refused.status(), refused::toString);
        assertNull(refused.location(), refused::toString);
        assertTrue(refused.text().contains("is not a member of the Preset team acme"), refused::text);

        assertTrue(kc.realm("preset").users().get(bobId).getFederatedIdentity().isEmpty(), "no link was created");
        assertNull(Scim.member(kc, acme, bobId), "bob did not join acme");
        assertEquals(1, kc.realm("preset").users().searchByEmail("bob@globex-sim.test", true).size(), "no new account");
        assertEquals("User", Scim.member(kc, globex, bobId).path("teamRole").path("role").asText(), "globex untouched");
    }

    @Test
    void deactivatedMemberIsRefused() {
        String userId = provision(acmeScim, "dora@acme-sim.test", "Dora", "Diaz");
        Http.Response off = acmeScim.patch("/Users/" + userId, Scim.patch(Map.of("op", "replace", "value", Map.of("active", false))));
        assertEquals(200, off.status(), off::toString);
        kc.createUser(OKTA, "dora@acme-sim.test", PASSWORD);

        Browser.Page refused = signIn(new Browser(kc.baseUrl()), "dora@acme-sim.test");
        assertEquals(403, refused.status(), refused::toString);
        assertTrue(kc.realm("preset").users().get(userId).getFederatedIdentity().isEmpty(), "no link was created");
    }

    @Test
    void linkedMemberDeactivatedLaterIsRefusedUntilReactivated() {
        String userId = provision(acmeScim, "finn@acme-sim.test", "Finn", "Frost");
        kc.createUser(OKTA, "finn@acme-sim.test", PASSWORD);
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
        kc.createUser(OKTA, "carol.jit@acme-sim.test", PASSWORD);
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
        kc.createUser(OKTA, "erin@acme-sim.test", PASSWORD);
        JsonNode token = exchange(code(signIn(new Browser(kc.baseUrl()), "erin@acme-sim.test",
                "login_hint=" + enc("Erin@ACME-SIM.test"))));
        assertEquals(userId, token.path("sub").asText(), token::toString);

        // another domain: Keycloak's own login form
        Browser.Page form = new Browser(kc.baseUrl()).open(authorizeUrl("login_hint=" + enc("someone@elsewhere.test")));
        assertTrue(form.hasForm("kc-form-login"), form::toString);
        // a domain the team claims without having verified it routes nothing
        assertEquals(201, Http.post(api(acme) + "/domains", kc.adminToken(), Map.of("domain", "acme-unverified.test")).status());
        Browser.Page unverified = new Browser(kc.baseUrl()).open(authorizeUrl("login_hint=" + enc("erin@acme-unverified.test")));
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
        assertEquals(3, kc.realm("preset").identityProviders().get("team-" + team).getMappers().size());

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

    // --- the browser

    /**
     * The preset realm's authorization endpoint with {@code kc_idp_hint}, the SAML AuthnRequest posted to
     * the IdP, its login form, and the SAMLResponse posted back to the broker: returns the last page.
     */
    private static Browser.Page signIn(Browser browser, String oktaUser) {
        return signIn(browser, oktaUser, "kc_idp_hint=" + alias);
    }

    private static Browser.Page signIn(Browser browser, String oktaUser, String routing) {
        Browser.Page authnRequest = browser.open(authorizeUrl(routing));
        Browser.Form toIdp = authnRequest.form("/realms/" + OKTA + "/protocol/saml");
        assertTrue(toIdp.hidden().containsKey("SAMLRequest"), authnRequest::toString);
        Browser.Page login = browser.submit(toIdp, Map.of());
        Browser.Page samlResponse = browser.submit(login.form("kc-form-login"), Map.of("username", oktaUser, "password", PASSWORD));
        Browser.Form toBroker = samlResponse.form("/broker/" + alias + "/endpoint");
        assertTrue(toBroker.hidden().containsKey("SAMLResponse"), samlResponse::toString);
        assertTrue(toBroker.hidden().containsKey("RelayState"), samlResponse::toString);
        return browser.submit(toBroker, Map.of());
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

    /** A public OIDC client of realm preset for the authorization code flow, with the preset_teams mapper. */
    private static void loginClient() {
        if (!kc.realm("preset").clients().findByClientId(CLIENT_ID).isEmpty()) {
            return;
        }
        ClientRepresentation c = new ClientRepresentation();
        c.setClientId(CLIENT_ID);
        c.setEnabled(true);
        c.setProtocol("openid-connect");
        c.setPublicClient(true);
        c.setStandardFlowEnabled(true);
        c.setDirectAccessGrantsEnabled(false);
        c.setRedirectUris(List.of(REDIRECT_URI));
        c.setFullScopeAllowed(true);
        ProtocolMapperRepresentation mapper = new ProtocolMapperRepresentation();
        mapper.setName("preset-teams");
        mapper.setProtocol("openid-connect");
        mapper.setProtocolMapper("preset-teams-roles-mapper");
        mapper.setConfig(Map.of("access.token.claim", "true", "id.token.claim", "true", "userinfo.token.claim", "true"));
        c.setProtocolMappers(List.of(mapper));
        try (Response resp = kc.realm("preset").clients().create(c)) {
            assertEquals(201, resp.getStatus(), "creating " + CLIENT_ID);
        }
    }

    private static void oktaRealm() {
        if (kc.adminClient().realms().findAll().stream().anyMatch(r -> OKTA.equals(r.getRealm()))) {
            return;
        }
        RealmRepresentation realm = new RealmRepresentation();
        realm.setRealm(OKTA);
        realm.setEnabled(true);
        kc.adminClient().realms().create(realm);
    }

    /** Okta's SAML app for the team: SP entity id and ACS are our broker endpoint; signed; NameID email. */
    private static void oktaApp(String spEntityId, String acs) {
        ClientRepresentation c = new ClientRepresentation();
        c.setClientId(spEntityId);
        c.setName("Preset (" + acme + ")");
        c.setProtocol("saml");
        c.setEnabled(true);
        c.setRedirectUris(List.of(acs));
        c.setFrontchannelLogout(true);
        c.setFullScopeAllowed(true);
        Map<String, String> attributes = new HashMap<>();
        attributes.put("saml_assertion_consumer_url_post", acs);
        attributes.put("saml.assertion.signature", "true");
        attributes.put("saml.server.signature", "true");
        attributes.put("saml.client.signature", "false");
        attributes.put("saml.authnstatement", "true");
        attributes.put("saml.force.post.binding", "true");
        attributes.put("saml_name_id_format", "email");
        attributes.put("saml_force_name_id_format", "true");
        attributes.put("saml.signature.algorithm", "RSA_SHA256");
        c.setAttributes(attributes);
        c.setProtocolMappers(List.of(attribute("email", "email"), attribute("firstName", "firstName"), attribute("lastName", "lastName")));
        try (Response resp = kc.realm(OKTA).clients().create(c)) {
            assertEquals(201, resp.getStatus(), "creating the okta-sim SAML app");
        }
    }

    /** Okta's attribute statement: name {@code name}, value the user's {@code property}. */
    private static ProtocolMapperRepresentation attribute(String name, String property) {
        ProtocolMapperRepresentation mapper = new ProtocolMapperRepresentation();
        mapper.setName(name);
        mapper.setProtocol("saml");
        mapper.setProtocolMapper("saml-user-property-mapper");
        mapper.setConfig(Map.of("user.attribute", property, "attribute.name", name, "attribute.nameformat", "Basic",
                "friendly.name", name));
        return mapper;
    }

}
