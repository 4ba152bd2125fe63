package io.preset.teams.bench;

import java.util.List;
import java.util.Map;

import io.preset.teams.it.support.KeycloakTarget;

/**
 * Keycloak's own SCIM preview (feature {@code scim-api}, provider id {@code scim}): realm flag
 * {@code scimApiEnabled}, endpoint {@code /realms/{realm}/scim/v2/{resourceType}}. It takes bearer tokens of the
 * realm from a confidential client whose token carries the endpoint URL as audience; what the caller may do
 * comes from its realm-management roles. Here: client {@code bench-scim} (client credentials), an audience
 * mapper, and manage-users/view-users/query-users/query-groups for its service account.
 */
final class BuiltinScim {

    private static final String CLIENT_ID = "bench-scim";
    private static final String SECRET = "bench-scim-secret";

    private final KeycloakTarget kc;
    private final BenchHttp http;
    private String token;
    private long fetchedAt;

    private BuiltinScim(KeycloakTarget kc, BenchHttp http) {
        this.kc = kc;
        this.http = http;
    }

    static BuiltinScim enable(KeycloakTarget kc, BenchHttp http) {
        String adminRealm = kc.baseUrl() + "/admin/realms/" + KeycloakTarget.REALM;
        String auth = "Bearer " + kc.adminToken();
        http.send("PUT", adminRealm, auth, "application/json", Map.of("scimApiEnabled", true)).expect(204);
        BuiltinScim scim = new BuiltinScim(kc, http);
        http.send("POST", adminRealm + "/clients", auth, "application/json", Map.of(
                "clientId", CLIENT_ID, "publicClient", false, "secret", SECRET, "serviceAccountsEnabled", true,
                "standardFlowEnabled", false, "directAccessGrantsEnabled", false,
                "protocolMappers", List.of(Map.of("name", "scim-audience", "protocol", "openid-connect",
                        "protocolMapper", "oidc-audience-mapper", "config", Map.of(
                                "included.custom.audience", scim.base(), "access.token.claim", "true",
                                "introspection.token.claim", "true"))))).expect(201);
        String clientUuid = http.send("GET", adminRealm + "/clients?clientId=" + CLIENT_ID, auth, "application/json", null)
                .expect(200).json().get(0).path("id").asText();
        String saUser = http.send("GET", adminRealm + "/clients/" + clientUuid + "/service-account-user", auth,
                "application/json", null).expect(200).json().path("id").asText();
        String rmUuid = http.send("GET", adminRealm + "/clients?clientId=realm-management", auth, "application/json", null)
                .expect(200).json().get(0).path("id").asText();
        var roles = new java.util.ArrayList<Object>();
        for (String role : List.of("manage-users", "view-users", "query-users", "query-groups")) {
            roles.add(http.send("GET", adminRealm + "/clients/" + rmUuid + "/roles/" + role, auth, "application/json", null)
                    .expect(200).json());
        }
        http.send("POST", adminRealm + "/users/" + saUser + "/role-mappings/clients/" + rmUuid, auth, "application/json", roles)
                .expect(204);
        return scim;
    }

    String base() {
        return kc.realmUrl(KeycloakTarget.REALM) + "/scim/v2";
    }

    /** A client-credentials token, renewed every minute (the realm's tokens live five). */
    String auth() {
        if (token == null || System.currentTimeMillis() - fetchedAt > 60_000) {
            String form = "grant_type=client_credentials&client_id=" + CLIENT_ID + "&client_secret=" + SECRET;
            token = http.send("POST", kc.tokenEndpoint(KeycloakTarget.REALM), null, "application/x-www-form-urlencoded", form)
                    .expect(200).json().path("access_token").asText();
            fetchedAt = System.currentTimeMillis();
        }
        return "Bearer " + token;
    }
}
