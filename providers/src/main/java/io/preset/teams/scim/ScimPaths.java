package io.preset.teams.scim;

import jakarta.ws.rs.core.UriInfo;

import java.util.regex.Pattern;

/** Recognises a team's SCIM paths ({@code realms/{realm}/teams/{slug}/scim/v2/...}) for the JAX-RS filters. */
final class ScimPaths {

    private static final Pattern SCIM = Pattern.compile("/?realms/[^/]+/teams/[^/]+/scim/v2(/.*)?", Pattern.DOTALL);

    private ScimPaths() {
    }

    static boolean isScim(UriInfo uri) {
        return SCIM.matcher(uri.getPath()).matches();
    }
}
