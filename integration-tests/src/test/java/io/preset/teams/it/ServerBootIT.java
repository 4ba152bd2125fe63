package io.preset.teams.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.preset.teams.it.support.Http;
import io.preset.teams.it.support.KeycloakExtension;
import io.preset.teams.it.support.KeycloakTarget;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.representations.idm.ClientRepresentation;

/** Smoke test of the harness and the packaged extension: server up, realm imported, providers loaded. */
@ExtendWith(KeycloakExtension.class)
class ServerBootIT {

    @Test
    void healthReadyIsUp(KeycloakTarget kc) {
        Http.Response r = Http.get(kc.managementUrl() + "/health/ready");
        assertEquals(200, r.status(), r::toString);
        assertEquals("UP", r.requireJson().path("status").asText(), r::toString);
    }

    @Test
    void presetRealmIsImported(KeycloakTarget kc) {
        Http.Response r = Http.get(kc.realmUrl(KeycloakTarget.REALM) + "/.well-known/openid-configuration");
        assertEquals(200, r.status(), r::toString);
        assertEquals(kc.realmUrl(KeycloakTarget.REALM), r.requireJson().path("issuer").asText());
    }

    @Test
    void oktaScimClientRequiresConsent(KeycloakTarget kc) {
        List<ClientRepresentation> clients = kc.realm(KeycloakTarget.REALM).clients().findByClientId("okta-scim");
        assertEquals(1, clients.size(), "client okta-scim in realm preset");
        assertEquals(Boolean.TRUE, clients.get(0).isConsentRequired(), "okta-scim consentRequired");
    }

    @Test
    void passwordGrantHelperWorks(KeycloakTarget kc) {
        String username = "it-smoke-" + System.nanoTime();
        kc.createUser(KeycloakTarget.REALM, username, "Secret-123");
        String token = kc.userToken(username, "Secret-123");
        Http.Response me = Http.get(kc.realmUrl(KeycloakTarget.REALM) + "/protocol/openid-connect/userinfo", token);
        assertEquals(200, me.status(), me::toString);
        assertEquals(username, me.requireJson().path("preferred_username").asText());
    }

    /** The provider module registers a RealmResourceProvider and an AdminRealmResourceProvider, both with id "teams". */
    @Test
    void teamsProvidersAreLoaded(KeycloakTarget kc) {
        Http.Response r = Http.get(kc.baseUrl() + "/admin/serverinfo", kc.adminToken());
        assertEquals(200, r.status(), r::toString);
        JsonNode providers = r.requireJson().path("providers");
        assertFalse(providers.isMissingNode(), "serverinfo has no providers section");
        assertTrue(spisProviding(providers, "teams").size() > 0,
                () -> "no provider with id 'teams' in /admin/serverinfo; realm-restapi-extension has "
                        + ids(providers, "realm-restapi-extension") + ", admin-realm-restapi-extension has "
                        + ids(providers, "admin-realm-restapi-extension") + " (log: " + kc.logFile() + ")");
        assertAll(
                () -> assertTrue(ids(providers, "realm-restapi-extension").contains("teams"),
                        () -> "realm-restapi-extension providers: " + ids(providers, "realm-restapi-extension")),
                () -> assertTrue(ids(providers, "admin-realm-restapi-extension").contains("teams"),
                        () -> "admin-realm-restapi-extension providers: " + ids(providers, "admin-realm-restapi-extension")));
    }

    private static List<String> spisProviding(JsonNode providers, String providerId) {
        List<String> spis = new ArrayList<>();
        providers.fields().forEachRemaining(e -> {
            if (e.getValue().path("providers").has(providerId)) {
                spis.add(e.getKey());
            }
        });
        return spis;
    }

    private static List<String> ids(JsonNode providers, String spi) {
        List<String> ids = new ArrayList<>();
        providers.path(spi).path("providers").fieldNames().forEachRemaining(ids::add);
        return ids;
    }
}
