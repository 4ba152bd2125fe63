package io.preset.teams.events;

import org.keycloak.events.admin.OperationType;
import org.keycloak.services.resources.admin.AdminEventBuilder;

/**
 * Records admin events for the extension's own resources. Keycloak users and groups changed through
 * SCIM use Keycloak's own resource types so that the admin console shows them beside console changes.
 */
public final class AdminEvents {

    public static final String TEAM = "PRESET_TEAM";
    public static final String WORKSPACE = "PRESET_WORKSPACE";
    public static final String TEAM_MEMBER = "PRESET_TEAM_MEMBER";
    /** A per-team SCIM token; its events never carry the secret or its hash. */
    public static final String SCIM_TOKEN = "PRESET_SCIM_TOKEN";
    /** A team's forwarding settings, resyncs and outbox rows; never carries the token. */
    public static final String FORWARDING = "PRESET_TEAM_FORWARDING";
    /** A team's email-domain claim and its verification. */
    public static final String DOMAIN = "PRESET_TEAM_DOMAIN";
    /** Okta's OAuth connection to a team (its Admins' grants of okta-scim), disconnected in the team portal. */
    public static final String OKTA_CONNECTION = "PRESET_TEAM_OKTA_CONNECTION";
    /** What a pushed group grants (its team role and workspace roles). */
    public static final String GROUP_ROLES = "PRESET_GROUP_ROLES";
    /** A team's SAML identity provider (its single sign-on). */
    public static final String IDENTITY_PROVIDER = "PRESET_TEAM_IDENTITY_PROVIDER";
    /** A pending invitation of an account the team does not own: accepted, declined or revoked. */
    public static final String INVITATION = "PRESET_TEAM_INVITATION";

    private AdminEvents() {
    }

    public static void record(AdminEventBuilder builder, String resourceType, OperationType operation,
                              String resourcePath, Object representation) {
        builder.resource(resourceType)
                .operation(operation)
                .resourcePath(resourcePath)
                .representation(representation)
                .success();
    }
}
