package io.preset.teams.portal;

import io.preset.teams.auth.OktaConnections;
import io.preset.teams.auth.ScimTokenEntity;
import io.preset.teams.auth.ScimTokenExpiry;
import io.preset.teams.auth.ScimTokenStore;
import io.preset.teams.auth.ScimTokenView;
import io.preset.teams.common.DomainException;
import io.preset.teams.common.JsonBody;
import io.preset.teams.events.AdminEvents;
import io.preset.teams.group.TeamGroupStore;
import io.preset.teams.invitation.Invitations;
import io.preset.teams.mapping.GroupRoleMappings;
import io.preset.teams.ownership.EmailDomainEntity;
import io.preset.teams.ownership.TeamDomains;
import io.preset.teams.roles.EffectiveRoles;
import io.preset.teams.roles.RoleResolver;
import io.preset.teams.scim.log.ProvisioningLogStore;
import io.preset.teams.scim.log.ProvisioningLogView;
import io.preset.teams.sso.SamlView;
import io.preset.teams.sso.TeamOidc;
import io.preset.teams.sso.TeamSaml;
import io.preset.teams.team.MemberEntity;
import io.preset.teams.team.MemberNames;
import io.preset.teams.team.TeamRole;
import io.preset.teams.team.WorkspaceRole;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.KeycloakSession;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * {@code /realms/{realm}/teams/{slug}/portal/api}: what the team's portal shows and changes, for its Admins and
 * for realm operators ({@link PortalAccess}). Each call checks the bearer token and the right to the team first;
 * then it runs the admin API's domain code (same checks, same messages) and records the same admin events.
 */
public class TeamPortalApi {

    private static final Set<String> TOKEN_FIELDS = Set.of("name", "expiresAt", "expiresInDays");
    private static final Set<String> DOMAIN_FIELDS = Set.of("domain");
    private static final Set<String> ENABLED_FIELDS = Set.of("enabled");

    /** The team as the portal's first page shows it: the values to paste into Okta or Entra. */
    record TeamRep(String slug, String title, String scimBaseUrl, String oktaBaseUrl, String username, boolean operator,
                   List<WorkspaceRep> workspaces, List<String> teamRoles, List<RoleOption> workspaceRoles) {
    }

    record WorkspaceRep(String name, String title) {
    }

    record RoleOption(String value, String label) {
    }

    /** A pushed group: its members and what it grants. */
    record GroupRep(String id, String displayName, long members, String teamRole, Map<String, String> workspaceRoles) {
    }

    /**
     * A member as the team sees them: the userName it provisioned (the account's username only for members an
     * operator added), never the account's email or profile, which may belong to another team.
     */
    record MemberRep(String userId, String userName, boolean active, boolean pending, EffectiveRoles.Effective teamRole,
                     Map<String, EffectiveRoles.Effective> workspaceRoles) {
    }

    record MemberPageRep(long total, int first, int max, List<MemberRep> members) {
    }

    /** An Admin through whom Okta is connected, by the team's own userName. */
    record OktaConnectionRep(String userName, Long since) {
    }

    static final int MAX_PAGE = 100;

    private final KeycloakSession session;
    private final String slug;

    TeamPortalApi(KeycloakSession session, String slug) {
        this.session = session;
        this.slug = slug;
    }

    @GET
    @Path("team")
    @Produces(MediaType.APPLICATION_JSON)
    public Response team() {
        return run(request -> {
            String teams = teamsUrl(request);
            List<WorkspaceRep> workspaces = request.store().workspaces(request.team()).stream()
                    .map(w -> new WorkspaceRep(w.getName(), w.getTitle())).toList();
            return new TeamRep(request.slug(), request.team().getTitle(), teams + request.slug() + "/scim/v2",
                    teams + "${app.teamSlug}/scim/v2", request.caller().user().getUsername(), request.caller().operator(),
                    workspaces, Arrays.stream(TeamRole.values()).map(Enum::name).toList(),
                    Arrays.stream(WorkspaceRole.values()).map(r -> new RoleOption(r.name(), r.displayName())).toList());
        });
    }

    // --- Okta's OAuth connection

    @GET
    @Path("okta")
    @Produces(MediaType.APPLICATION_JSON)
    public Response okta() {
        return run(request -> {
            Map<String, Object> rep = new TreeMap<>();
            rep.put("connections", connections(request, OktaConnections.of(session, request.realm(), request.team())));
            rep.put("lastSuccessfulCall", lastOAuthSuccess(request));
            return rep;
        });
    }

