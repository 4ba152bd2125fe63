package io.preset.teams.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** A SCIM client of one team, sending what Okta sends (User-Agent, media types). */
public final class Scim {

    public static final String CORE_USER = "urn:ietf:params:scim:schemas:core:2.0:User";
    public static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    public static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    public static final String ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";
    private static final String MEDIA = "application/scim+json; charset=utf-8";

    private final KeycloakTarget kc;
    private final String slug;
    private final String token;

    public Scim(KeycloakTarget kc, String slug, String token) {
        this.kc = kc;
        this.slug = slug;
        this.token = token;
    }

    public String slug() {
        return slug;
    }

    public String base() {
        return kc.realmUrl(KeycloakTarget.REALM) + "/teams/" + slug + "/scim/v2";
    }

    public Http.Response get(String path) {
        return request("GET", path, null);
    }

    public Http.Response post(String path, Object body) {
        return request("POST", path, body);
    }

    public Http.Response put(String path, Object body) {
        return request("PUT", path, body);
    }

    public Http.Response patch(String path, Object body) {
        return request("PATCH", path, body);
    }

    public Http.Response delete(String path) {
        return request("DELETE", path, null);
    }

    public Http.Response request(String method, String path, Object body) {
        return Http.request(method, base() + path).bearer(token)
                .header("User-Agent", "Okta SCIM Client 1.0.0")
                .accept("application/scim+json")
                .contentType(MEDIA)
                .body(body).send();
    }

    /** {@code /Users?filter=...} with spaces sent as {@code %20}, the way Okta encodes them. */
    public Http.Response filterUsers(String filter) {
        return get("/Users?filter=" + URLEncoder.encode(filter, StandardCharsets.UTF_8).replace("+", "%20"));
    }

    public static Map<String, Object> patch(Map<String, Object>... operations) {
        return Map.of("schemas", List.of(PATCH_OP), "Operations", List.of(operations));
    }

    /** An Okta-style POST /Users body. */
    public static Map<String, Object> oktaUser(String userName, String given, String family) {
        return Map.of(
                "schemas", List.of(CORE_USER),
                "userName", userName,
                "name", Map.of("givenName", given, "familyName", family),
                "emails", List.of(Map.of("primary", true, "value", userName, "type", "work")),
                "displayName", given + " " + family,
                "locale", "en-US",
                "externalId", "00u" + Long.toString(System.nanoTime(), 36),
                "groups", List.of(),
                "password", "Okta-Sync-Password-1",
                "active", true);
    }

    /** A realm user allowed to manage users: the SCIM caller until team-admin OAuth is in place. */
    public static String managerToken(KeycloakTarget kc, String username) {
        String userId = kc.createUser(KeycloakTarget.REALM, username, "Secret-123");
        RealmResource realm = kc.realm(KeycloakTarget.REALM);
        ClientRepresentation rm = realm.clients().findByClientId("realm-management").get(0);
        RoleRepresentation manage = realm.clients().get(rm.getId()).roles().get("manage-users").toRepresentation();
        realm.users().get(userId).roles().clientLevel(rm.getId()).add(List.of(manage));
        return kc.userToken(username, "Secret-123");
    }

    /** Creates a team through the admin API and returns its slug. */
    public static String createTeam(KeycloakTarget kc, String prefix) {
        String slug = prefix + "-" + Long.toString(System.nanoTime(), 36);
        Http.Response r = Http.post(kc.baseUrl() + "/admin/realms/preset/teams", kc.adminToken(),
                Map.of("slug", slug, "title", prefix));
        if (r.status() != 201) {
            throw new IllegalStateException("creating team " + slug + ": " + r);
        }
        return slug;
    }

    public static JsonNode member(KeycloakTarget kc, String slug, String userId) {
        Http.Response r = Http.get(kc.baseUrl() + "/admin/realms/preset/teams/" + slug + "/members/" + userId, kc.adminToken());
        return r.status() == 404 ? null : r.requireJson();
    }
}
