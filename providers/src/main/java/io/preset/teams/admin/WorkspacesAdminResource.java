package io.preset.teams.admin;

import io.preset.teams.admin.Representations.WorkspaceRep;
import io.preset.teams.common.DomainException;
import io.preset.teams.common.JsonBody;
import io.preset.teams.events.AdminEvents;
import io.preset.teams.forward.ForwardTracker;
import io.preset.teams.team.TeamEntity;
import io.preset.teams.team.TeamStore;
import io.preset.teams.team.WorkspaceEntity;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

import java.util.Set;

/** {@code /admin/realms/{realm}/teams/{slug}/workspaces}. */
public class WorkspacesAdminResource extends TeamSubResource {

    private static final Set<String> FIELDS = Set.of("name", "title");

    WorkspacesAdminResource(KeycloakSession session, AdminPermissionEvaluator auth, AdminEventBuilder adminEvent,
                            TeamStore store, String slug) {
        super(session, auth, adminEvent, store, slug);
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response list() {
        auth.users().requireView();
        return AdminResponses.run(session, () ->
                Response.ok(store.workspaces(store.team(slug)).stream().map(WorkspaceRep::of).toList()).build());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response create(byte[] body) {
        auth.users().requireManage();
        return AdminResponses.run(session, () -> {
            TeamEntity team = store.team(slug);
            JsonBody json = JsonBody.parse(body, FIELDS);
            WorkspaceEntity workspace = store.createWorkspace(team, json.string("name"), json.string("title"));
            WorkspaceRep rep = WorkspaceRep.of(workspace);
            AdminEvents.record(adminEvent, AdminEvents.WORKSPACE, OperationType.CREATE, path(workspace.getName()), rep);
            return Response.created(session.getContext().getUri().getAbsolutePathBuilder().path(workspace.getName()).build())
                    .entity(rep).type(MediaType.APPLICATION_JSON_TYPE).build();
        });
    }

    @GET
    @Path("{name}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response get(@PathParam("name") String name) {
        auth.users().requireView();
        return AdminResponses.run(session, () -> Response.ok(WorkspaceRep.of(store.workspace(store.team(slug), name))).build());
    }

    @PUT
    @Path("{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response update(@PathParam("name") String name, byte[] body) {
        auth.users().requireManage();
        return AdminResponses.run(session, () -> {
            WorkspaceEntity workspace = store.workspace(store.team(slug), name);
            JsonBody json = JsonBody.parse(body, FIELDS);
            if (json.has("name") && !name.equals(json.string("name"))) {
                throw DomainException.invalid("A workspace's name cannot change");
            }
            store.updateWorkspace(workspace, json.string("title"));
            WorkspaceRep rep = WorkspaceRep.of(workspace);
            AdminEvents.record(adminEvent, AdminEvents.WORKSPACE, OperationType.UPDATE, path(name), rep);
            return Response.ok(rep).build();
        });
    }

    @DELETE
    @Path("{name}")
    public Response delete(@PathParam("name") String name) {
        auth.users().requireManage();
        return AdminResponses.run(session, () -> {
            WorkspaceEntity workspace = store.workspace(store.team(slug), name);
            WorkspaceRep rep = WorkspaceRep.of(workspace);
            store.deleteWorkspace(workspace);
            // members with a role there lose it; the target hears PresetNoAccess
            ForwardTracker.touchAll(session, store.realm(), workspace.getTeam());
            AdminEvents.record(adminEvent, AdminEvents.WORKSPACE, OperationType.DELETE, path(name), rep);
            return Response.noContent().build();
        });
    }

    private String path(String name) {
        return "teams/" + slug + "/workspaces/" + name;
    }
}