    /** When Okta (any OAuth client of the team) last got a successful answer, from the provisioning log; or null. */
    private Long lastOAuthSuccess(PortalRequest request) {
        Long last = null;
        for (Object[] client : new ProvisioningLogStore(session).lastSuccessPerClient(request.team().getId())) {
            if ("oauth".equals(client[0])) {
                long at = ((Number) client[3]).longValue();
                last = last == null ? at : Math.max(last, at);
            }
        }
        return last;
    }

    /** Revokes the Okta grants through which Okta provisions the team; Okta must then be authenticated again. */
    @POST
    @Path("okta/disconnect")
    @Produces(MediaType.APPLICATION_JSON)
    public Response disconnect() {
        return run(request -> {
            List<OktaConnectionRep> revoked = connections(request,
                    OktaConnections.disconnect(session, request.realm(), request.team()));
            Map<String, Object> rep = Map.of("revoked", revoked);
            if (!revoked.isEmpty()) {
                request.event(AdminEvents.OKTA_CONNECTION, OperationType.DELETE, "okta", rep);
            }
            return rep;
        });
    }

    private List<OktaConnectionRep> connections(PortalRequest request, List<OktaConnections.Connection> connections) {
        List<OktaConnectionRep> out = new ArrayList<>();
        for (OktaConnections.Connection connection : connections) {
            String userName = request.store().findMember(request.team(), connection.userId())
                    .map(member -> userName(request, member)).orElse(null);
            out.add(new OktaConnectionRep(userName, connection.since()));
        }
        return out;
    }

    // --- SCIM tokens (Entra, Okta's header mode)

    @GET
    @Path("scim-tokens")
    @Produces(MediaType.APPLICATION_JSON)
    public Response tokens() {
        return run(request -> tokenStore(request).list(request.team()).stream().map(ScimTokenView::of).toList());
    }

    /** Mints a token: {@code {name, expiresInDays | expiresAt}}; the secret is in this answer only. */
    @POST
    @Path("scim-tokens")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response mint(byte[] body) {
        return run(request -> {
            JsonBody json = JsonBody.parse(body, TOKEN_FIELDS);
            Long expiresAt = ScimTokenExpiry.of(json);
            ScimTokenStore.Minted minted = tokenStore(request).mint(request.team(), json.string("name"), expiresAt,
                    request.caller().user().getId(), request.caller().user().getUsername());
            ScimTokenView view = ScimTokenView.of(minted.token());
            request.event(AdminEvents.SCIM_TOKEN, OperationType.CREATE, "scim-tokens/" + view.id(), view);
            return PortalResponses.json(Response.status(201).entity(ScimTokenView.Minted.of(view, minted.secret()))).build();
        });
    }

    @DELETE
    @Path("scim-tokens/{id}")
    public Response revoke(@PathParam("id") String id) {
        return run(request -> {
            ScimTokenStore tokens = tokenStore(request);
            ScimTokenEntity token = tokens.find(request.team(), id).orElseThrow(() ->
                    DomainException.notFound("SCIM token '" + id + "' not found in team '" + request.slug() + "'"));
            if (tokens.revoke(token, request.caller().user().getUsername())) {
                request.event(AdminEvents.SCIM_TOKEN, OperationType.DELETE, "scim-tokens/" + id, ScimTokenView.of(token));
            }
            return Response.noContent().build();
        });
    }

    // --- pushed groups and their roles

    @GET
    @Path("groups")
    @Produces(MediaType.APPLICATION_JSON)
    public Response groups() {
        return run(request -> {
            TeamGroupStore groups = new TeamGroupStore(session, request.realm());
            List<TeamGroupStore.Listed> listed = groups.listed(request.team());
            List<String> ids = listed.stream().map(l -> l.entity().getGroupId()).toList();
            Map<String, TeamGroupStore.Mapping> mappings = groups.mappings(ids);
            Map<String, Long> counts = groups.memberCounts(ids);
            List<GroupRep> out = new ArrayList<>();
            for (TeamGroupStore.Listed group : listed) {
                String id = group.entity().getGroupId();
                TeamGroupStore.Mapping mapping = mappings.getOrDefault(id, new TeamGroupStore.Mapping(null, Map.of()));
                out.add(new GroupRep(id, group.name(), counts.getOrDefault(id, 0L), mapping.teamRoleName(),
                        mapping.workspaceRoleNames()));
            }
            return out;
        });
    }

