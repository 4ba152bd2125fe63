package io.preset.teams.it.support;

import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.RealmRepresentation;

import java.util.HashMap;
import java.util.Map;

/**
 * The per-team SCIM limit overrides (docs/security.md, "Limits"): realm attributes read on every request, so tests
 * change them without restarting the server. {@value #ATTRIBUTE_PREFIX}{@code <slug>} is the team's budget in
 * requests per minute for the whole cluster; {@value #CONCURRENT_PREFIX} and {@value #CONCURRENT_LISTS_PREFIX} cap its
 * requests and list requests in flight on each node.
 */
public final class RateLimits {

    public static final String ATTRIBUTE_PREFIX = "preset.teams.scim.rateLimitPerMinute.";
    public static final String CONCURRENT_PREFIX = "preset.teams.scim.concurrentRequests.";
    public static final String CONCURRENT_LISTS_PREFIX = "preset.teams.scim.concurrentListRequests.";

    private RateLimits() {
    }

    /** Sets the team's budget (requests per minute, all nodes together). */
    public static void set(KeycloakTarget kc, String slug, int perMinute) {
        attributes(kc, Map.of(ATTRIBUTE_PREFIX + slug, perMinute));
    }

    /** Caps the team's requests and list requests in flight per node (0: no cap). */
    public static void concurrency(KeycloakTarget kc, String slug, int requests, int lists) {
        attributes(kc, Map.of(CONCURRENT_PREFIX + slug, requests, CONCURRENT_LISTS_PREFIX + slug, lists));
    }

    /** Limits that a test firing thousands of requests, many in parallel, at one team never reaches. */
    public static void relax(KeycloakTarget kc, String slug) {
        attributes(kc, Map.of(ATTRIBUTE_PREFIX + slug, 1_000_000, CONCURRENT_PREFIX + slug, 0, CONCURRENT_LISTS_PREFIX + slug, 0));
    }

    private static void attributes(KeycloakTarget kc, Map<String, Integer> values) {
        RealmResource realm = kc.realm(KeycloakTarget.REALM);
        RealmRepresentation rep = realm.toRepresentation();
        Map<String, String> attributes = rep.getAttributes() == null ? new HashMap<>() : new HashMap<>(rep.getAttributes());
        values.forEach((name, value) -> attributes.put(name, Integer.toString(value)));
        RealmRepresentation update = new RealmRepresentation();
        update.setAttributes(attributes);
        realm.update(update);
    }
}
