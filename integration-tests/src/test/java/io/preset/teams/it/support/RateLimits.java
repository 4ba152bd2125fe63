package io.preset.teams.it.support;

import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.RealmRepresentation;

import java.util.HashMap;
import java.util.Map;

/**
 * The per-team SCIM rate limit override: realm attribute {@value #ATTRIBUTE_PREFIX}{@code <slug>} (requests per
 * minute), read on every request, so tests change it without restarting the server.
 */
public final class RateLimits {

    public static final String ATTRIBUTE_PREFIX = "preset.teams.scim.rateLimitPerMinute.";

    private RateLimits() {
    }

    /** Sets the team's limit (requests per minute per node). */
    public static void set(KeycloakTarget kc, String slug, int perMinute) {
        RealmResource realm = kc.realm(KeycloakTarget.REALM);
        RealmRepresentation rep = realm.toRepresentation();
        Map<String, String> attributes = rep.getAttributes() == null ? new HashMap<>() : new HashMap<>(rep.getAttributes());
        attributes.put(ATTRIBUTE_PREFIX + slug, Integer.toString(perMinute));
        RealmRepresentation update = new RealmRepresentation();
        update.setAttributes(attributes);
        realm.update(update);
    }

    /** A limit that a test suite firing thousands of requests at one team never reaches. */
    public static void relax(KeycloakTarget kc, String slug) {
        set(kc, slug, 1_000_000);
    }
}
