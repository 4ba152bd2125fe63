package io.preset.teams.scim.group;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.preset.teams.group.ScimGroupEntity;
import io.preset.teams.scim.request.ScimCollectionResource;
import io.preset.teams.scim.request.ScimRunner;
import io.preset.teams.scim.request.ScimRequest;
import io.preset.teams.scim.discovery.Discovery;
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
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code /Groups} of one team (Okta "Push groups"). Owns HTTP status, media type, ETags and admin
 * events; the semantics live in {@link GroupService}.
 */
public class GroupsResource extends ScimCollectionResource {

    public GroupsResource(KeycloakSession session, ScimRunner endpoint) {
        super(session, endpoint, "Groups");
    }

    @GET
    public Response list(@QueryParam("filter") String filter, @QueryParam("startIndex") String startIndex,
                         @QueryParam("count") String count, @QueryParam("sortBy") String sortBy,
                         @QueryParam("sortOrder") String sortOrder, @QueryParam("attributes") String attributes,
                         @QueryParam("excludedAttributes") String excludedAttributes) {
        return endpoint.runList(r -> {
            ScimPaging paging = ScimPaging.of(startIndex, count, DEFAULT_COUNT, Discovery.MAX_RESULTS);
            AttributeProjection projection = AttributeProjection.of(ScimResourceType.GROUP, attributes, excludedAttributes);
            return ScimResponses.ok(new GroupQuery(r).list(filter, paging, sortBy, sortOrder, projection,
                    wantsMembers(attributes, excludedAttributes)));
        });
    }

    @POST
    public Response create(byte[] body) {
        return endpoint.run(r -> {
            GroupService groups = new GroupService(r);
            ObjectNode created = groups.create(r.trail().sent(ScimBodies.read(headers(), body)));
            r.trail().result(created);
            String id = created.get("id").textValue();
            r.adminEvent(ResourceType.GROUP.name(), OperationType.CREATE, "groups/" + id, summary(created));
            memberEvents(r, id, created, groups.changes());
            return ScimResponses.status(201, created)
                    .location(URI.create(r.location("/Groups", id)))
                    .tag(ScimVersions.etagOf(created)).build();
        });
    }

    @GET
    @Path("{id}")
    public Response get(@PathParam("id") String id, @QueryParam("attributes") String attributes,
                        @QueryParam("excludedAttributes") String excludedAttributes) {
        return endpoint.run(r -> {
            AttributeProjection projection = AttributeProjection.of(ScimResourceType.GROUP, attributes, excludedAttributes);
            ObjectNode group = new GroupService(r).get(id, wantsMembers(attributes, excludedAttributes));
            return ScimResponses.status(200, projection.apply(group)).tag(ScimVersions.etagOf(group)).build();
        });
    }

    @PUT
    @Path("{id}")
    public Response replace(@PathParam("id") String id, byte[] body) {
        return endpoint.run(r -> {
            GroupService groups = new GroupService(r);
            requireVersion(groups, id);
            ObjectNode updated = groups.replace(id, r.trail().sent(ScimBodies.read(headers(), body)));
            r.trail().result(updated);
            r.adminEvent(ResourceType.GROUP.name(), OperationType.UPDATE, "groups/" + id, summary(updated));
            memberEvents(r, id, updated, groups.changes());
            return ScimResponses.status(200, updated).tag(ScimVersions.etagOf(updated)).build();
        });
    }

    /**
     * With {@code attributes} or {@code excludedAttributes}: 200 with the group as asked ({@code excludedAttributes=members}
     * spares reading the member list). Without: 200 with the whole group while it has at most
     * {@value #PATCH_ANSWER_MEMBERS} members, else {@code 204} with the new ETag, so that a PATCH of a group of
     * 10,000 costs what it costs for an empty one.
     */
    @PATCH
    @Path("{id}")
    public Response patch(@PathParam("id") String id, @QueryParam("attributes") String attributes,
                          @QueryParam("excludedAttributes") String excludedAttributes, byte[] body) {
        return endpoint.run(r -> {
            AttributeProjection projection = AttributeProjection.of(ScimResourceType.GROUP, attributes, excludedAttributes);
            boolean asked = (attributes != null && !attributes.isBlank())
                    || (excludedAttributes != null && !excludedAttributes.isBlank());
            GroupService groups = new GroupService(r);
            requireVersion(groups, id);
            ObjectNode updated = groups.patch(id, r.trail().sent(ScimBodies.read(headers(), body)),
                    asked && wantsMembers(attributes, excludedAttributes));
            r.trail().result(updated);
            r.adminEvent(ResourceType.GROUP.name(), OperationType.UPDATE, "groups/" + id, summary(updated));
            memberEvents(r, id, updated, groups.changes());
            if (asked) {
                return ScimResponses.status(200, projection.apply(updated)).tag(ScimVersions.etagOf(updated)).build();
            }
            ObjectNode whole = groups.patchAnswer(id, PATCH_ANSWER_MEMBERS);
            if (whole == null) {
                return Response.noContent().tag(ScimVersions.etagOf(updated)).build();
            }
            return ScimResponses.status(200, whole).tag(ScimVersions.etagOf(whole)).build();
        });
    }

    /** The largest group whose members a PATCH answers with by default. */
    static final int PATCH_ANSWER_MEMBERS = 100;

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        return endpoint.run(r -> {
            GroupService groups = new GroupService(r);
            requireVersion(groups, id);
            ObjectNode before = groups.get(id, false);
            groups.delete(id);
            r.adminEvent(ResourceType.GROUP.name(), OperationType.DELETE, "groups/" + id, summary(before));
            return Response.noContent().build();
        });
    }

    /** Members are read unless left out by {@code excludedAttributes} or not asked for by {@code attributes}. */
    static boolean wantsMembers(String attributes, String excludedAttributes) {
        if (attributes != null && !attributes.isBlank()) {
            return mentionsMembers(attributes);
        }
        return excludedAttributes == null || !mentionsMembers(excludedAttributes);
    }

    private static boolean mentionsMembers(String list) {
        for (String item : list.split(",")) {
            String name = item.strip().toLowerCase(Locale.ROOT);
            int colon = name.lastIndexOf(':');
            if (colon >= 0) {
                name = name.substring(colon + 1);
            }
            if (name.equals("members") || name.startsWith("members.")) {
                return true;
            }
        }
        return false;
    }

    /** The admin event's representation: the group without its (possibly long) member list. */
    private static Map<String, Object> summary(ObjectNode group) {
        Map<String, Object> rep = new LinkedHashMap<>();
        rep.put("id", group.path("id").asText());
        rep.put("name", group.path("displayName").asText());
        if (group.hasNonNull("externalId")) {
            rep.put("externalId", group.get("externalId").asText());
        }
        return rep;
    }

    private static void memberEvents(ScimRequest r, String groupId, ObjectNode group, GroupService.Changes changes) {
        r.trail().members(changes.joined(), changes.left());
        Map<String, Object> rep = summary(group);
        for (String userId : changes.joined()) {
            r.adminEvent(ResourceType.GROUP_MEMBERSHIP.name(), OperationType.CREATE,
                    "users/" + userId + "/groups/" + groupId, rep);
        }
        for (String userId : changes.left()) {
            r.adminEvent(ResourceType.GROUP_MEMBERSHIP.name(), OperationType.DELETE,
                    "users/" + userId + "/groups/" + groupId, rep);
        }
    }

    private void requireVersion(GroupService groups, String id) {
        ScimVersions.requireMatch(headers(), "group", () -> GroupRepresentation.version(groups.entity(id)));
    }
}
