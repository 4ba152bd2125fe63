package io.preset.teams.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.preset.teams.it.support.Browser;
import io.preset.teams.it.support.Http;
import io.preset.teams.it.support.IdpSim;
import io.preset.teams.it.support.KeycloakExtension;
import io.preset.teams.it.support.KeycloakTarget;
import io.preset.teams.it.support.Scim;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.representations.idm.UserRepresentation;

import java.util.List;
import java.util.Map;

import static io.preset.teams.it.support.Http.enc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A team whose IdP is Microsoft Entra ID: SAML settings from Entra's "App Federation Metadata Url" through the admin
 * API, assertions with Entra's claim URIs (emailaddress, givenname, surname) instead of Okta's attribute names, and
 * what happens when that URL stops answering (the settings are kept, sign-in goes on, the error is shown).
 */
@ExtendWith(KeycloakExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EntraSsoIT {

    private static final String CLIENT_ID = "it-entra-login";
    private static final String REDIRECT_URI = "https://app.example.test/entra-callback";

    private static KeycloakTarget kc;
    private static String team;
    private static String domain;
    private static String sim;
    private static IdpSim entra;

    @BeforeAll
    static void setUp(KeycloakTarget target) {
        kc = target;
        kc.ensureCodeFlowClient("preset", CLIENT_ID, REDIRECT_URI);
        team = Scim.createTeam(kc, "entra");
        domain = team + ".test";
        Scim.verifyDomain(kc, team, domain);
        sim = "entra-sim-" + team;
        IdpSim.createRealm(kc, sim);
        Http.Response saved = Http.put(api() + "/saml", kc.adminToken(), Map.of("metadataUrl", IdpSim.metadataUrl(kc, sim)));
        assertEquals(201, saved.status(), saved::toString);
        JsonNode idp = saved.requireJson();
        assertEquals(IdpSim.metadataUrl(kc, sim), idp.path("metadata").path("url").asText(), idp::toString);
        assertTrue(idp.path("metadata").path("updatedAt").isNumber(), idp::toString);
        assertTrue(idp.path("metadata").path("lastError").isMissingNode(), idp::toString);
        assertEquals(kc.realmUrl(sim), idp.path("idpEntityId").asText(), idp::toString);
        assertEquals(1, idp.path("signingCertificates").size(), idp::toString);
        entra = IdpSim.app(kc, sim, team, idp, IdpSim.Claims.ENTRA);
    }

    @Test
    @Order(1)
    void entrasClaimUrisFillTheProfileOfAJustInTimeAccount() {
        String mia = "mia@" + domain;
        entra.createUser(mia);
        Browser.Page back = entra.signIn(new Browser(kc.baseUrl()), authorizeUrl(), mia);
        assertCode(back);
        List<UserRepresentation> found = kc.realm("preset").users().searchByEmail(mia, true);
        assertEquals(1, found.size(), "one account, created just in time");
        UserRepresentation user = found.get(0);
        // the sim's user is "Test" / its username: both only reach us through Entra's givenname and surname claims
        assertEquals("Test", user.getFirstName(), "givenname claim");
        assertEquals(mia, user.getLastName(), "surname claim");
        assertEquals("User", Scim.member(kc, team, user.getId()).path("teamRole").path("role").asText());
    }

    @Test
    @Order(2)
    void aMetadataUrlThatStopsAnsweringKeepsTheSettingsAndSaysWhy() {
        JsonNode before = Http.get(api() + "/saml", kc.adminToken()).requireJson();
        Http.Response same = Http.post(api() + "/saml/refresh", kc.adminToken(), Map.of());
        assertEquals(200, same.status(), same::toString);
        assertEquals(before.path("metadata").path("updatedAt").asLong(), same.requireJson().path("metadata").path("updatedAt").asLong(),
                "unchanged metadata changes nothing");

        // Entra's app is moved: its old metadata URL answers 404 from now on
        String gone = sim + "-moved";
        Http.Response moved = Http.put(api() + "/saml", kc.adminToken(), Map.of("metadataUrl",
                kc.realmUrl(gone) + "/protocol/saml/descriptor"));
        assertEquals(400, moved.status(), "a URL that answers no metadata is refused up front: " + moved);
        assertTrue(moved.requireJson().path("errorMessage").asText().contains("answered HTTP 404"), moved::toString);
        IdpSim.createRealm(kc, gone);
        Http.Response saved = Http.put(api() + "/saml", kc.adminToken(), Map.of("metadataUrl", IdpSim.metadataUrl(kc, gone)));
        assertEquals(200, saved.status(), saved::toString);
        kc.adminClient().realm(gone).remove();
        Http.Response failed = Http.post(api() + "/saml/refresh", kc.adminToken(), Map.of());
        assertEquals(200, failed.status(), failed::toString);
        JsonNode kept = failed.requireJson();
        assertTrue(kept.path("metadata").path("lastError").asText().contains("answered HTTP 404"), kept::toString);
        assertTrue(kept.path("metadata").path("lastErrorAt").isNumber(), kept::toString);
        assertEquals(saved.requireJson().path("signingCertificates"), kept.path("signingCertificates"), "settings kept");
        assertEquals(kc.realmUrl(gone), kept.path("idpEntityId").asText(), kept::toString);

        // back to the working URL: the error is gone, Entra's previous certificate stays accepted for the window
        Http.Response restored = Http.put(api() + "/saml", kc.adminToken(), Map.of("metadataUrl", IdpSim.metadataUrl(kc, sim)));
        assertEquals(200, restored.status(), restored::toString);
        assertTrue(restored.requireJson().path("metadata").path("lastError").isMissingNode(), restored::toString);
        assertEquals(saved.requireJson().path("signingCertificates"),
                restored.requireJson().path("previousCertificates").path("certificates"), restored::toString);
        String user = "noah@" + domain;
        entra.createUser(user);
        assertCode(entra.signIn(new Browser(kc.baseUrl()), authorizeUrl(), user));

        // refreshing an IdP whose settings were typed in is a clear 400
        JsonNode current = restored.requireJson();
        Http.Response typed = Http.put(api() + "/saml", kc.adminToken(), Map.of(
                "singleSignOnServiceUrl", current.path("singleSignOnServiceUrl").asText(),
                "idpEntityId", current.path("idpEntityId").asText(),
                "signingCertificate", current.path("signingCertificates").get(0).asText()));
        assertEquals(200, typed.status(), typed::toString);
        assertTrue(typed.requireJson().path("metadata").isMissingNode(), typed::toString);
        Http.Response nothing = Http.post(api() + "/saml/refresh", kc.adminToken(), Map.of());
        assertEquals(400, nothing.status(), nothing::toString);
        assertTrue(nothing.requireJson().path("errorMessage").asText().contains("nothing to refresh"), nothing::toString);
    }

    /**
     * Entra renews its signing certificate: the new one is published, then the old one goes. The background refresh
     * (every 15 s on the test server, 6 h by default) picks both steps up with nobody doing anything, keeps the old
     * certificate accepted for the rollover window, and sign-in goes on with the new key.
     */
    @Test
    @Order(3)
    void aKeyRolloverAtTheIdpIsPickedUpByTheBackgroundRefresh() throws InterruptedException {
        Http.Response byUrl = Http.put(api() + "/saml", kc.adminToken(), Map.of("metadataUrl", IdpSim.metadataUrl(kc, sim),
                "dropPreviousCertificates", true));
        assertEquals(200, byUrl.status(), byUrl::toString);
        String oldCert = byUrl.requireJson().path("signingCertificates").get(0).asText();
        IdpSim.addSigningKey(kc, sim, "rsa-renewed");
        IdpSim.removeOriginalSigningKey(kc, sim);
        JsonNode now = null;
        for (int i = 0; i < 90; i++) {
            now = Http.get(api() + "/saml", kc.adminToken()).requireJson();
            if (!now.path("signingCertificates").get(0).asText().equals(oldCert)
                    && now.path("previousCertificates").path("certificates").size() == 1) {
                break;
            }
            Thread.sleep(1000);
        }
        assertNotNull(now);
        assertEquals(1, now.path("signingCertificates").size(), now::toString);
        assertTrue(!now.path("signingCertificates").get(0).asText().equals(oldCert), "the new certificate is current: " + now);
        assertEquals(oldCert, now.path("previousCertificates").path("certificates").get(0).asText(), now::toString);
        String ivo = "ivo@" + domain;
        entra.createUser(ivo);
        assertCode(entra.signIn(new Browser(kc.baseUrl()), authorizeUrl(), ivo));
    }

    private static void assertCode(Browser.Page last) {
        assertEquals(302, last.status(), last::toString);
        assertTrue(last.location().startsWith(REDIRECT_URI + "?"), last::toString);
        assertNull(last.locationParameter("error"), last::toString);
        assertNotNull(last.locationParameter("code"), last::toString);
    }

    private static String authorizeUrl() {
        return kc.realmUrl("preset") + "/protocol/openid-connect/auth?client_id=" + CLIENT_ID
                + "&redirect_uri=" + enc(REDIRECT_URI) + "&response_type=code&scope=openid&state=st-1&kc_idp_hint=team-" + team;
    }

    private static String api() {
        return kc.baseUrl() + "/admin/realms/preset/teams/" + team;
    }
}
