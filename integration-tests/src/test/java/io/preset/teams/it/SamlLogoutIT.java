package io.preset.teams.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.preset.teams.it.support.Browser;
import io.preset.teams.it.support.Http;
import io.preset.teams.it.support.IdpSim;
import io.preset.teams.it.support.KeycloakExtension;
import io.preset.teams.it.support.KeycloakTarget;
import io.preset.teams.it.support.Scim;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;

import static io.preset.teams.it.support.Http.enc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Single logout with a team's SAML IdP whose metadata names a SingleLogoutService: signing out of Preset signs the
 * person out at the IdP as well (SP-initiated, POST binding through the browser), and their Preset tokens stop working.
 */
@ExtendWith(KeycloakExtension.class)
class SamlLogoutIT {

    private static final String CLIENT_ID = "it-logout-login";
    private static final String REDIRECT_URI = "https://app.example.test/logout-callback";
    private static final String AFTER_LOGOUT = "https://app.example.test/signed-out";

    private static KeycloakTarget kc;
    private static String team;
    private static String sim;
    private static IdpSim okta;

    @BeforeAll
    static void setUp(KeycloakTarget target) {
        kc = target;
        kc.ensureCodeFlowClient("preset", CLIENT_ID, REDIRECT_URI);
        org.keycloak.representations.idm.ClientRepresentation client =
                kc.realm("preset").clients().findByClientId(CLIENT_ID).get(0);
        client.setAttributes(new java.util.HashMap<>(client.getAttributes() == null ? Map.of() : client.getAttributes()));
        client.getAttributes().put("post.logout.redirect.uris", AFTER_LOGOUT);
        kc.realm("preset").clients().get(client.getId()).update(client);
        team = Scim.createTeam(kc, "slo");
        sim = "slo-sim-" + team;
        okta = IdpSim.create(kc, sim, team, List.of(team + ".test"));
        assertEquals(200, Http.post(kc.baseUrl() + "/admin/realms/preset/teams/" + team + "/domains/" + team + ".test/verify",
                kc.adminToken(), Map.of("method", "operator")).status());
    }

    /** The IdP's own logout (the person signs out in Okta) sends a LogoutRequest to our ACS URL: Preset's session ends too. */
    @Test
    void signingOutAtTheIdpEndsThePresetSession() {
        String noa = "noa@" + team + ".test";
        okta.createUser(noa);
        Browser browser = new Browser(kc.baseUrl());
        Browser.Page back = okta.signIn(browser, kc.realmUrl("preset") + "/protocol/openid-connect/auth?client_id=" + CLIENT_ID
                + "&redirect_uri=" + enc(REDIRECT_URI) + "&response_type=code&scope=openid&state=st-1&kc_idp_hint=team-" + team, noa);
        Http.Response tokens = Http.postForm(kc.tokenEndpoint("preset"), Map.of("grant_type", "authorization_code",
                "client_id", CLIENT_ID, "code", back.locationParameter("code"), "redirect_uri", REDIRECT_URI));
        assertEquals(200, tokens.status(), tokens::toString);

        Browser.Page page = browser.open(kc.realmUrl(sim) + "/protocol/openid-connect/logout");
        page = browser.submit(page.form("logout-confirm"), Map.of("confirmLogout", "Logout"));
        for (int hop = 0; hop < 6; hop++) {
            if (page.body().contains("/broker/team-" + team + "/endpoint\"")) {
                page = browser.submit(page.form("/broker/team-" + team + "/endpoint"), Map.of());
            } else if (page.body().contains("/realms/" + sim + "/protocol/saml\"")) {
                page = browser.submit(page.form("/realms/" + sim + "/protocol/saml"), Map.of());
            } else {
                break;
            }
        }
        Http.Response refresh = Http.postForm(kc.tokenEndpoint("preset"), Map.of("grant_type", "refresh_token",
                "client_id", CLIENT_ID, "refresh_token", tokens.requireJson().path("refresh_token").asText()));
        assertEquals(400, refresh.status(), "the Preset session ended with the IdP's: " + refresh + "\n" + page);
    }

