package io.preset.teams.scim;

import io.preset.teams.scim.discovery.Discovery;
import io.preset.teams.scim.group.GroupsResource;
import io.preset.teams.scim.protocol.ScimException;
import io.preset.teams.scim.protocol.ScimResponses;
import io.preset.teams.scim.user.UsersResource;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.KeycloakSession;

/** A thin router of one team's SCIM tenant; anything it does not know is a SCIM 404. */
public class ScimRouter {

    private final KeycloakSession session;
    private final ScimEndpoint endpoint;

    ScimRouter(KeycloakSession session, ScimEndpoint endpoint) {
        this.session = session;
        this.endpoint = endpoint;
    }

    @GET
    @Path("ServiceProviderConfig")
    public Response serviceProviderConfig() {
        return endpoint.run(r -> ScimResponses.ok(new Discovery(r.baseUri()).serviceProviderConfig()));
    }

    @GET
    @Path("ResourceTypes")
    public Response resourceTypes() {
        return endpoint.run(r -> ScimResponses.ok(new Discovery(r.baseUri()).resourceTypes()));
    }

    @GET
    @Path("ResourceTypes/{name}")
    public Response resourceType(@PathParam("name") String name) {
        return endpoint.run(r -> ScimResponses.ok(new Discovery(r.baseUri()).resourceType(name)));
    }

    @GET
    @Path("Schemas")
    public Response schemas() {
        return endpoint.run(r -> ScimResponses.ok(new Discovery(r.baseUri()).schemas()));
    }

    @GET
    @Path("Schemas/{urn}")
    public Response schema(@PathParam("urn") String urn) {
        return endpoint.run(r -> ScimResponses.ok(new Discovery(r.baseUri()).schema(urn)));
    }

    @Path("Users")
    public UsersResource users() {
        return new UsersResource(session, endpoint);
    }

    @Path("Groups")
    public GroupsResource groups() {
        return new GroupsResource(session, endpoint);
    }

    @GET
    @Path("{any: .*}")
    public Response unknownGet(@PathParam("any") String any) {
        return unknown(any, "GET");
    }

    @POST
    @Path("{any: .*}")
    public Response unknownPost(@PathParam("any") String any) {
        return unknown(any, "POST");
    }

    @PUT
    @Path("{any: .*}")
    public Response unknownPut(@PathParam("any") String any) {
        return unknown(any, "PUT");
    }

    @PATCH
    @Path("{any: .*}")
    public Response unknownPatch(@PathParam("any") String any) {
        return unknown(any, "PATCH");
    }

    @DELETE
    @Path("{any: .*}")
    public Response unknownDelete(@PathParam("any") String any) {
        return unknown(any, "DELETE");
    }

    private Response unknown(String path, String method) {
        // authenticate first so that unknown paths do not reveal which teams exist
        return endpoint.run(r -> {
            if (!method.equals("GET") && isDiscovery(path)) {
                throw new ScimException(405, null, method + " is not allowed on '/" + path + "': discovery is read-only (GET)");
            }
            throw ScimException.notFound("No SCIM endpoint '/" + path + "'");
        });
    }

    private static boolean isDiscovery(String path) {
        String first = path.contains("/") ? path.substring(0, path.indexOf('/')) : path;
        return first.equals("ServiceProviderConfig") || first.equals("ResourceTypes") || first.equals("Schemas");
    }
}