    /** What saving this mapping would change, member by member; writes nothing. Same body as the PUT. */
    @POST
    @Path("groups/{groupId}/roles/preview")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response preview(@PathParam("groupId") String groupId, byte[] body) {
        return run(request -> mappings(request).preview(change(request, groupId, body)));
    }

    /** Replaces the group's mapping through the admin API's write path: {@code {teamRole, workspaceRoles}}. */
    @PUT
    @Path("groups/{groupId}/roles")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response setRoles(@PathParam("groupId") String groupId, byte[] body) {
        return run(request -> {
            TeamGroupStore.Mapping saved = mappings(request).apply(change(request, groupId, body));
            Map<String, Object> rep = new TreeMap<>();
            rep.put("teamRole", saved.teamRoleName());
            rep.put("workspaceRoles", saved.workspaceRoleNames());
            request.event(AdminEvents.GROUP_ROLES, OperationType.UPDATE, "groups/" + groupId + "/roles", rep);
            return rep;
        });
    }

    // --- single sign-on (the team's SAML identity provider)

    /** The settings, or (none yet) the values to type into the IdP's SAML app first. */
    @GET
    @Path("sso")
    @Produces(MediaType.APPLICATION_JSON)
    public Response sso() {
        return run(request -> {
            TeamSaml saml = saml(request);
            Map<String, Object> rep = new TreeMap<>();
            Optional<SamlView> samlView = saml.find(request.team());
            Optional<TeamOidc.OidcView> oidcView = oidc(request).find(request.team());
            rep.put("configured", samlView.isPresent() || oidcView.isPresent());
            samlView.ifPresent(view -> rep.put("saml", view));
            oidcView.ifPresent(view -> rep.put("oidc", view));
            rep.put("sp", saml.spValues(request.team()));
            // the Okta dashboard tile: a Bookmark App to this URL signs in through the team's IdP to the web app
            rep.put("tileUrl", teamsUrl(request) + request.slug() + "/sso/start");
            return rep;
        });
    }

    /** Saves the settings from metadata XML, a metadata URL or three values, with the admin API's rules. */
    @PUT
    @Path("sso")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response saveSso(byte[] body) {
        return run(request -> {
            TeamSaml.Saved saved = saml(request).put(request.team(), JsonBody.parse(body, TeamSaml.FIELDS));
            for (EmailDomainEntity claim : saved.claimed()) {
                request.event(AdminEvents.DOMAIN, OperationType.CREATE, "domains/" + claim.getDomain(), TeamDomains.view(claim));
            }
            request.event(AdminEvents.IDENTITY_PROVIDER, saved.created() ? OperationType.CREATE : OperationType.UPDATE,
                    "saml", saved.view());
            return PortalResponses.json(Response.status(saved.created() ? 201 : 200).entity(saved.view())).build();
        });
    }

    /** Saves an OIDC app ({@code {issuer, clientId, clientSecret, clientAuthMethod}}) as the team's single sign-on. */
    @PUT
    @Path("sso/oidc")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response saveOidc(byte[] body) {
        return run(request -> {
            TeamOidc.Saved saved = oidc(request).put(request.team(), JsonBody.parse(body, TeamOidc.FIELDS));
            for (EmailDomainEntity claim : saved.claimed()) {
                request.event(AdminEvents.DOMAIN, OperationType.CREATE, "domains/" + claim.getDomain(), TeamDomains.view(claim));
            }
            request.event(AdminEvents.IDENTITY_PROVIDER, saved.created() ? OperationType.CREATE : OperationType.UPDATE,
                    "oidc", saved.view());
            return PortalResponses.json(Response.status(saved.created() ? 201 : 200).entity(saved.view())).build();
        });
    }

    /** {@code {enabled}}: turns sign-in through the IdP off (or on again) without forgetting its settings. */
    @PUT
    @Path("sso/enabled")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response ssoEnabled(byte[] body) {
        return run(request -> {
            JsonBody json = JsonBody.parse(body, ENABLED_FIELDS);
            if (json.value("enabled") == null || !json.value("enabled").isBoolean()) {
                throw DomainException.invalid("Field 'enabled' must be true or false");
            }
            boolean enabled = json.value("enabled").booleanValue();
            TeamOidc oidc = oidc(request);
            if (oidc.isSet(request.team())) {
                TeamOidc.OidcView view = oidc.setEnabled(request.team(), enabled);
                request.event(AdminEvents.IDENTITY_PROVIDER, OperationType.UPDATE, "oidc", view);
                return view;
            }
            SamlView view = saml(request).setEnabled(request.team(), enabled);
            request.event(AdminEvents.IDENTITY_PROVIDER, OperationType.UPDATE, "saml", view);
            return view;
        });
    }