    /**
     * The IdP signs with a key the team's settings do not know (a certificate rotated without updating Preset): the
     * person gets a page that says so, and the team's provisioning log (the portal's) says why.
     */
    @Test
    void anAssertionWithAnUnknownSignatureIsRefusedWithAClearPageAndTheReasonInTheTeamsLog() {
        String api = kc.baseUrl() + "/admin/realms/preset/teams/" + team;
        JsonNode idp = Http.get(api + "/saml", kc.adminToken()).requireJson();
        String otherCert = Http.get(kc.realmUrl("master") + "/protocol/saml/descriptor").body()
                .replaceAll("(?s).*<ds:X509Certificate>([^<]+)</ds:X509Certificate>.*", "$1");
        Http.Response wrong = Http.put(api + "/saml", kc.adminToken(), Map.of("singleSignOnServiceUrl",
                idp.path("singleSignOnServiceUrl").asText(), "idpEntityId", idp.path("idpEntityId").asText(),
                "signingCertificate", otherCert, "dropPreviousCertificates", true));
        assertEquals(200, wrong.status(), wrong::toString);
        try {
            String max = "max@" + team + ".test";
            okta.createUser(max);
            Browser.Page page = okta.signIn(new Browser(kc.baseUrl()), kc.realmUrl("preset")
                    + "/protocol/openid-connect/auth?client_id=" + CLIENT_ID + "&redirect_uri=" + enc(REDIRECT_URI)
                    + "&response_type=code&scope=openid&state=st-1&kc_idp_hint=team-" + team, max);
            assertTrue(page.location() == null || !page.location().startsWith(REDIRECT_URI), "not signed in: " + page);
            assertTrue(page.text().contains("signature could not be verified") && page.text().contains("Provisioning log"),
                    page::text);
            assertTrue(kc.realm("preset").users().searchByEmail(max, true).isEmpty(), "no account");
            JsonNode log = Http.get(api + "/provisioning-log?status=error", kc.adminToken()).requireJson();
            JsonNode entry = null;
            for (JsonNode e : log) {
                if ("sso".equals(e.path("clientKind").asText())) {
                    entry = e;
                }
            }
            assertNotNull(entry, log::toString);
            assertEquals("invalid_signature", entry.path("scimType").asText(), entry::toString);
            assertTrue(entry.path("detail").asText().contains("signing certificate change"), entry::toString);
            assertEquals("team-" + team, entry.path("clientName").asText(), entry::toString);
        } finally {
            Http.Response restored = Http.put(api + "/saml", kc.adminToken(), Map.of("metadataUrl", IdpSim.metadataUrl(kc, sim),
                    "dropPreviousCertificates", true));
            assertEquals(200, restored.status(), restored::toString);
        }
    }

    @Test
    void signingOutOfPresetSignsOutAtTheIdpToo() {
        JsonNode idp = Http.get(kc.baseUrl() + "/admin/realms/preset/teams/" + team + "/saml", kc.adminToken()).requireJson();
        assertEquals(kc.realmUrl(sim) + "/protocol/saml", idp.path("singleLogoutServiceUrl").asText(), idp::toString);

        String lea = "lea@" + team + ".test";
        okta.createUser(lea);
        Browser browser = new Browser(kc.baseUrl());
        Browser.Page back = okta.signIn(browser, kc.realmUrl("preset") + "/protocol/openid-connect/auth?client_id=" + CLIENT_ID
                + "&redirect_uri=" + enc(REDIRECT_URI) + "&response_type=code&scope=openid&state=st-1&kc_idp_hint=team-" + team, lea);
        String code = back.locationParameter("code");
        assertNotNull(code, back::toString);
        Http.Response tokens = Http.postForm(kc.tokenEndpoint("preset"), Map.of("grant_type", "authorization_code",
                "client_id", CLIENT_ID, "code", code, "redirect_uri", REDIRECT_URI));
        assertEquals(200, tokens.status(), tokens::toString);
        String simUserId = kc.realm(sim).users().searchByUsername(lea, true).get(0).getId();
        assertEquals(1, kc.realm(sim).users().get(simUserId).getUserSessions().size(), "signed in at the IdP");

        // RP-initiated logout at Preset: Keycloak sends the browser to the IdP with a LogoutRequest, the IdP answers
        Browser.Page page = browser.open(kc.realmUrl("preset") + "/protocol/openid-connect/logout?client_id=" + CLIENT_ID
                + "&id_token_hint=" + tokens.requireJson().path("id_token").asText()
                + "&post_logout_redirect_uri=" + enc(AFTER_LOGOUT));
        for (int hop = 0; hop < 4 && page.location() == null; hop++) {
            if (page.body().contains("/realms/" + sim + "/protocol/saml\"")) {
                page = browser.submit(page.form("/realms/" + sim + "/protocol/saml"), Map.of());
            } else if (page.body().contains("/broker/team-" + team + "/endpoint\"")) {
                page = browser.submit(page.form("/broker/team-" + team + "/endpoint"), Map.of());
            } else {
                break;
            }
        }
        assertTrue(page.location() != null && page.location().startsWith(AFTER_LOGOUT), page::toString);
        assertTrue(kc.realm(sim).users().get(simUserId).getUserSessions().isEmpty(), "signed out at the IdP");
        Http.Response refresh = Http.postForm(kc.tokenEndpoint("preset"), Map.of("grant_type", "refresh_token",
                "client_id", CLIENT_ID, "refresh_token", tokens.requireJson().path("refresh_token").asText()));
        assertEquals(400, refresh.status(), "the Preset session is gone: " + refresh);
    }
}
