package io.preset.teams.scim.request;

import io.preset.teams.auth.ScimCaller;
import io.preset.teams.scim.log.ProvisioningTrail;
import io.preset.teams.team.TeamEntity;
import io.preset.teams.team.TeamStore;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * One authenticated, authorized SCIM request of one team; {@code trail} is what its team's provisioning log will
 * keep of it (resources add what was sent and what changed).
 */
public record ScimRequest(KeycloakSession session, RealmModel realm, TeamEntity team, TeamStore store,
                          ScimCaller caller, String baseUri, ProvisioningTrail trail) {

    /** Absolute URI of a resource, for {@code meta.location} and {@code Location}. */
    public String location(String endpoint, String id) {
        return baseUri + endpoint + "/" + id;
    }

    /** Records a Keycloak admin event of this request, attributed to the caller. */
    public void adminEvent(String resourceType, OperationType operation, String resourcePath, Object representation) {
        caller.adminEvent(session, realm)
                .resource(resourceType)
                .operation(operation)
                .resourcePath(resourcePath)
                .representation(representation)
                .detail("team", team.getSlug())
                .detail("channel", "scim")
                .success();
    }
}
