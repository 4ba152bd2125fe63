package io.preset.teams.admin;

import io.preset.teams.admin.Representations.InvitationRep;
import io.preset.teams.admin.Representations.MemberPageRep;
import io.preset.teams.admin.Representations.MemberRep;
import io.preset.teams.auth.AdminRevocation;
import io.preset.teams.common.DomainException;
import io.preset.teams.common.JsonBody;
import io.preset.teams.events.AdminEvents;
import io.preset.teams.forward.ForwardTracker;
import io.preset.teams.group.TeamGroupStore;
import io.preset.teams.invitation.Invitations;
import io.preset.teams.roles.RoleResolver;
import io.preset.teams.team.MemberEntity;
import io.preset.teams.team.TeamEntity;
import io.preset.teams.team.TeamRole;
import io.preset.teams.team.TeamStore;
import io.preset.teams.team.WorkspaceRole;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code /admin/realms/{realm}/teams/{slug}/members}: members with direct and effective roles. */
public class MembersAdminResource extends TeamSubResource {

    private static final Set<String> FIELDS = Set.of("teamRole", "workspaceRoles");

    MembersAdminResource(KeycloakSession session, AdminPermissionEvaluator auth, AdminEventBuilder adminEvent,
                         TeamStore store, String slug) {
        super(session, auth, adminEvent, store, slug);
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response list(@QueryParam("first") String firstParam, @QueryParam("max") String maxParam) {
        auth.users().requireView();
        return AdminResponses.run(session, () -> {
            AdminPage paging = AdminPage.of(firstParam, maxParam);
            TeamEntity team = store.team(slug);
            List<MemberRep> page = store.members(team, paging.first(), paging.max()).stream().map(this::represent).toList();
            return Response.ok(new MemberPageRep(store.countMembers(team), paging.first(), paging.max(), page)).build();
        });
    }

    @GET
    @Path("{userId}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response get(@PathParam("userId") String userId) {
        auth.users().requireView();
        return AdminResponses.run(session, () -> Response.ok(represent(member(store.team(slug), userId))).build());
    }

    /**
     * Sets the direct roles; adds the user to the team, or reactivates them, when needed. On a pending invitation
     * this is the operator adding the member: the invitation is accepted first (its own admin event).
     */
    @PUT
    @Path("{userId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response put(@PathParam("userId") String userId, byte[] body) {
        auth.users().requireManage();
        return AdminResponses.run(session, () -> {
            TeamEntity team = store.team(slug);
            UserModel user = user(userId);
            JsonBody json = JsonBody.parse(body, FIELDS);
            TeamRole teamRole = json.has("teamRole") ? TeamRole.parse(json.string("teamRole")) : TeamRole.User;
            Map<String, WorkspaceRole> byName = new LinkedHashMap<>();
            json.stringMap("workspaceRoles").forEach((name, role) -> byName.put(name, WorkspaceRole.parse(role)));
            var workspaceRoles = store.resolveWorkspaceRoles(team, byName);

            MemberEntity member = store.findMember(team, user.getId()).orElse(null);
            boolean created = member == null;
            if (created) {
                member = store.addMember(team, user.getId());
                member.setUserName(user.getUsername());
            }
            AdminRevocation revocation = AdminRevocation.watch(session, store.realm(), team, List.of(user.getId()));
            if (member.isPending()) {
                new Invitations(session, store).accept(member);
                AdminEvents.record(adminEvent, AdminEvents.INVITATION, OperationType.ACTION,
                        InvitationsAdminResource.path(slug, userId) + "/accept", InvitationRep.of(member));
            }
            store.activate(member);
            store.setDirectRoles(member, teamRole, workspaceRoles);
            revocation.afterChange();
            ForwardTracker.touch(session, store.realm(), team, List.of(user.getId()));
            MemberRep rep = represent(member);
            AdminEvents.record(adminEvent, AdminEvents.TEAM_MEMBER, created ? OperationType.CREATE : OperationType.UPDATE,
                    path(userId), rep);
            return Response.status(created ? Response.Status.CREATED : Response.Status.OK).entity(rep)
                    .type(MediaType.APPLICATION_JSON_TYPE).build();
        });
    }

    @DELETE
    @Path("{userId}")
    public Response delete(@PathParam("userId") String userId) {
        auth.users().requireManage();
        return AdminResponses.run(session, () -> {
            TeamEntity team = store.team(slug);
            MemberEntity member = member(team, userId);
            MemberRep rep = represent(member);
            AdminRevocation revocation = AdminRevocation.watch(session, store.realm(), team, List.of(userId));
            store.removeMember(member);
            // like a SCIM DELETE: a member who rejoins later does not regain roles through old groups
            new TeamGroupStore(session, store.realm()).leaveTeamGroups(team, userId);
            revocation.afterChange();
            ForwardTracker.touch(session, store.realm(), team, List.of(userId));
            AdminEvents.record(adminEvent, AdminEvents.TEAM_MEMBER, OperationType.DELETE, path(userId), rep);
            return Response.noContent().build();
        });
    }

    private MemberEntity member(TeamEntity team, String userId) {
        return store.findMember(team, userId).orElseThrow(() ->
                DomainException.notFound("User '" + userId + "' is not a member of team '" + slug + "'"));
    }

    private UserModel user(String userId) {
        UserModel user = session.users().getUserById(store.realm(), userId);
        if (user == null) {
            throw DomainException.notFound("User '" + userId + "' not found");
        }
        return user;
    }

    private MemberRep represent(MemberEntity member) {
        UserModel user = session.users().getUserById(store.realm(), member.getUserId());
        return MemberRep.of(member, user, RoleResolver.of(store).resolve(member), store.directWorkspaceRoles(member));
    }

    private String path(String userId) {
        return "teams/" + slug + "/members/" + userId;
    }
}