    @POST
    @Path("sso/refresh")
    @Produces(MediaType.APPLICATION_JSON)
    public Response refreshSso() {
        return run(request -> {
            SamlView view = saml(request).refresh(request.team());
            request.event(AdminEvents.IDENTITY_PROVIDER, OperationType.ACTION, "saml/refresh", view);
            return view;
        });
    }

    @DELETE
    @Path("sso/previous-certificates")
    @Produces(MediaType.APPLICATION_JSON)
    public Response dropPreviousCertificates() {
        return run(request -> {
            SamlView view = saml(request).dropPreviousCertificates(request.team());
            request.event(AdminEvents.IDENTITY_PROVIDER, OperationType.DELETE, "saml/previous-certificates", view);
            return view;
        });
    }

    /** Removes the team's single sign-on, SAML or OIDC. */
    @DELETE
    @Path("sso")
    public Response deleteSso() {
        return run(request -> {
            TeamOidc oidc = oidc(request);
            if (oidc.isSet(request.team())) {
                request.event(AdminEvents.IDENTITY_PROVIDER, OperationType.DELETE, "oidc", oidc.delete(request.team()));
            } else {
                request.event(AdminEvents.IDENTITY_PROVIDER, OperationType.DELETE, "saml", saml(request).delete(request.team()));
            }
            return Response.noContent().build();
        });
    }

    private TeamOidc oidc(PortalRequest request) {
        return new TeamOidc(session, request.store());
    }

    /** {@code {keycloak}/realms/{realm}/teams/}, under which every team's SCIM, portal and tile URLs are. */
    private String teamsUrl(PortalRequest request) {
        return session.getContext().getUri().getBaseUri().toString().replaceAll("/+$", "")
                + "/realms/" + request.realm().getName() + "/teams/";
    }

    private TeamSaml saml(PortalRequest request) {
        return new TeamSaml(session, request.store());
    }

    // --- email domains

    @GET
    @Path("domains")
    @Produces(MediaType.APPLICATION_JSON)
    public Response domains() {
        return run(request -> teamDomains(request).ofTeam(request.team()).stream().map(TeamDomains::view).toList());
    }

    /** Claims a domain ({@code {domain}}); it counts only once its DNS TXT record is verified. */
    @POST
    @Path("domains")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response claim(byte[] body) {
        return run(request -> {
            EmailDomainEntity claim = teamDomains(request).claim(request.team(), JsonBody.parse(body, DOMAIN_FIELDS).string("domain"));
            Map<String, Object> view = TeamDomains.view(claim);
            request.event(AdminEvents.DOMAIN, OperationType.CREATE, "domains/" + claim.getDomain(), view);
            return PortalResponses.json(Response.status(201).entity(view)).build();
        });
    }

    /**
     * Looks the claim's TXT record up now. Only the DNS proves a domain here: a team's Admin cannot vouch for it
     * as an operator can. Not verified is a 200 with the reason in {@code lastCheckError}.
     */
    @POST
    @Path("domains/{domain}/verify")
    @Produces(MediaType.APPLICATION_JSON)
    public Response verify(@PathParam("domain") String domain) {
        return run(request -> {
            TeamDomains domains = teamDomains(request);
            EmailDomainEntity claim = domains.require(request.team(), domain);
            domains.verifyByDns(claim);
            Map<String, Object> view = TeamDomains.view(claim);
            request.event(AdminEvents.DOMAIN, OperationType.ACTION, "domains/" + claim.getDomain() + "/verify", view);
            return view;
        });
    }

    /** Withdraws a claim: a verified domain stops routing sign-ins to the team's IdP and creating accounts. */
    @DELETE
    @Path("domains/{domain}")
    public Response unclaim(@PathParam("domain") String domain) {
        return run(request -> {
            TeamDomains domains = teamDomains(request);
            EmailDomainEntity claim = domains.require(request.team(), domain);
            Map<String, Object> view = TeamDomains.view(claim);
            domains.remove(claim);
            request.event(AdminEvents.DOMAIN, OperationType.DELETE, "domains/" + claim.getDomain(), view);
            return Response.noContent().build();
        });
    }

    private TeamDomains teamDomains(PortalRequest request) {
        return TeamDomains.of(session);
    }

    // --- members

