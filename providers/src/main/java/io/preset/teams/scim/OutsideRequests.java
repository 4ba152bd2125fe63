package io.preset.teams.scim;

import io.preset.teams.scim.log.ProvisioningLog;
import io.preset.teams.scim.log.ProvisioningTrail;
import io.preset.teams.scim.protocol.ScimException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;

/** Logs to the team's provisioning log a SCIM request answered by a JAX-RS filter rather than {@link ScimEndpoint}. */
final class OutsideRequests {

    private OutsideRequests() {
    }

    static void log(ContainerRequestContext request, ScimException error) {
        ProvisioningTrail trail = ProvisioningTrail.of(request.getMethod(), request.getUriInfo().getPath(),
                request.getUriInfo().getQueryParameters().getFirst("filter"), request.getHeaderString(HttpHeaders.USER_AGENT));
        if (trail != null) {
            ProvisioningLog.outside(trail, error);
        }
    }
}
