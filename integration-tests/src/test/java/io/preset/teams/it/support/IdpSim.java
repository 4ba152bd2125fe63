package io.preset.teams.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.core.Response;
import org.keycloak.common.util.MultivaluedHashMap;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.ComponentRepresentation;
import org.keycloak.representations.idm.ProtocolMapperRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A team's Okta, played by another realm of the same Keycloak: a SAML app whose SP is the team's identity
 * provider in realm {@code preset} (configured through our admin API from the realm's IdP metadata), its users
 * with one password, and a browser sign-in through the broker (SAML POST binding both ways).
 */
public final class IdpSim {

    public static final String PASSWORD = "Okta-Pass-123";

    private final KeycloakTarget kc;
    private final String realm;
    private final String team;
    private final JsonNode idp;

    private IdpSim(KeycloakTarget kc, String realm, String team, JsonNode idp) {
        this.kc = kc;
        this.realm = realm;
        this.team = team;
        this.idp = idp;
    }

    /** Creates realm {@code realm} (once), the team's SAML identity provider from its metadata, and the SAML app. */
    public static IdpSim create(KeycloakTarget kc, String realm, String team, List<String> emailDomains) {
        createRealm(kc, realm);
        String metadata = Http.get(metadataUrl(kc, realm)).body();
        Http.Response created = Http.put(kc.baseUrl() + "/admin/realms/preset/teams/" + team + "/saml", kc.adminToken(),
                Map.of("metadata", metadata, "emailDomains", emailDomains));
        assertEquals(201, created.status(), created::toString);
        return app(kc, realm, team, created.requireJson());
    }

    /** The IdP's realm, created once; its metadata is at {@link #metadataUrl}. */
    public static void createRealm(KeycloakTarget kc, String realm) {
        if (kc.adminClient().realms().findAll().stream().noneMatch(r -> realm.equals(r.getRealm()))) {
            RealmRepresentation rep = new RealmRepresentation();
            rep.setRealm(realm);
            rep.setEnabled(true);
            kc.adminClient().realms().create(rep);
        }
    }

    /** The IdP starts signing with a new key, published beside its old one (the first half of a key rollover). */
    public static void addSigningKey(KeycloakTarget kc, String realm, String name) {
        ComponentRepresentation key = new ComponentRepresentation();
        key.setName(name);
        key.setProviderId("rsa-generated");
        key.setProviderType(KEY_PROVIDER);
        key.setParentId(kc.adminClient().realm(realm).toRepresentation().getId());
        key.setConfig(new MultivaluedHashMap<>(Map.of("priority", List.of("500"))));
        kc.adminClient().realm(realm).components().add(key).close();
    }

    /** The IdP's original key is gone (the second half of a key rollover). */
    public static void removeOriginalSigningKey(KeycloakTarget kc, String realm) {
        String realmId = kc.adminClient().realm(realm).toRepresentation().getId();
        for (ComponentRepresentation c : kc.adminClient().realm(realm).components().query(realmId, KEY_PROVIDER)) {
            if ("rsa-generated".equals(c.getName())) {
                kc.adminClient().realm(realm).components().component(c.getId()).remove();
            }
        }
    }

    private static final String KEY_PROVIDER = "org.keycloak.keys.KeyProvider";

    /** Okta's "Metadata URL" of the IdP realm (its SAML IdP descriptor). */
    public static String metadataUrl(KeycloakTarget kc, String realm) {
        return kc.realmUrl(realm) + "/protocol/saml/descriptor";
    }

    /** The SAML app for the team's identity provider {@code idp} (as our API shows it), set up some other way. */
    public static IdpSim app(KeycloakTarget kc, String realm, String team, JsonNode idp) {
        return app(kc, realm, team, idp, Claims.OKTA);
    }

    /** The same, sending the attribute statements under {@code claims}' names. */
    public static IdpSim app(KeycloakTarget kc, String realm, String team, JsonNode idp, Claims claims) {
        IdpSim sim = new IdpSim(kc, realm, team, idp);
        sim.samlApp(claims);
        return sim;
    }

    /** The names an IdP gives the email, first and last name statements: Okta's as configured, Entra's claim URIs. */
    public enum Claims {
        OKTA("email", "firstName", "lastName"),
        ENTRA("http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress",
                "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname",
                "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname");

        final String email;
        final String firstName;
        final String lastName;

        Claims(String email, String firstName, String lastName) {
            this.email = email;
            this.firstName = firstName;
            this.lastName = lastName;
        }
    }

    /** The team's identity provider as our admin API returned it. */
    public JsonNode idp() {
        return idp;
    }

    public String realm() {
        return realm;
    }

    public String alias() {
        return "team-" + team;
    }

    /** A user of this IdP (password {@link #PASSWORD}). */
    public void createUser(String username) {
        kc.createUser(realm, username, PASSWORD);
    }

    /**
     * Opens {@code authorizeUrl} (which must route to this IdP), posts the SAML AuthnRequest to the IdP, signs in
     * there as {@code user} and posts the SAMLResponse back to the broker: returns the page that follows.
     */
    public Browser.Page signIn(Browser browser, String authorizeUrl, String user) {
        return signInFrom(browser, browser.open(authorizeUrl), user);
    }

    /**
     * Like {@link #signIn(Browser, String, String)}, from a page that holds the SAML AuthnRequest to this IdP (e.g.
     * what the identifier-first page or the tile's start answered).
     */
    public Browser.Page signInFrom(Browser browser, Browser.Page authnRequest, String user) {
        Browser.Form toIdp = authnRequest.form("/realms/" + realm + "/protocol/saml");
        assertTrue(toIdp.hidden().containsKey("SAMLRequest"), authnRequest::toString);
        Browser.Page login = browser.submit(toIdp, Map.of());
        Browser.Page samlResponse = browser.submit(login.form("kc-form-login"), Map.of("username", user, "password", PASSWORD));
        Browser.Form toBroker = samlResponse.form("/broker/" + alias() + "/endpoint");
        assertTrue(toBroker.hidden().containsKey("SAMLResponse"), samlResponse::toString);
        assertTrue(toBroker.hidden().containsKey("RelayState"), samlResponse::toString);
        return browser.submit(toBroker, Map.of());
    }

    /** Okta's SAML app for the team: SP entity id and ACS are our broker endpoint; signed; NameID email. */
    private void samlApp(Claims claims) {
        String acs = idp.path("acsUrl").asText();
        ClientRepresentation c = new ClientRepresentation();
        c.setClientId(idp.path("spEntityId").asText());
        c.setName("Preset (" + team + ")");
        c.setProtocol("saml");
        c.setEnabled(true);
        c.setRedirectUris(List.of(acs));
        c.setFrontchannelLogout(true);
        c.setFullScopeAllowed(true);
        Map<String, String> attributes = new HashMap<>();
        attributes.put("saml_assertion_consumer_url_post", acs);
        // the IdP's own logout reaches Keycloak's broker endpoint too (front channel, POST)
        attributes.put("saml_single_logout_service_url_post", acs);
        attributes.put("saml.assertion.signature", "true");
        attributes.put("saml.server.signature", "true");
        attributes.put("saml.client.signature", "false");
        attributes.put("saml.authnstatement", "true");
        attributes.put("saml.force.post.binding", "true");
        attributes.put("saml_name_id_format", "email");
        attributes.put("saml_force_name_id_format", "true");
        attributes.put("saml.signature.algorithm", "RSA_SHA256");
        c.setAttributes(attributes);
        c.setProtocolMappers(List.of(attribute(claims.email, "email"), attribute(claims.firstName, "firstName"),
                attribute(claims.lastName, "lastName")));
        try (Response resp = kc.realm(realm).clients().create(c)) {
            assertEquals(201, resp.getStatus(), "creating the SAML app in " + realm);
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