    /** A page of the members, searched by userName, with effective roles and where each comes from. */
    @GET
    @Path("members")
    @Produces(MediaType.APPLICATION_JSON)
    public Response members(@QueryParam("search") String search, @QueryParam("first") String first,
                            @QueryParam("max") String max) {
        return run(request -> {
            int from = PortalParams.number("first", first, 0, 0, Integer.MAX_VALUE);
            int size = PortalParams.number("max", max, 20, 1, MAX_PAGE);
            boolean searching = search != null && !search.isBlank();
            List<MemberEntity> page = searching
                    ? request.store().searchMembers(request.team(), search.strip(), from, size)
                    : request.store().members(request.team(), from, size);
            long total = searching ? request.store().countMembers(request.team(), search.strip())
                    : request.store().countMembers(request.team());
            RoleResolver roles = RoleResolver.of(request.store());
            List<MemberRep> out = new ArrayList<>();
            for (MemberEntity member : page) {
                EffectiveRoles effective = roles.resolve(member);
                out.add(new MemberRep(member.getUserId(), userName(request, member), member.isActive(), member.isPending(),
                        effective.teamRole(), effective.workspaceRoles()));
            }
            return new MemberPageRep(total, from, size, out);
        });
    }

    // --- pending invitations (accounts the team does not own, which their holders must accept)

    /** An invitation by the team's own userName, never the account's email or profile. */
    record InvitationRep(String userId, String userName, long invitedAt) {
        static InvitationRep of(MemberEntity member) {
            return new InvitationRep(member.getUserId(), member.getUserName(),
                    member.getInvitedAt() != null ? member.getInvitedAt() : member.getCreatedAt());
        }
    }

    record InvitationPageRep(long total, int first, int max, List<InvitationRep> invitations) {
    }

    @GET
    @Path("invitations")
    @Produces(MediaType.APPLICATION_JSON)
    public Response invitations(@QueryParam("first") String first, @QueryParam("max") String max) {
        return run(request -> {
            int from = PortalParams.number("first", first, 0, 0, Integer.MAX_VALUE);
            int size = PortalParams.number("max", max, 20, 1, MAX_PAGE);
            List<InvitationRep> page = request.store().pendingInvitations(request.team(), from, size).stream()
                    .map(InvitationRep::of).toList();
            return new InvitationPageRep(request.store().countPendingInvitations(request.team()), from, size, page);
        });
    }

    /** Revokes an invitation: the pending membership goes, and the team's SCIM no longer sees the account. */
    @DELETE
    @Path("invitations/{userId}")
    public Response revokeInvitation(@PathParam("userId") String userId) {
        return run(request -> {
            Invitations invitations = new Invitations(session, request.store());
            MemberEntity member = invitations.require(request.team(), userId);
            InvitationRep rep = InvitationRep.of(member);
            invitations.remove(member);
            request.event(AdminEvents.INVITATION, OperationType.DELETE, "invitations/" + userId, rep);
            return Response.noContent().build();
        });
    }

    // --- the provisioning log (what Okta or Entra asked, and what they were answered)

    @GET
    @Path("log")
    @Produces(MediaType.APPLICATION_JSON)
    public Response log(@QueryParam("status") String status, @QueryParam("user") String user,
                        @QueryParam("since") String since, @QueryParam("first") String first,
                        @QueryParam("max") String max) {
        return run(request -> {
            int from = PortalParams.number("first", first, 0, 0, Integer.MAX_VALUE);
            int size = PortalParams.number("max", max, 20, 1, MAX_PAGE);
            ProvisioningLogStore.Filter filter = ProvisioningLogView.filter(status, user, since);
            return new ProvisioningLogStore(session).list(request.team().getId(), filter, from, size)
                    .stream().map(ProvisioningLogView::entry).toList();
        });
    }

    private String userName(PortalRequest request, MemberEntity member) {
        return MemberNames.of(session, request.realm(), member);
    }


    private GroupRoleMappings mappings(PortalRequest request) {
        return new GroupRoleMappings(session, request.realm());
    }

    /** The body of a mapping change, read with the admin API's checks and messages. */
    private GroupRoleMappings.Change change(PortalRequest request, String groupId, byte[] body) {
        return mappings(request).parse(request.team(), groupId, JsonBody.parse(body, GroupRoleMappings.FIELDS));
    }

    private ScimTokenStore tokenStore(PortalRequest request) {
        return new ScimTokenStore(session, request.realm());
    }

    private Response run(Function<PortalRequest, Object> action) {
        return PortalResponses.run(session, () -> action.apply(PortalRequest.of(session, slug)));
    }
}
