package io.preset.teams.admin;

import io.preset.teams.common.DomainException;
import io.preset.teams.common.JsonBody;
import io.preset.teams.events.AdminEvents;
import io.preset.teams.ownership.EmailDomainEntity;
import io.preset.teams.ownership.TeamDomains;
import io.preset.teams.team.TeamEntity;
import io.preset.teams.team.TeamStore;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * {@code /admin/realms/{realm}/teams/{slug}/domains}: a team's email-domain claims. A claim counts only once
 * verified, by an operator ({@code POST .../verify {"method":"operator"}}) or by the DNS TXT record
 * {@code preset-domain-verification=<token>} ({@code POST .../verify}).
 */
public class DomainsAdminResource extends TeamSubResource {

    private static final Set<String> CLAIM_FIELDS = Set.of("domain");
    private static final Set<String> VERIFY_FIELDS = Set.of("method");

    DomainsAdminResource(KeycloakSession session, AdminPermissionEvaluator auth, AdminEventBuilder adminEvent,
                         TeamStore store, String slug) {
        super(session, auth, adminEvent, store, slug);
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response list() {
        auth.users().requireView();
        return AdminResponses.run(session, () -> Response.ok(domains().ofTeam(store.team(slug)).stream()
                .map(DomainsAdminResource::rep).toList()).build());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response claim(byte[] body) {
        auth.users().requireManage();
        return AdminResponses.run(session, () -> {
            TeamEntity team = store.team(slug);
            JsonBody json = JsonBody.parse(body, CLAIM_FIELDS);
            EmailDomainEntity claim = domains().claim(team, json.string("domain"));
            Map<String, Object> rep = recordClaimed(adminEvent, slug, claim);
            return Response.created(session.getContext().getUri().getAbsolutePathBuilder().path(claim.getDomain()).build())
                    .entity(rep).type(MediaType.APPLICATION_JSON_TYPE).build();
        });
    }

    @GET
    @Path("{domain}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response get(@PathParam("domain") String domain) {
        auth.users().requireView();
        return AdminResponses.run(session, () -> Response.ok(rep(domains().require(store.team(slug), domain))).build());
    }

    /**
     * {@code {"method":"operator"}}: the operator vouches for the claim; otherwise the DNS record is looked up. A
     * look-up that does not verify answers 200 with {@code verified: false} and the reason in {@code lastCheckError}:
     * the request was valid and its outcome (the check) is recorded; it is the domain's DNS that is not ready yet.
     */
    @POST
    @Path("{domain}/verify")
    @Produces(MediaType.APPLICATION_JSON)
    public Response verify(@PathParam("domain") String domain, byte[] body) {
        auth.users().requireManage();
        return AdminResponses.run(session, () -> {
            TeamEntity team = store.team(slug);
            String text = JsonBody.text(body);
            JsonBody json = text == null || text.isBlank() ? null : JsonBody.parse(text, VERIFY_FIELDS);
            String method = json == null || !json.has("method") ? EmailDomainEntity.BY_DNS : json.string("method");
            EmailDomainEntity claim = domains().require(team, domain);
            boolean wasVerified = claim.isVerified();
            Long checkedBefore = claim.getLastCheckedAt();
            switch (method) {
                case EmailDomainEntity.BY_OPERATOR -> domains().verifyByOperator(claim);
                case EmailDomainEntity.BY_DNS -> domains().verifyByDns(claim);
                default -> throw DomainException.invalid("'method' must be 'operator' or 'dns'");
            }
            Map<String, Object> rep = rep(claim);
            // a failed DNS check changes the claim's status fields, so it is recorded too
            if (claim.isVerified() != wasVerified || !Objects.equals(checkedBefore, claim.getLastCheckedAt())) {
                AdminEvents.record(adminEvent, AdminEvents.DOMAIN, OperationType.ACTION, path(claim.getDomain()) + "/verify", rep);
            }
            return Response.ok(rep).build();
        });
    }

    @DELETE
    @Path("{domain}")
    public Response delete(@PathParam("domain") String domain) {
        auth.users().requireManage();
        return AdminResponses.run(session, () -> {
            EmailDomainEntity claim = domains().require(store.team(slug), domain);
            Map<String, Object> rep = rep(claim);
            domains().remove(claim);
            AdminEvents.record(adminEvent, AdminEvents.DOMAIN, OperationType.DELETE, path(claim.getDomain()), rep);
            return Response.noContent().build();
        });
    }

    private TeamDomains domains() {
        return TeamDomains.of(session);
    }

    /** Records the admin event of a new claim (also made by the SAML settings' {@code emailDomains}). */
    static Map<String, Object> recordClaimed(AdminEventBuilder adminEvent, String slug, EmailDomainEntity claim) {
        Map<String, Object> rep = rep(claim);
        AdminEvents.record(adminEvent, AdminEvents.DOMAIN, OperationType.CREATE, path(slug, claim.getDomain()), rep);
        return rep;
    }

    static Map<String, Object> rep(EmailDomainEntity claim) {
        return TeamDomains.view(claim);
    }

    private String path(String domain) {
        return path(slug, domain);
    }

    private static String path(String slug, String domain) {
        return "teams/" + slug + "/domains/" + domain;
    }
}
