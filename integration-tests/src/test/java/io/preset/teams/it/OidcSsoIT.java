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
import org.keycloak.representations.idm.UserRepresentation;

import java.util.List;
import java.util.Map;

import static io.preset.teams.it.support.Http.enc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A team whose IdP is an OIDC app (Okta's or Entra's), played by another realm of the same Keycloak: the endpoints
 * come from the issuer's discovery document, sign-in is the authorization code flow with PKCE, and the account rules
 * are those of SAML (just in time only in the team's verified domains, the membership check at every login).
 */
@ExtendWith(KeycloakExtension.class)
class OidcSsoIT {

    private static final String CLIENT_ID = "it-oidc-login";
    private static final String REDIRECT_URI = "https://app.example.test/oidc-callback";
    private static final String APP_ID = "preset-app";
    private static final String APP_SECRET = "app-secret-0123456789";

    private static KeycloakTarget kc;
    private static String team;
    private static String domain;
    private static String sim;
    private static JsonNode saved;

    @BeforeAll
    static void setUp(KeycloakTarget target) {
        kc = target;
        kc.ensureCodeFlowClient("preset", CLIENT_ID, REDIRECT_URI);
        team = Scim.createTeam(kc, "oidc");
        domain = team + ".test";
        Scim.verifyDomain(kc, team, domain);
        sim = "oidc-sim-" + team;
        IdpSim.createRealm(kc, sim);
        String redirect = kc.realmUrl("preset") + "/broker/team-" + team + "/endpoint";
        ClientRepresentation app = new ClientRepresentation();
        app.setClientId(APP_ID);
        app.setEnabled(true);
        app.setProtocol("openid-connect");
        app.setPublicClient(false);
        app.setSecret(APP_SECRET);
        app.setStandardFlowEnabled(true);
        app.setRedirectUris(List.of(redirect));
        try (Response r = kc.realm(sim).clients().create(app)) {
            assertEquals(201, r.getStatus());
        }

        Http.Response put = Http.put(api() + "/oidc", kc.adminToken(), Map.of("issuer", kc.realmUrl(sim) + "/",
                "clientId", APP_ID, "clientSecret", APP_SECRET));
        assertEquals(201, put.status(), put::toString);
        saved = put.requireJson();
    }

    @Test
    void theIssuersDiscoveryGivesTheEndpointsAndTheSecretIsNeverShown() {
        assertEquals(kc.realmUrl(sim), saved.path("issuer").asText(), saved::toString);
        assertEquals(kc.realmUrl(sim) + "/protocol/openid-connect/token", saved.path("tokenUrl").asText(), saved::toString);
        assertEquals(kc.realmUrl("preset") + "/broker/team-" + team + "/endpoint", saved.path("redirectUri").asText());
        assertTrue(saved.path("clientSecretSet").asBoolean(), saved::toString);
        JsonNode read = Http.get(api() + "/oidc", kc.adminToken()).requireJson();
        assertFalse(read.toString().contains(APP_SECRET), "the secret is never shown: " + read);
        assertEquals("client_secret_basic", read.path("clientAuthMethod").asText());

        // a save without the secret keeps it; SAML cannot be set while OIDC is the team's; bad issuers are refused
        Http.Response again = Http.put(api() + "/oidc", kc.adminToken(), Map.of("issuer", kc.realmUrl(sim),
                "clientId", APP_ID, "clientAuthMethod", "client_secret_post"));
        assertEquals(200, again.status(), again::toString);
        Http.Response saml = Http.put(api() + "/saml", kc.adminToken(), Map.of("metadataUrl", IdpSim.metadataUrl(kc, sim)));
        assertEquals(409, saml.status(), saml::toString);
        assertTrue(saml.requireJson().path("errorMessage").asText().contains("signs in through OIDC"), saml::toString);
        for (String[] bad : new String[][] {
                {"https://login.microsoftonline.com/common/v2.0", "multi-tenant"},
                {"https://169.254.169.254/", "private or reserved address"},
                {kc.realmUrl("no-such-realm-" + team), "answered HTTP 404"}}) {
            Http.Response r = Http.put(api() + "/oidc", kc.adminToken(), Map.of("issuer", bad[0], "clientId", APP_ID));
            assertEquals(400, r.status(), r::toString);
            assertTrue(r.requireJson().path("errorMessage").asText().contains(bad[1]), r::toString);
        }
        assertEquals(400, Http.put(api() + "/oidc", kc.adminToken(), Map.of("issuer", kc.realmUrl(sim))).status(),
                "a client id is required");
    }

    @Test
    void aPersonOfTheVerifiedDomainSignsInJustInTimeAndOthersAreRefused() {
        String ola = "ola@" + domain;
        kc.createUser(sim, ola, IdpSim.PASSWORD);
        Browser.Page back = signIn(new Browser(kc.baseUrl()), ola);
        assertEquals(302, back.status(), back::toString);
        assertTrue(back.location().startsWith(REDIRECT_URI + "?"), back::toString);
        assertNull(back.locationParameter("error"), back::toString);
        assertNotNull(back.locationParameter("code"), back::toString);
        List<UserRepresentation> found = kc.realm("preset").users().searchByEmail(ola, true);
        assertEquals(1, found.size());
        assertEquals("team-" + team, kc.realm("preset").users().get(found.get(0).getId()).getFederatedIdentity().get(0)
                .getIdentityProvider());
        assertEquals("User", Scim.member(kc, team, found.get(0).getId()).path("teamRole").path("role").asText());

        // someone of a domain the team has not verified gets no account
        String outsider = "out@elsewhere-" + team + ".test";
        kc.createUser(sim, outsider, IdpSim.PASSWORD);
        Browser.Page refused = signIn(new Browser(kc.baseUrl()), outsider);
        assertEquals(403, refused.status(), refused::toString);
        assertTrue(refused.text().contains("can only create accounts in the email domains"), refused::text);
        assertTrue(kc.realm("preset").users().searchByEmail(outsider, true).isEmpty());
    }

    /** The team's hint, the OIDC app's login form, the code back to the broker: returns the last page. */
    private static Browser.Page signIn(Browser browser, String user) {
        Browser.Page login = browser.open(kc.realmUrl("preset") + "/protocol/openid-connect/auth?client_id=" + CLIENT_ID
                + "&redirect_uri=" + enc(REDIRECT_URI) + "&response_type=code&scope=openid&state=st-1&kc_idp_hint=team-" + team);
        assertTrue(login.url().contains("/realms/" + sim + "/"), login::toString);
        return browser.submit(login.form("kc-form-login"), Map.of("username", user, "password", IdpSim.PASSWORD));
    }

    private static String api() {
        return kc.baseUrl() + "/admin/realms/preset/teams/" + team;
    }
}
