package io.preset.teams.portal;

import io.preset.teams.common.MediaTypeText;
import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * On the portal's paths: a Content-Type that cannot be parsed is a 415 in the portal's error format, not the bare
 * 500 that Keycloak's security-headers filter would cause (as {@code AdminRequestGuard} does for the admin API).
 */
@Provider
@PreMatching
@Priority(5)
public class PortalRequestGuard implements ContainerRequestFilter {

    private static final Pattern PORTAL = Pattern.compile("/?realms/[^/]+/teams/([^/]+/)?portal(/.*)?", Pattern.DOTALL);

    @Override
    public void filter(ContainerRequestContext request) {
        String contentType = request.getHeaderString(HttpHeaders.CONTENT_TYPE);
        if (contentType == null || contentType.isBlank() || MediaTypeText.frameworkParses(contentType)
                || !PORTAL.matcher(request.getUriInfo().getPath()).matches()) {
            return;
        }
        request.getHeaders().remove(HttpHeaders.CONTENT_TYPE);
        request.abortWith(PortalResponses.json(Response.status(415)
                .entity(Map.of("error", "The Content-Type header cannot be parsed; send application/json"))).build());
    }
}
