package io.preset.teams.it.support;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** A SCIM client of one team, sending what Okta sends (User-Agent, media types). */
public final class Scim {

    public static final String CORE_USER = "urn:ietf:params:scim:schemas:core:2.0:User";
    public static final String GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
    public static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    public static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    public static final String ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";
    private static final String MEDIA = "application/scim+json; charset=utf-8";

    private final KeycloakTarget kc;
    private final String slug;
    private final String token;
    private final boolean headerMode;

    /** A client sending {@code Authorization: Bearer <token>}. */
    public Scim(KeycloakTarget kc, String slug, String token) {
        this(kc, slug, token, false);
    }

    private Scim(KeycloakTarget kc, String slug, String token, boolean headerMode) {
        this.kc = kc;
        this.slug = slug;
        this.token = token;
        this.headerMode = headerMode;
    }

    /** A SCIM client of the team using a per-team SCIM token minted through the admin API. */
    public static Scim forTeam(KeycloakTarget kc, String slug) {
        return new Scim(kc, slug, mintToken(kc, slug, "IT " + slug));
    }

    /** Mints a SCIM token of the team through the admin API and returns its secret. */
    public static String mintToken(KeycloakTarget kc, String slug, String name) {
        Http.Response r = Http.post(kc.baseUrl() + "/admin/realms/preset/teams/" + slug + "/scim-tokens", kc.adminToken(),
                Map.of("name", name));
        if (r.status() != 201) {
            throw new IllegalStateException("minting a SCIM token for " + slug + ": " + r);
        }
        return r.requireJson().path("token").asText();
    }

    /** The same credential sent the way Okta's Header mode does: {@code Authorization: <token>}. */
    public Scim headerMode() {
        return new Scim(kc, slug, token, true);
    }

    /** The same credential for another team's endpoint. */
    public Scim forSlug(String otherSlug) {
        return new Scim(kc, otherSlug, token, headerMode);
    }

    public String slug() {
        return slug;
    }

    public String token() {
        return token;
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
        Http.Builder request = headerMode ? Http.request(method, base() + path).header("Authorization", token)
                : Http.request(method, base() + path).bearer(token);
        return request
                .header("User-Agent", "Okta SCIM Client 1.0.0")
                .accept("application/scim+json")
                .contentType(MEDIA)
                .body(body).send();
    }

    /**
     * A request with an arbitrary Content-Type (null: none) and a body sent as is: a String (UTF-8), a
     * {@code byte[]} (raw bytes) or an object serialized to JSON.
     */
    public Http.Response raw(String method, String path, String contentType, Object body) {
        Http.Builder request = headerMode ? Http.request(method, base() + path).header("Authorization", token)
                : Http.request(method, base() + path).bearer(token);
        request.header("User-Agent", "Okta SCIM Client 1.0.0").accept("application/scim+json").body(body);
        if (contentType != null) {
            request.contentType(contentType);
        }
        return request.send();
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

    /** Claims {@code domain} for the team and has an operator verify it (admin API). */
    public static void verifyDomain(KeycloakTarget kc, String slug, String domain) {
        String base = kc.baseUrl() + "/admin/realms/preset/teams/" + slug + "/domains";
        Http.Response claimed = Http.post(base, kc.adminToken(), Map.of("domain", domain));
        if (claimed.status() != 201 && claimed.status() != 409) {
            throw new IllegalStateException("claiming " + domain + " for " + slug + ": " + claimed);
        }
        Http.Response verified = Http.post(base + "/" + domain + "/verify", kc.adminToken(), Map.of("method", "operator"));
        if (verified.status() != 200) {
            throw new IllegalStateException("verifying " + domain + " for " + slug + ": " + verified);
        }
    }

    public static JsonNode member(KeycloakTarget kc, String slug, String userId) {
        Http.Response r = Http.get(kc.baseUrl() + "/admin/realms/preset/teams/" + slug + "/members/" + userId, kc.adminToken());
        return r.status() == 404 ? null : r.requireJson();
    }
}
