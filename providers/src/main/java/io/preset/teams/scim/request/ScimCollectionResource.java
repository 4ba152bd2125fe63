package io.preset.teams.scim.request;

import io.preset.teams.scim.protocol.ScimException;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.KeycloakSession;

/**
 * What every SCIM collection ({@code /Users}, {@code /Groups}) refuses, as SCIM Error JSON rather than
 * the framework's own 405: writes on the collection itself and POST on a resource (no {@code .search}).
 */
public abstract class ScimCollectionResource {

    /** {@code count} when the client gives none (Okta pages by 100). */
    protected static final int DEFAULT_COUNT = 100;

    protected final KeycloakSession session;
    protected final ScimRunner endpoint;
    private final String name;

    protected ScimCollectionResource(KeycloakSession session, ScimRunner endpoint, String name) {
        this.session = session;
        this.endpoint = endpoint;
        this.name = name;
    }

    protected HttpHeaders headers() {
        return session.getContext().getRequestHeaders();
    }

    @PUT
    public Response putCollection() {
        return notAllowed("PUT");
    }

    @PATCH
    public Response patchCollection() {
        return notAllowed("PATCH");
    }

    @DELETE
    public Response deleteCollection() {
        return notAllowed("DELETE");
    }

    @POST
    @Path("{id}")
    public Response postResource(@PathParam("id") String id) {
        return endpoint.run(r -> {
            throw ScimException.notFound(".search and POST on a resource of /" + name + " are not supported");
        });
    }

    private Response notAllowed(String method) {
        return endpoint.run(r -> {
            throw new ScimException(405, null, method + " is not allowed on /" + name);
        });
    }
}
