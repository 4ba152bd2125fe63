package io.preset.teams.admin;

import io.preset.teams.common.JsonBody;
import io.preset.teams.events.AdminEvents;
import io.preset.teams.group.ScimGroupEntity;
import io.preset.teams.group.TeamGroupStore;
import io.preset.teams.mapping.GroupRoleMappings;
import io.preset.teams.mapping.GroupRolesRep;
import io.preset.teams.team.TeamEntity;
import io.preset.teams.team.TeamStore;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
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

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code /admin/realms/{realm}/teams/{slug}/groups}: the team's pushed groups and their role
 * mappings. A mapping grants its team role and workspace roles to every member of the group; the
 * effective roles of members are computed from it on every read.
 */
public class GroupsAdminResource extends TeamSubResource {

    public record GroupRep(String id, String displayName, String externalId, String path, long createdAt,
                           long lastModified, GroupRolesRep roles) {
    }

    private final TeamGroupStore groups;

    GroupsAdminResource(KeycloakSession session, AdminPermissionEvaluator auth, AdminEventBuilder adminEvent,
                        TeamStore store, String slug) {
        super(session, auth, adminEvent, store, slug);
        this.groups = new TeamGroupStore(session, store.realm());
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response list() {
        auth.users().requireView();
        return AdminResponses.run(session, () -> {
            TeamEntity team = store.team(slug);
            List<TeamGroupStore.Listed> listed = groups.listed(team);
            Map<String, TeamGroupStore.Mapping> mappings = groups.mappings(listed.stream().map(l -> l.entity().getGroupId()).toList());
            List<GroupRep> out = new ArrayList<>();
            for (TeamGroupStore.Listed group : listed) {
                out.add(represent(team, group.entity(), group.name(), mappings.get(group.entity().getGroupId())));
            }
            return Response.ok(out).build();
        });
    }

    @GET
    @Path("{groupId}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response get(@PathParam("groupId") String groupId) {
        auth.users().requireView();
        return AdminResponses.run(session, () -> {
            TeamEntity team = store.team(slug);
            ScimGroupEntity entity = group(team, groupId);
            return Response.ok(represent(team, entity, groups.group(entity).getName(), groups.mapping(groupId))).build();
        });
    }

    @GET
    @Path("{groupId}/roles")
    @Produces(MediaType.APPLICATION_JSON)
    public Response roles(@PathParam("groupId") String groupId) {
        auth.users().requireView();
        return AdminResponses.run(session, () -> {
            group(store.team(slug), groupId);
            return Response.ok(GroupRolesRep.of(groups.mapping(groupId))).build();
        });
    }

    /** Replaces the group's mapping: {@code {teamRole, workspaceRoles: {name: role}}}. */
    @PUT
    @Path("{groupId}/roles")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response setRoles(@PathParam("groupId") String groupId, byte[] body) {
        auth.users().requireManage();
        return AdminResponses.run(session, () -> {
            GroupRoleMappings mappings = new GroupRoleMappings(session, store.realm());
            TeamEntity team = store.team(slug);
            mappings.apply(mappings.parse(team, groupId, JsonBody.parse(body, GroupRoleMappings.FIELDS)));
            GroupRolesRep rep = GroupRolesRep.of(groups.mapping(groupId));
            AdminEvents.record(adminEvent, AdminEvents.GROUP_ROLES, OperationType.UPDATE,
                    "teams/" + slug + "/groups/" + groupId + "/roles", rep);
            return Response.ok(rep).build();
        });
    }

    private ScimGroupEntity group(TeamEntity team, String groupId) {
        return new GroupRoleMappings(session, store.realm()).pushedGroup(team, groupId);
    }

    private static GroupRep represent(TeamEntity team, ScimGroupEntity entity, String name, TeamGroupStore.Mapping mapping) {
        return new GroupRep(entity.getGroupId(), name, entity.getExternalId(),
                "/" + TeamGroupStore.PARENT_PREFIX + team.getSlug() + "/" + name,
                entity.getCreatedAt(), entity.getLastModified(),
                mapping == null ? new GroupRolesRep(null, Map.of()) : GroupRolesRep.of(mapping));
    }
}
