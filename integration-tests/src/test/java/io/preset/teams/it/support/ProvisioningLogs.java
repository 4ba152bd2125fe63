package io.preset.teams.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.RealmRepresentation;

import java.util.HashMap;
import java.util.Map;

/**
 * A team's provisioning log through the admin API, and its per-team limits (realm attributes read at each pruning
 * round; the IT server prunes every few seconds, see kc.test.args in integration-tests/pom.xml).
 */
public final class ProvisioningLogs {

    public static final String RETENTION_PREFIX = "preset.teams.scim.log.retention.";
    public static final String MAX_ROWS_PREFIX = "preset.teams.scim.log.maxRows.";

    private ProvisioningLogs() {
    }

    public static String url(KeycloakTarget kc, String slug) {
        return kc.baseUrl() + "/admin/realms/" + KeycloakTarget.REALM + "/teams/" + slug + "/provisioning-log";
    }

    /** The log's entries (JSON, newest first) for a query such as {@code ?status=409}, or "" for all. */
    public static JsonNode read(KeycloakTarget kc, String slug, String query) {
        Http.Response r = Http.get(url(kc, slug) + query, kc.adminToken());
        if (r.status() != 200) {
            throw new IllegalStateException("reading the provisioning log of " + slug + query + ": " + r);
        }
        return r.requireJson();
    }

    /** Sets the team's retention (e.g. {@code 1s}) and size; null leaves one as it is. */
    public static void limits(KeycloakTarget kc, String slug, String retention, Integer maxRows) {
        RealmResource realm = kc.realm(KeycloakTarget.REALM);
        RealmRepresentation rep = realm.toRepresentation();
        Map<String, String> attributes = rep.getAttributes() == null ? new HashMap<>() : new HashMap<>(rep.getAttributes());
        if (retention != null) {
            attributes.put(RETENTION_PREFIX + slug, retention);
        }
        if (maxRows != null) {
            attributes.put(MAX_ROWS_PREFIX + slug, Integer.toString(maxRows));
        }
        RealmRepresentation update = new RealmRepresentation();
        update.setAttributes(attributes);
        realm.update(update);
    }
}
