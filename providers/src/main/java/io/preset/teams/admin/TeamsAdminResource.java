package io.preset.teams.admin;

import io.preset.teams.admin.Representations.TeamRep;
import io.preset.teams.auth.ScimTokenStore;
import io.preset.teams.common.DomainException;
import io.preset.teams.common.JsonBody;
import io.preset.teams.events.AdminEvents;
import io.preset.teams.forward.ForwardConfigs;
import io.preset.teams.forward.OutboxStore;
import io.preset.teams.group.TeamGroupStore;
import io.preset.teams.scim.log.ProvisioningLogStore;
import io.preset.teams.sso.TeamIdentityProviders;
import io.preset.teams.team.TeamEntity;
import io.preset.teams.team.TeamStore;
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
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

import java.util.Set;

/**
 * {@code /admin/realms/{realm}/teams}: teams, and the locators of their workspaces and members.
 * Reading needs view-users, writing manage-users.
 */
public class TeamsAdminResource {

    private static final Set<String> CREATE_FIELDS = Set.of("slug", "title");
    private static final Set<String> UPDATE_FIELDS = Set.of("slug", "title");

    private final KeycloakSession session;
    private final AdminPermissionEvaluator auth;
    private final AdminEventBuilder adminEvent;
    private final TeamStore store;

    public TeamsAdminResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth,
                              AdminEventBuilder adminEvent) {
        this.session = session;
        this.auth = auth;
        this.adminEvent = adminEvent;
        this.store = new TeamStore(session, realm);
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response list() {
        auth.users().requireView();
        return Response.ok(store.teams().stream().map(TeamRep::of).toList()).build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response create(byte[] body) {
        auth.users().requireManage();
        return AdminResponses.run(session, () -> {
            JsonBody json = JsonBody.parse(body, CREATE_FIELDS);
            TeamEntity team = store.createTeam(json.string("slug"), json.string("title"));
            TeamRep rep = TeamRep.of(team);
            AdminEvents.record(adminEvent, AdminEvents.TEAM, OperationType.CREATE, "teams/" + team.getSlug(), rep);
            return Response.created(session.getContext().getUri().getAbsolutePathBuilder().path(team.getSlug()).build())
                    .entity(rep).type(MediaType.APPLICATION_JSON_TYPE).build();
        });
    }

    @GET
    @Path("{slug}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response get(@PathParam("slug") String slug) {
        auth.users().requireView();
        return AdminResponses.run(session, () -> Response.ok(TeamRep.of(store.team(slug))).build());
    }

    @PUT
    @Path("{slug}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response update(@PathParam("slug") String slug, byte[] body) {
        auth.users().requireManage();
        return AdminResponses.run(session, () -> {
            TeamEntity team = store.team(slug);
            JsonBody json = JsonBody.parse(body, UPDATE_FIELDS);
            if (json.has("slug") && !slug.equals(json.string("slug"))) {
                throw DomainException.invalid("A team's slug cannot change");
            }
            store.updateTeam(team, json.string("title"));
            TeamRep rep = TeamRep.of(team);
            AdminEvents.record(adminEvent, AdminEvents.TEAM, OperationType.UPDATE, "teams/" + slug, rep);
            return Response.ok(rep).build();
        });
    }

    @DELETE
    @Path("{slug}")
    public Response delete(@PathParam("slug") String slug) {
        auth.users().requireManage();
        return AdminResponses.run(session, () -> {
            TeamEntity team = store.team(slug);
            TeamRep rep = TeamRep.of(team);
            new TeamGroupStore(session, store.realm()).deleteAllOfTeam(team);
            new ScimTokenStore(session, store.realm()).deleteAllOfTeam(team);
            new TeamIdentityProviders(session, store.realm()).delete(team);
            new ForwardConfigs(store.realm()).delete(team.getSlug());
            new OutboxStore(session).deleteAllOfTeam(team.getId());
            new ProvisioningLogStore(session).deleteAllOfTeam(team.getId());
            store.deleteTeam(team);
            AdminEvents.record(adminEvent, AdminEvents.TEAM, OperationType.DELETE, "teams/" + slug, rep);
            return Response.noContent().build();
        });
    }

    @Path("{slug}/workspaces")
    public WorkspacesAdminResource workspaces(@PathParam("slug") String slug) {
        return new WorkspacesAdminResource(session, auth, adminEvent, store, slug);
    }

    @Path("{slug}/groups")
    public GroupsAdminResource groups(@PathParam("slug") String slug) {
        return new GroupsAdminResource(session, auth, adminEvent, store, slug);
    }

    @Path("{slug}/scim-tokens")
    public ScimTokensAdminResource scimTokens(@PathParam("slug") String slug) {
        return new ScimTokensAdminResource(session, auth, adminEvent, store, slug);
    }

    @Path("{slug}/saml")
    public TeamSamlAdminResource saml(@PathParam("slug") String slug) {
        return new TeamSamlAdminResource(session, auth, adminEvent, store, slug);
    }

    @Path("{slug}/oidc")
    public TeamOidcAdminResource oidc(@PathParam("slug") String slug) {
        return new TeamOidcAdminResource(session, auth, adminEvent, store, slug);
    }

    @Path("{slug}/forwarding")
    public ForwardingAdminResource forwarding(@PathParam("slug") String slug) {
        return new ForwardingAdminResource(session, auth, adminEvent, store, slug);
    }

    @Path("{slug}/domains")
    public DomainsAdminResource domains(@PathParam("slug") String slug) {
        return new DomainsAdminResource(session, auth, adminEvent, store, slug);
    }

    @Path("{slug}/invitations")
    public InvitationsAdminResource invitations(@PathParam("slug") String slug) {
        return new InvitationsAdminResource(session, auth, adminEvent, store, slug);
    }

    @Path("{slug}/provisioning-log")
    public ProvisioningLogAdminResource provisioningLog(@PathParam("slug") String slug) {
        return new ProvisioningLogAdminResource(session, auth, adminEvent, store, slug);
    }

    @Path("{slug}/health")
    public TeamHealthAdminResource health(@PathParam("slug") String slug) {
        return new TeamHealthAdminResource(session, auth, adminEvent, store, slug);
    }

    @Path("{slug}/members")
    public MembersAdminResource members(@PathParam("slug") String slug) {
        return new MembersAdminResource(session, auth, adminEvent, store, slug);
    }
}
