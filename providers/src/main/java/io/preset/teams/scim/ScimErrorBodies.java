package io.preset.teams.scim;

import io.preset.teams.scim.protocol.ScimException;
import io.preset.teams.scim.protocol.ScimResponses;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;

import java.lang.annotation.Annotation;

/**
 * The safety net of SCIM paths: an error that reached the client in another format (Keycloak's
 * {@code {"error": ...}} from its exception mapper, the framework's own pages) becomes SCIM Error JSON with
 * the same status. Our resources and {@link ScimRequestGuard} already answer SCIM Error JSON; this catches
 * what fails outside them, e.g. an exception at commit. A 5xx gets a correlation id, logged here next to
 * Keycloak's own log line with the stack trace.
 */
@Provider
public class ScimErrorBodies implements ContainerResponseFilter {

    private static final MediaType SCIM = new MediaType("application", "scim+json", "utf-8");

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getStatus() < 400 || isScim(response.getMediaType()) || !ScimPaths.isScim(request.getUriInfo())) {
            return;
        }
        int status = response.getStatus();
        ScimException error = status < 500 ? ScimFailures.refused(status)
                : new ScimException(status, null, ScimFailures.internal(null, "SCIM request " + request.getMethod() + " /"
                        + request.getUriInfo().getPath() + " answered " + status + " outside our resources (see the log lines before)")
                        .getMessage());
        response.setEntity(ScimResponses.error(error).getEntity(), new Annotation[0], SCIM);
        OutsideRequests.log(request, error);
    }

    private static boolean isScim(MediaType type) {
        return type != null && "application".equalsIgnoreCase(type.getType()) && "scim+json".equalsIgnoreCase(type.getSubtype());
    }
}
