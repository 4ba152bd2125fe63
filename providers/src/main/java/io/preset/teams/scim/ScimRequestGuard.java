package io.preset.teams.scim;

import io.preset.teams.common.MediaTypeText;
import io.preset.teams.scim.protocol.ScimException;
import io.preset.teams.scim.protocol.ScimMediaTypes;
import io.preset.teams.scim.protocol.ScimResponses;
import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;

import java.util.List;
import java.util.Map;

/**
 * Refuses, on SCIM paths, what Keycloak and the framework would otherwise refuse in their own format (or
 * with a 500) before our resources run, as SCIM Error JSON:
 * <ul>
 *   <li>a control character (U+0000 to U+001F but TAB, LF, CR) in a query parameter: Keycloak's
 *       {@code InvalidQueryParameterFilter} (a pre-matching filter of priority 10, so this one runs first) would
 *       answer {@code {"error":"Blocking invalid query parameter value"}};</li>
 *   <li>a multipart or form body, which the framework parses before any resource method (garbage is a 500);</li>
 *   <li>a Content-Type that cannot be parsed, on which Keycloak's security-headers response filter throws
 *       (a bare Quarkus 500); the header is dropped so that the 415 gets through;</li>
 *   <li>an {@code Accept} that rules out JSON (406, RFC 7644 section 3.8).</li>
 * </ul>
 * A JAX-RS provider in our jar: Keycloak's build (Quarkus) registers {@code @Provider} classes of provider jars.
 */
@Provider
@PreMatching
@Priority(5)
public class ScimRequestGuard implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        if (!ScimPaths.isScim(request.getUriInfo())) {
            return;
        }
        try {
            check(request);
        } catch (ScimException e) {
            request.abortWith(ScimResponses.error(e));
            OutsideRequests.log(request, e);
        }
    }

    private static void check(ContainerRequestContext request) {
        String contentType = request.getHeaderString(HttpHeaders.CONTENT_TYPE);
        if (contentType != null && !contentType.isBlank()) {
            if (!MediaTypeText.frameworkParses(contentType)) {
                request.getHeaders().remove(HttpHeaders.CONTENT_TYPE);
                throw ScimMediaTypes.unparseableContentType();
            }
            MediaType type = MediaTypeText.parse(contentType);
            if (type == null || isForm(type)) {
                ScimMediaTypes.requireJsonContent(contentType); // throws: 415
            }
        }
        ScimMediaTypes.requireJsonAccepted(request.getHeaderString(HttpHeaders.ACCEPT));
        for (Map.Entry<String, List<String>> parameter : request.getUriInfo().getQueryParameters().entrySet()) {
            for (String value : parameter.getValue()) {
                if (value != null && value.chars().anyMatch(ScimRequestGuard::isBlockedControl)) {
                    String detail = "Query parameter '" + parameter.getKey() + "' contains a control character";
                    throw "filter".equals(parameter.getKey()) ? ScimException.invalidFilter(detail) : ScimException.invalidValue(detail);
                }
            }
        }
    }

    /** What Keycloak's InvalidQueryParameterFilter blocks: below U+0020 except TAB, LF and CR. */
    private static boolean isBlockedControl(int c) {
        return c < 0x20 && c != '\t' && c != '\n' && c != '\r';
    }

    private static boolean isForm(MediaType type) {
        return "multipart".equalsIgnoreCase(type.getType())
                || ("application".equalsIgnoreCase(type.getType()) && "x-www-form-urlencoded".equalsIgnoreCase(type.getSubtype()));
    }
}
