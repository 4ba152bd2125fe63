package io.preset.teams.sso;

import io.preset.teams.common.DomainException;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OidcSettingsTest {

    private static final String OKTA = "https://acme.okta.com";

    /** Every host is public except internal.example, which resolves to the cloud metadata address. */
    private final IdpDocumentFetcher fetcher = new IdpDocumentFetcher(host -> new InetAddress[]{
            InetAddress.getByName(host.equals("internal.example") ? "169.254.169.254" : "52.1.2.3")}, Set.of(), 1000);

    private static Function<String, String> serving(String issuer, Map<String, String> endpoints) {
        StringBuilder json = new StringBuilder("{\"issuer\":\"" + issuer + "\"");
        endpoints.forEach((k, v) -> json.append(",\"").append(k).append("\":\"").append(v).append('"'));
        String doc = json.append('}').toString();
        return url -> doc;
    }

    private static Map<String, String> oktaEndpoints() {
        return Map.of("authorization_endpoint", OKTA + "/oauth2/v1/authorize", "token_endpoint", OKTA + "/oauth2/v1/token",
                "jwks_uri", OKTA + "/oauth2/v1/keys", "userinfo_endpoint", OKTA + "/oauth2/v1/userinfo");
    }

    private String refusal(String issuer, Function<String, String> get) {
        DomainException e = assertThrows(DomainException.class, () -> OidcSettings.discover(fetcher, issuer, get));
        assertEquals(DomainException.Kind.INVALID, e.kind());
        return e.getMessage();
    }

    @Test
    void oktasDiscoveryGivesTheEndpoints() {
        OidcSettings s = OidcSettings.discover(fetcher, OKTA + "/", serving(OKTA, oktaEndpoints()));
        assertEquals(OKTA, s.issuer());
        assertEquals(OKTA + "/oauth2/v1/token", s.tokenUrl());
        assertEquals(OKTA + "/oauth2/v1/keys", s.jwksUrl());
        assertNull(s.logoutUrl());
    }

    @Test
    void aDocumentNamingAnotherIssuerIsRefused() {
        assertTrue(refusal(OKTA, serving("https://evil.okta.com", oktaEndpoints())).contains("names the issuer"));
    }

    @Test
    void entrasMultiTenantEndpointsAreRefusedBeforeAnyFetch() {
        for (String issuer : new String[] {"https://login.microsoftonline.com/common/v2.0",
                "https://login.microsoftonline.com/organizations/v2.0", "https://login.microsoftonline.com/consumers",
                "https://login.microsoftonline.com/{tenantid}/v2.0"}) {
            assertTrue(refusal(issuer, url -> {
                throw new AssertionError("fetched " + url);
            }).contains("multi-tenant"), issuer);
        }
    }

    @Test
    void endpointsKeycloakCallsMustBePublicHttps() {
        Map<String, String> internal = new java.util.HashMap<>(oktaEndpoints());
        internal.put("token_endpoint", "https://internal.example/token");
        assertTrue(refusal(OKTA, serving(OKTA, internal)).contains("token_endpoint is not usable"));
        Map<String, String> plain = new java.util.HashMap<>(oktaEndpoints());
        plain.put("jwks_uri", "http://acme.okta.com/keys");
        assertTrue(refusal(OKTA, serving(OKTA, plain)).contains("jwks_uri is not usable"));
        Map<String, String> missing = new java.util.HashMap<>(oktaEndpoints());
        missing.remove("token_endpoint");
        assertTrue(refusal(OKTA, serving(OKTA, missing)).contains("no token_endpoint"));
        assertTrue(refusal(OKTA, url -> "<html>not json</html>").contains("not an OpenID Connect discovery document"));
    }
}
