package io.preset.teams.scim.user;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.preset.teams.scim.request.ScimCollectionResource;
import io.preset.teams.scim.request.ScimRunner;
import io.preset.teams.scim.request.ScimRequest;
import io.preset.teams.scim.discovery.Discovery;
import io.preset.teams.scim.patch.PatchEngine;
import io.preset.teams.scim.patch.PatchOp;
import io.preset.teams.scim.schema.AttributeProjection;
import io.preset.teams.scim.protocol.ScimBodies;
import io.preset.teams.scim.protocol.ScimPaging;
import io.preset.teams.scim.protocol.ScimResponses;
import io.preset.teams.scim.protocol.ScimVersions;
import io.preset.teams.scim.schema.ScimResourceType;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;

import java.net.URI;
import java.util.List;

/**
 * {@code /Users} of one team. Owns HTTP status, media type, ETags and admin events; the team
 * semantics live in {@link ScimUserService}.
 */
public class UsersResource extends ScimCollectionResource {

    public UsersResource(KeycloakSession session, ScimRunner endpoint) {
        super(session, endpoint, "Users");
    }

    @GET
    public Response list(@QueryParam("filter") String filter, @QueryParam("startIndex") String startIndex,
                         @QueryParam("count") String count, @QueryParam("sortBy") String sortBy,
                         @QueryParam("sortOrder") String sortOrder, @QueryParam("attributes") String attributes,
                         @QueryParam("excludedAttributes") String excludedAttributes) {
        return endpoint.runList(r -> {
            ScimPaging paging = ScimPaging.of(startIndex, count, DEFAULT_COUNT, Discovery.MAX_RESULTS);
            AttributeProjection projection = AttributeProjection.of(ScimResourceType.USER, attributes, excludedAttributes);
            return ScimResponses.ok(new UserQuery(r).list(filter, paging, sortBy, sortOrder, projection));
        });
    }

    @POST
    public Response create(byte[] body) {
        return endpoint.run(r -> {
            ObjectNode created = new ScimUserService(r).create(r.trail().sent(ScimBodies.read(headers(), body)));
            r.trail().result(created);
            String id = created.get("id").textValue();
            r.adminEvent(ResourceType.USER.name(), OperationType.CREATE, "users/" + id, created);
            return ScimResponses.status(201, created)
                    .location(URI.create(r.location("/Users", id)))
                    .tag(ScimVersions.etagOf(created)).build();
        });
    }

    @GET
    @Path("{id}")
    public Response get(@PathParam("id") String id, @QueryParam("attributes") String attributes,
                        @QueryParam("excludedAttributes") String excludedAttributes) {
        return endpoint.run(r -> {
            AttributeProjection projection = AttributeProjection.of(ScimResourceType.USER, attributes, excludedAttributes);
            ObjectNode user = new ScimUserService(r).get(id);
            r.trail().result(user);
            return ScimResponses.status(200, projection.apply(user)).tag(ScimVersions.etagOf(user)).build();
        });
    }

    @PUT
    @Path("{id}")
    public Response replace(@PathParam("id") String id, byte[] body) {
        return endpoint.run(r -> {
            ScimUserService users = new ScimUserService(r);
            users.lockMember(id);
            requireVersion(users, id);
            ObjectNode updated = users.replace(id, r.trail().sent(ScimBodies.read(headers(), body)));
            r.trail().result(updated);
            r.adminEvent(ResourceType.USER.name(), OperationType.UPDATE, "users/" + id, updated);
            return ScimResponses.status(200, updated).tag(ScimVersions.etagOf(updated)).build();
        });
    }

    @PATCH
    @Path("{id}")
    public Response patch(@PathParam("id") String id, byte[] body) {
        return endpoint.run(r -> {
            ScimUserService users = new ScimUserService(r);
            users.lockMember(id);
            requireVersion(users, id);
            PatchEngine engine = new PatchEngine(ScimResourceType.USER);
            List<PatchOp> ops = engine.parse(r.trail().sent(ScimBodies.read(headers(), body)));
            ObjectNode current = users.get(id);
            r.trail().result(current);
            ObjectNode updated = users.replace(id, engine.apply(current, ops));
            r.trail().changed(current, updated);
            r.trail().result(updated);
            r.adminEvent(ResourceType.USER.name(), OperationType.UPDATE, "users/" + id, updated);
            return ScimResponses.status(200, updated).tag(ScimVersions.etagOf(updated)).build();
        });
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        return endpoint.run(r -> {
            ScimUserService users = new ScimUserService(r);
            users.lockMember(id);
            requireVersion(users, id);
            users.delete(id);
            r.adminEvent(ResourceType.USER.name(), OperationType.DELETE, "users/" + id, null);
            return Response.noContent().build();
        });
    }

    private void requireVersion(ScimUserService users, String id) {
        ScimVersions.requireMatch(headers(), "user", () -> UserRepresentation.version(users.member(id)));
    }
}
