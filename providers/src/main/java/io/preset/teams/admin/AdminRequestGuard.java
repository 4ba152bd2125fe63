package io.preset.teams.admin;

import io.preset.teams.common.MediaTypeText;
import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

import java.util.regex.Pattern;

/**
 * On our admin API: a Content-Type that cannot be parsed is a 415 in the admin API's error format. Without
 * this, Keycloak's security-headers response filter throws on such a header and Quarkus answers a bare 500;
 * the header is dropped so that the filter gets through.
 */
@Provider
@PreMatching
@Priority(5)
public class AdminRequestGuard implements ContainerRequestFilter {

    private static final Pattern TEAMS = Pattern.compile("/?admin/realms/[^/]+/teams(/.*)?", Pattern.DOTALL);

    @Override
    public void filter(ContainerRequestContext request) {
        String contentType = request.getHeaderString(HttpHeaders.CONTENT_TYPE);
        if (contentType == null || contentType.isBlank() || MediaTypeText.frameworkParses(contentType)
                || !TEAMS.matcher(request.getUriInfo().getPath()).matches()) {
            return;
        }
        request.getHeaders().remove(HttpHeaders.CONTENT_TYPE);
        request.abortWith(AdminResponses.error(Response.Status.UNSUPPORTED_MEDIA_TYPE,
                "The Content-Type header cannot be parsed; send application/json"));
    }
}
